"""An import warms the shared cache for the new data (NAPMON_WARM_AFTER_IMPORT), from the
CLI and from the upload page's background import."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _served_from_cache(client, path) -> bool:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.templates == []  # nothing rendered: the cached page


def _import(data_dir, *extra):
    out = StringIO()
    path = data_dir / "gtd" / "valid" / "gtd_pakistan.csv"
    call_command("events", "import", "gtd", str(path), *extra, stdout=out)
    return out.getvalue()


def test_an_import_warms_the_cache_for_the_new_data(client, reference, data_dir, monkeypatch):
    monkeypatch.setenv("NAPMON_WARM_AFTER_IMPORT", "1")
    client.get("/events/")  # cached for the data before the import
    text = _import(data_dir)
    assert "Warming the cache of public pages and summaries for the new data" in text
    assert "Cache warm: " in text.splitlines()[-1]
    # the first visit after the import is served from the cache, with the new events
    response = client.get("/events/")
    assert response.status_code == 200 and response.templates == []
    assert "GTD" in response.content.decode()


def test_no_warming_for_a_dry_run_or_when_turned_off(client, reference, data_dir, monkeypatch):
    monkeypatch.setenv("NAPMON_WARM_AFTER_IMPORT", "1")
    assert "Cache warm" not in _import(data_dir, "--dry-run")
    monkeypatch.setenv("NAPMON_WARM_AFTER_IMPORT", "0")
    assert "Cache warm" not in _import(data_dir)
    assert not _served_from_cache(client, "/events/")


def test_a_background_import_warms_the_cache(
    client, reference, data_dir, settings, tmp_path, monkeypatch
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from napmon.core.models import TaskProgress
    from napmon.core.tasks import run_pending

    monkeypatch.setenv("NAPMON_WARM_AFTER_IMPORT", "1")
    settings.MEDIA_ROOT = tmp_path
    settings.NAPMON_BACKGROUND_IMPORT_MB = 0.0001
    user = get_user_model().objects.create_user("importer", password="pw-importer-123")
    user.user_permissions.add(Permission.objects.get(codename="add_importbatch"))
    client.force_login(user)
    with (data_dir / "gtd" / "valid" / "gtd_pakistan.csv").open("rb") as fh:
        client.post(reverse("events:upload"), {"format": "gtd", "file": fh})
    run_pending()
    task = TaskProgress.objects.get()
    assert task.status == "succeeded", task.error
    assert task.result["cache"].startswith("Cache warm: ")
    client.logout()
    assert _served_from_cache(client, "/events/")
