"""The upload page (staff with permission) and the public explorer."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from napmon.events.models import Event
from napmon.events.services import import_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer_user(db):
    user = User.objects.create_user("importer", password="x-Secret-123")
    user.user_permissions.add(Permission.objects.get(codename="add_importbatch"))
    return user


def test_upload_needs_login_and_permission(client, db):
    url = reverse("events:upload")
    assert client.get(url).status_code == 302
    User.objects.create_user("plain", password="x-Secret-123")
    client.login(username="plain", password="x-Secret-123")
    assert client.get(url).status_code == 403


def test_upload_imports_and_shows_the_report(client, importer_user, reference, data_dir):
    client.force_login(importer_user)
    with (data_dir / "gtd/valid/gtd_pakistan.csv").open("rb") as fh:
        response = client.post(reverse("events:upload"), {"format": "gtd", "file": fh})
    assert response.status_code == 200
    assert response.context["report"].imported == 12
    assert b"Xyzabad Agency" in response.content
    assert Event.objects.count() == 12
    assert Event.objects.first().batch.created_by == importer_user


def test_upload_of_a_bad_file_shows_the_problem(client, importer_user, reference, data_dir):
    client.force_login(importer_user)
    with (data_dir / "ucdp/with-problems/impossible_date.csv").open("rb") as fh:
        response = client.post(reverse("events:upload"), {"format": "ucdp", "file": fh})
    assert response.context["error"].code == "invalid_date"
    assert b"Nothing was imported" in response.content and b"2014-02-30" in response.content
    assert Event.objects.count() == 0


def test_upload_is_csrf_protected(importer_user, reference):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(importer_user)
    assert client.post(reverse("events:upload"), {"format": "gtd"}).status_code == 403


def test_explorer_lists_no_aggregate_only_rows_to_the_public(client, reference, data_dir):
    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")  # GTD: aggregate-only
    response = client.get(reverse("events:explorer"), {"province": "PK-BA"})
    assert response.context["totals"]["events"] == 0
    assert len(response.context["page"].object_list) == 0
    text = response.content.decode()
    assert "Not listed here: GTD" in text and "No events match these filters." in text


def test_explorer_filters_and_totals(client, reference, data_dir):
    from django.contrib.auth.models import Permission, User

    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    analyst = User.objects.create_user("analyst", password="x")
    analyst.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    client.force_login(analyst)
    response = client.get(reverse("events:explorer"))
    assert response.status_code == 200
    assert response.context["totals"]["events"] == 11  # the Kandahar row is not Pakistan's
    assert b"Kandahar" not in response.content
    assert b"11 events in Pakistan" in response.content
    everywhere = client.get(reverse("events:explorer"), {"country": "all"})
    assert everywhere.context["totals"]["events"] == 12 and b"Kandahar" in everywhere.content
    response = client.get(
        reverse("events:explorer"), {"province": "PK-BA", "date_from": "2013-01-01"}
    )
    assert response.context["totals"] == {"events": 2, "killed": 92, "injured": 121}
    assert b"2 events in Pakistan, 92 killed, 121 injured" in response.content
    assert len(response.context["page"].object_list) == 2
    assert b"Lashkar-e-Jhangvi" in response.content


def test_a_large_upload_is_imported_by_the_worker_with_progress(
    client, importer_user, reference, data_dir, settings, tmp_path
):
    from napmon.core.models import TaskProgress
    from napmon.core.tasks import run_pending

    settings.MEDIA_ROOT = tmp_path
    settings.NAPMON_BACKGROUND_IMPORT_MB = 0.001  # every sample file counts as large
    client.force_login(importer_user)
    with (data_dir / "gtd/valid/gtd_pakistan.csv").open("rb") as fh:
        response = client.post(reverse("events:upload"), {"format": "gtd", "file": fh})
    task = TaskProgress.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/"
    assert Event.objects.count() == 0  # nothing imported inside the request
    assert "Waiting for a worker" in client.get(response["Location"]).content.decode()

    assert run_pending() == 1
    task.refresh_from_db()
    assert task.status == "succeeded"
    assert task.result["summary"]["imported"] == 12
    assert Event.objects.count() == 12
    assert Event.objects.first().batch.created_by == importer_user
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "imported" in page and "/events/?dataset=" in page
    assert not list((tmp_path / "task-uploads").rglob("*.csv"))  # the upload was removed


def test_a_bad_large_upload_fails_its_task_with_the_message(
    client, importer_user, reference, data_dir, settings, tmp_path
):
    from napmon.core.models import TaskProgress
    from napmon.core.tasks import run_pending

    settings.MEDIA_ROOT = tmp_path
    settings.NAPMON_BACKGROUND_IMPORT_MB = 0.0001
    client.force_login(importer_user)
    with (data_dir / "ucdp/with-problems/impossible_date.csv").open("rb") as fh:
        client.post(reverse("events:upload"), {"format": "ucdp", "file": fh})
    run_pending()
    task = TaskProgress.objects.get()
    assert task.status == "failed" and task.error_code == "invalid_date"
    assert "nothing was imported" in task.error
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [{}, {"province": "PK-BA"}, {"date_from": "2013-01-01", "country": "all"}, {"type": True}],
)
def test_the_explorer_totals_are_the_events_it_lists(client, reference, data_dir, query):
    """The totals (read from the summary tables) and the number of pages are exact: they
    equal the rows the explorer lists, filters and all."""
    from django.contrib.auth.models import Permission, User

    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    analyst = User.objects.create_user("analyst", password="x")
    analyst.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    client.force_login(analyst)
    if query.pop("type", None):  # a type filter reads the daily table
        query["event_type"] = Event.objects.exclude(event_type="").values_list(
            "event_type", flat=True
        )[0]
    response = client.get(reverse("events:explorer"), query)
    listed = list(response.context["page"].object_list)
    totals = response.context["totals"]
    assert totals["events"] == len(listed) == response.context["page"].paginator.count > 0
    known = [e.killed for e in listed if e.killed is not None]
    assert totals["killed"] == (sum(known) if known else None)
    assert f"{totals['events']} events in".encode() in response.content


def test_a_rolled_back_import_leaves_the_explorer_totals(client, reference, data_dir):
    from napmon.events.models import ImportBatch
    from napmon.events.services import rollback_batch

    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    admin = User.objects.create_superuser("root", password="x-Secret-123")
    client.force_login(admin)
    assert client.get(reverse("events:explorer")).context["totals"]["events"] == 11
    rollback_batch(ImportBatch.objects.get().pk, user=admin)
    response = client.get(reverse("events:explorer"))
    assert response.context["totals"]["events"] == 0 == len(response.context["page"].object_list)


def test_a_long_list_is_listed_up_to_a_limit_and_says_so(
    client, reference, data_dir, monkeypatch, urdu_fragments
):
    """Deep pages are not listed (an OFFSET over a million rows took seconds); the page
    says how many are listed and the totals still count every event."""
    from napmon.events import views

    monkeypatch.setattr(views, "MAX_LISTED", 5)
    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    admin = User.objects.create_superuser("root", password="x-Secret-123")
    client.force_login(admin)
    response = client.get(reverse("events:explorer"), {"page": 3})
    assert response.context["totals"]["events"] == 11
    assert len(response.context["page"].object_list) == 5
    assert b"Only the first 5 events are listed page by page" in response.content
    assert b"11 events in Pakistan" in response.content
    few = client.get(reverse("events:explorer"), {"province": "PK-BA"})
    assert b"listed page by page" not in few.content
    urdu = client.get(reverse("events:explorer"), HTTP_ACCEPT_LANGUAGE="ur")
    assert "صفحہ بہ صفحہ صرف پہلے 5 واقعات" in urdu.content.decode()
