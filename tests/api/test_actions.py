"""Actions, milestones and funding through the API, and the CLI's JSON equal to the API's."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from napmon.core.models import AuditEntry
from napmon.reporting.models import Action, Funding

pytestmark = pytest.mark.django_db

PAST = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
FUTURE = (timezone.localdate() + dt.timedelta(days=60)).isoformat()


def _post(client, path, data, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


def _patch(client, path, data, **headers):
    return client.patch(path, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def api_action(cycle, token_for):
    """Punjab's reporter records an action with an overdue milestone through the API."""
    headers = token_for(cycle["users"]["punjab"], "write")
    client = Client()
    made = _post(
        client,
        "/api/v1/actions",
        {"version": "2021", "point": 4, "title": "Train investigators", "due_date": FUTURE},
        **headers,
    )
    assert made.status_code == 201, made.content
    action_id = made.json()["id"]
    added = _post(
        client,
        f"/api/v1/actions/{action_id}/milestones",
        {"title": "Curriculum", "due_date": PAST},
        **headers,
    )
    assert added.status_code == 201
    return action_id


def test_reporter_creates_action_with_overdue_milestone(api_action, cycle, token_for):
    client = Client()
    data = client.get(f"/api/v1/actions/{api_action}", **token_for(cycle["users"]["punjab"])).json()
    assert data["body"] == "punjab"
    assert data["percent_done"] is None
    assert data["overdue_milestones"] == 1
    assert data["milestones"][0]["overdue"] is True
    assert AuditEntry.objects.filter(action="reporting.milestone.created").count() == 1


