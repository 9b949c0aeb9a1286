"""Briefs prepared in the background for signed-in users."""

import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished
from django.db import close_old_connections

from napmon.core.models import TaskProgress
from napmon.core.tasks import run_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    model = get_user_model()
    return model.objects.create_user("asker", password="a-long-password-1"), (
        model.objects.create_user("other", password="a-long-password-2")
    )


def test_a_brief_is_prepared_by_the_worker_and_served_to_its_owner(
    client, users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    asker, other = users
    client.force_login(asker)
    page = client.get("/plan/2021/").content.decode()
    assert "Prepare the PDF in the background" in page
    response = client.post("/briefs/prepare/", {"kind": "scorecard", "lang": "en"})
    task = TaskProgress.objects.get(kind="briefs.render")
    assert response["Location"] == f"/tasks/{task.pk}/"
    assert run_pending() == 1
    task.refresh_from_db()
    assert task.status == "succeeded", task.error
    download = client.get(task.result_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"".join(download.streaming_content))
    # Closing a response fires request_finished, which would close PostgreSQL's test
    # connection: close the file without it.
    request_finished.disconnect(close_old_connections)
    try:
        download.close()
    finally:
        request_finished.connect(close_old_connections)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "8,374" in text

    client.force_login(other)
    assert client.get(task.result_url).status_code == 404
    client.logout()
    assert client.get(task.result_url).status_code == 302


def test_prepare_refuses_unknown_kinds_and_anonymous_visitors(client, users):
    assert client.post("/briefs/prepare/", {"kind": "scorecard"}).status_code == 302
    client.force_login(users[0])
    response = client.post("/briefs/prepare/", {"kind": "everything", "lang": "en"})
    assert response.status_code == 400 and b"Choose kind" in response.content
    assert not TaskProgress.objects.exists()


def test_anonymous_briefs_are_rendered_by_the_worker_once_per_data_version(
    client, settings, tmp_path, close_response
):
    from napmon.core.audit import log_action
    from napmon.core.models import TaskProgress
    from napmon.core.tasks import run_pending

    settings.MEDIA_ROOT = tmp_path
    for _ in range(4):  # four anonymous requests at once: one render, queued
        response = client.get("/briefs/scorecard.pdf?lang=en")
        assert response.status_code == 202 and response["Retry-After"] == "30"
        assert "The brief is being prepared" in response.content.decode()
    assert TaskProgress.objects.filter(kind="briefs.public").count() == 1
    assert run_pending() == 1
    response = client.get("/briefs/scorecard.pdf?lang=en")
    content = b"".join(response.streaming_content)
    close_response(response)
    assert response.status_code == 200 and content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    # The data changes: the next request queues a new render and offers the old file.
    log_action("test.changed", object_type="test")
    response = client.get("/briefs/scorecard.pdf?lang=en")
    assert response.status_code == 202 and "previous version" in response.content.decode()
    previous = client.get("/briefs/scorecard.pdf?lang=en&previous=1")
    close_response(previous)
    assert previous.status_code == 200 and previous["X-Napmon-Brief"] == "previous-data-version"
    assert TaskProgress.objects.filter(kind="briefs.public").count() == 2
    # Parameters of a shape no brief has never name files or queue work.
    assert client.get("/briefs/review.pdf?period=../../etc").status_code == 400
    assert TaskProgress.objects.filter(kind="briefs.public").count() == 2