def test_read_token_may_not_write(cycle, token_for):
    response = _post(
        Client(),
        "/api/v1/actions",
        {"version": "2021", "point": 4, "title": "x"},
        **token_for(cycle["users"]["punjab"], "read"),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


def test_other_body_and_public_do_not_see_unpublished(api_action, cycle, token_for):
    client = Client()
    assert client.get(f"/api/v1/actions/{api_action}").status_code == 404
    other = client.get(f"/api/v1/actions/{api_action}", **token_for(cycle["users"]["kp"]))
    assert other.status_code == 404
    assert client.get("/api/v1/actions").json() == []


def test_other_bodys_reporter_may_not_patch_published(api_action, cycle, token_for):
    client = Client()
    coordinator = token_for(cycle["users"]["coordinator"], "write")
    published = _patch(client, f"/api/v1/actions/{api_action}", {"published": True}, **coordinator)
    assert published.status_code == 200 and published.json()["published"] is True
    refused = _patch(
        client,
        f"/api/v1/actions/{api_action}",
        {"status": "done"},
        **token_for(cycle["users"]["kp"], "write"),
    )
    assert refused.status_code == 403
    assert [a["id"] for a in client.get("/api/v1/actions").json()] == [api_action]


def test_reporter_may_not_publish_and_stale_row_version_conflicts(api_action, cycle, token_for):
    client = Client()
    headers = token_for(cycle["users"]["punjab"], "write")
    path = f"/api/v1/actions/{api_action}"
    assert _patch(client, path, {"published": True}, **headers).status_code == 403
    ok = _patch(client, path, {"percent_done": 30, "row_version": 1}, **headers)
    assert ok.status_code == 200 and ok.json()["percent_done"] == 30
    stale = _patch(client, path, {"percent_done": 40, "row_version": 1}, **headers)
    assert stale.status_code == 409
    assert _patch(client, path, {"percent_done": 140}, **headers).status_code == 422


def test_complete_milestone_naming_the_monthly_report(api_action, cycle, token_for):
    client = Client()
    headers = token_for(cycle["users"]["punjab"], "write")
    milestone = Action.objects.get(pk=api_action).milestones.get()
    done = _post(
        client,
        f"/api/v1/milestones/{milestone.pk}/complete",
        {"report": cycle["report"].pk, "evidence_url": "https://example.org/minutes.pdf"},
        **headers,
    )
    assert done.status_code == 200
    row = done.json()["milestones"][0]
    assert row["done_on"] == timezone.localdate().isoformat()
    assert row["report"] == cycle["report"].pk
    assert done.json()["overdue_milestones"] == 0


def test_funding_is_public_and_coordinators_record(cycle, token_for):
    client = Client()
    seeded = client.get("/api/v1/funding?version=2021&point=10").json()
    assert [(f["kind"], f["amount"], f["fiscal_year"]) for f in seeded] == [
        ("allocated", 600000000000, None)
    ]
    assert seeded[0]["source"]["key"] == "issra-via-article"
    payload = {
        "version": "2021",
        "point": 7,
        "kind": "released",
        "amount": 2500000,
        "fiscal_year": 2024,
        "body": "punjab",
        "reference": "Punjab budget 2024-25",
    }
    refused = _post(
        client, "/api/v1/funding", payload, **token_for(cycle["users"]["punjab"], "write")
    )
    assert refused.status_code == 403
    made = _post(
        client, "/api/v1/funding", payload, **token_for(cycle["users"]["coordinator"], "write")
    )
    assert made.status_code == 201
    assert made.json()["fiscal_year_label"] == "2024-25"
    unsourced = _post(
        client,
        "/api/v1/funding",
        {**payload, "reference": ""},
        **token_for(cycle["users"]["coordinator"], "write"),
    )
    assert unsourced.status_code == 422 and unsourced.json()["field"] == "reference"
    changed = _patch(
        client,
        f"/api/v1/funding/{made.json()['id']}",
        {"amount": 3000000, "fiscal_year": 2023},
        **token_for(cycle["users"]["coordinator"], "write"),
    )
    assert changed.status_code == 200
    assert (changed.json()["amount"], changed.json()["fiscal_year_label"]) == (3000000, "2023-24")
    assert AuditEntry.objects.filter(action="reporting.funding.changed").count() == 1
    removed = client.delete(
        f"/api/v1/funding/{made.json()['id']}", **token_for(cycle["users"]["coordinator"], "write")
    )
    assert removed.status_code == 200
    assert not Funding.objects.filter(point__number=7, point__version__label="2021").exists()


def _cli(*args) -> list:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_cli_json_equals_api_json(api_action, cycle, token_for):
    staff = Client().get("/api/v1/actions", **token_for(cycle["users"]["coordinator"])).json()
    assert _cli("actions", "list", "--json") == staff
    assert staff[0]["overdue_milestones"] == 1
    public = Client().get("/api/v1/actions?version=2021&point=4").json()
    assert _cli("actions", "list", "--public", "--point", "2021/4", "--json") == public
    funding = Client().get("/api/v1/funding?version=2021").json()
    assert _cli("funding", "list", "--version", "2021", "--json") == funding
    assert len(funding) == 2


def test_patch_milestone_moves_its_due_date_audited(api_action, cycle, token_for):
    client = Client()
    milestone = Action.objects.get(pk=api_action).milestones.get()
    path = f"/api/v1/milestones/{milestone.pk}"
    changed = _patch(
        client,
        path,
        {"title": "Curriculum agreed", "due_date": FUTURE},
        **token_for(cycle["users"]["punjab"], "write"),
    )
    assert changed.status_code == 200, changed.content
    row = changed.json()["milestones"][0]
    assert (row["title"], row["due_date"], row["overdue"]) == ("Curriculum agreed", FUTURE, False)
    assert changed.json()["overdue_milestones"] == 0
    entry = AuditEntry.objects.get(action="reporting.milestone.changed")
    assert entry.changes["due_date"] == [PAST, FUTURE]
    assert entry.actor == cycle["users"]["punjab"]


def test_patch_milestone_refusals(api_action, cycle, token_for):
    client = Client()
    milestone = Action.objects.get(pk=api_action).milestones.get()
    path = f"/api/v1/milestones/{milestone.pk}"
    assert _patch(client, path, {"title": "x"}).status_code == 401
    read_only = _patch(client, path, {"title": "x"}, **token_for(cycle["users"]["punjab"]))
    assert read_only.status_code == 403
    # Another body's reporter does not learn that the unpublished action exists.
    other = _patch(client, path, {"title": "x"}, **token_for(cycle["users"]["kp"], "write"))
    assert other.status_code == 404
    reviewer = _patch(
        client, path, {"title": "x"}, **token_for(cycle["users"]["reviewer"], "write")
    )
    assert reviewer.status_code == 403 and reviewer.json()["code"] == "permission_denied"
    headers = token_for(cycle["users"]["punjab"], "write")
    blank = _patch(client, path, {"title": "  "}, **headers)
    assert blank.status_code == 422 and blank.json()["field"] == "title"
    no_due = _patch(client, path, {"due_date": None}, **headers)
    assert no_due.status_code == 422 and no_due.json()["field"] == "due_date"
    assert _patch(client, "/api/v1/milestones/999999", {"title": "x"}, **headers).status_code == 404
    milestone.refresh_from_db()
    assert milestone.title == "Curriculum"
    assert not AuditEntry.objects.filter(action="reporting.milestone.changed").exists()


def _cli_json(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_cli_milestone_update_json_equals_api(api_action, cycle, token_for):
    milestone = Action.objects.get(pk=api_action).milestones.get()
    printed = _cli_json("actions", "milestone-update", str(milestone.pk), "--due", FUTURE, "--json")
    headers = token_for(cycle["users"]["coordinator"], "write")
    api = _patch(Client(), f"/api/v1/milestones/{milestone.pk}", {"due_date": FUTURE}, **headers)
    assert api.status_code == 200
    assert printed == api.json()
    assert printed["milestones"][0]["due_date"] == FUTURE
    # The second change (same date) changed nothing, so only the CLI's is audited.
    entries = AuditEntry.objects.filter(action="reporting.milestone.changed")
    assert [e.actor_label for e in entries] == ["system"]


def test_cli_funding_update_json_equals_api(cycle, token_for):
    figure = Funding.objects.get(point__version__label="2021", point__number=10)
    printed = _cli_json(
        "funding",
        "update",
        str(figure.pk),
        "--fiscal-year",
        "2021",
        "--body",
        "balochistan",
        "--json",
    )
    assert (printed["fiscal_year_label"], printed["body"]) == ("2021-22", "balochistan")
    assert printed["amount"] == 600000000000
    api = Client().get("/api/v1/funding?version=2021&point=10").json()
    assert [printed] == api
    cleared = _cli_json("funding", "update", str(figure.pk), "--no-fiscal-year", "--json")
    assert cleared["fiscal_year"] is None and cleared["fiscal_year_label"] is None
    changes = AuditEntry.objects.filter(action="reporting.funding.changed").order_by("pk")
    assert [e.changes.get("fiscal_year") for e in changes] == [[None, 2021], [2021, None]]


# --- no lost updates: row_version on milestones and funding figures -----------------------


def test_stale_milestone_row_version_is_409_and_the_first_save_stays(api_action, cycle, token_for):
    client = Client()
    reporter = token_for(cycle["users"]["punjab"], "write")
    coordinator = token_for(cycle["users"]["coordinator"], "write")
    read = client.get(f"/api/v1/actions/{api_action}", **reporter).json()["milestones"][0]
    assert read["row_version"] == 1
    path = f"/api/v1/milestones/{read['id']}"
    first = _patch(client, path, {"title": "Curriculum agreed", "row_version": 1}, **reporter)
    assert first.status_code == 200
    assert first.json()["milestones"][0]["row_version"] == 2
    second = _patch(client, path, {"title": "Syllabus", "row_version": 1}, **coordinator)
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"
    assert "Someone else changed this milestone" in second.json()["message"]
    # the service's message, as the CLI's --expected-version prints it
    assert (
        f"Milestone {read['id']}: you read version 1, it is now version 2."
        in (second.json()["message"])
    )
    late = _post(client, f"{path}/complete", {"row_version": 1}, **reporter)
    assert late.status_code == 409
    now = client.get(f"/api/v1/actions/{api_action}", **reporter).json()["milestones"][0]
    assert (now["title"], now["done_on"], now["row_version"]) == ("Curriculum agreed", None, 2)
    assert AuditEntry.objects.filter(action="reporting.milestone.changed").count() == 1
    assert not AuditEntry.objects.filter(action="reporting.milestone.completed").exists()


def test_stale_funding_row_version_is_409_and_the_first_save_stays(cycle, token_for):
    client = Client()
    headers = token_for(cycle["users"]["coordinator"], "write")
    read = client.get("/api/v1/funding?version=2021&point=10").json()[0]
    assert read["row_version"] == 1
    path = f"/api/v1/funding/{read['id']}"
    first = _patch(client, path, {"fiscal_year": 2021, "row_version": 1}, **headers)
    assert first.status_code == 200 and first.json()["row_version"] == 2
    second = _patch(client, path, {"amount": 1, "row_version": 1}, **headers)
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"
    assert "Someone else changed this funding figure" in second.json()["message"]
    assert (
        f"Funding figure {read['id']}: you read version 1, it is now version 2."
        in (second.json()["message"])
    )
    assert client.delete(f"{path}?row_version=1", **headers).status_code == 409
    now = client.get("/api/v1/funding?version=2021&point=10").json()[0]
    assert (now["amount"], now["fiscal_year"], now["row_version"]) == (600000000000, 2021, 2)
    assert AuditEntry.objects.filter(action="reporting.funding.changed").count() == 1
    assert not AuditEntry.objects.filter(action="reporting.funding.removed").exists()
    assert client.delete(f"{path}?row_version=2", **headers).status_code == 200


def test_cli_json_shows_the_row_version_as_the_api(api_action, cycle, token_for):
    figure = Funding.objects.get(point__version__label="2021", point__number=10)
    api = Client().get("/api/v1/funding?version=2021&point=10").json()
    assert _cli("funding", "list", "--point", "2021/10", "--json") == api
    assert api[0]["row_version"] == figure.version == 1
    actions = _cli("actions", "list", "--json")
    assert actions[0]["milestones"][0]["row_version"] == 1
