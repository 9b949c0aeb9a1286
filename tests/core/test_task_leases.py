"""A task whose worker died is queued again once its lease runs out, up to
NAPMON_TASK_MAX_ATTEMPTS runs; then it is failed and its upload is removed."""

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from napmon.core.models import AuditEntry, TaskProgress
from napmon.core.tasks import enqueue, heartbeat_path, reap_expired_tasks, run_pending, save_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("importer", password="x")


def _running_task(owner, tmp_path, settings, *, seconds_ago: int):
    settings.MEDIA_ROOT = tmp_path
    path = save_upload(SimpleUploadedFile("big.csv", b"a,b\n1,2\n"))
    record = enqueue(
        "napmon.core.tasks.count_to", kind="selftest", label="Import big.csv", actor=owner, n=3
    )
    # What a worker that claimed the task and was killed leaves behind: "running", 53%.
    TaskProgress.objects.filter(pk=record.pk).update(status="running", done=53, total=100)
    stale = time.time() - seconds_ago
    TaskProgress.objects.filter(pk=record.pk).update(
        updated_at=datetime.fromtimestamp(stale, tz=UTC)
    )
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(id=record.task_id)
    queued.args_kwargs["args"][2]["path"] = path  # the upload the task was given
    queued.status = "RUNNING"  # claimed by the worker that died
    queued.save()
    return record, Path(path)


def test_a_dead_workers_task_is_failed_and_its_upload_removed(client, owner, tmp_path, settings):
    settings.NAPMON_TASK_LEASE_SECONDS = 120
    settings.NAPMON_TASK_MAX_ATTEMPTS = 1  # no retries
    record, upload = _running_task(owner, tmp_path, settings, seconds_ago=600)
    assert upload.exists()
    client.force_login(owner)
    page = client.get(f"/tasks/{record.pk}/").content.decode()
    record.refresh_from_db()
    assert (record.status, record.error_code) == ("failed", "worker_lost")
    assert "The worker running this task stopped at 53/100" in page
    assert "the uploaded file was removed" in page
    assert not upload.exists() and not upload.parent.exists()
    assert AuditEntry.objects.filter(action="core.task.worker_lost").count() == 1
    assert reap_expired_tasks() == 0  # only once


def test_a_task_with_a_recent_heartbeat_keeps_running(owner, tmp_path, settings):
    settings.NAPMON_TASK_LEASE_SECONDS = 120
    settings.NAPMON_TASK_MAX_ATTEMPTS = 1
    record, upload = _running_task(owner, tmp_path, settings, seconds_ago=600)
    beat = heartbeat_path(record.pk)
    beat.parent.mkdir(parents=True, exist_ok=True)
    beat.touch()  # the worker's heartbeat thread is alive (a long write transaction)
    assert reap_expired_tasks() == 0
    record.refresh_from_db()
    assert record.status == "running" and upload.exists()
    os.utime(beat, (time.time() - 600, time.time() - 600))  # the heartbeats stopped
    assert run_pending(max_tasks=0) == 0  # the worker reaps before it runs anything
    record.refresh_from_db()
    assert record.status == "failed" and not upload.exists()


def test_a_dead_workers_task_is_run_again_with_its_upload(client, owner, tmp_path, settings):
    settings.NAPMON_TASK_LEASE_SECONDS = 120
    settings.NAPMON_TASK_MAX_ATTEMPTS = 3
    record, upload = _running_task(owner, tmp_path, settings, seconds_ago=600)
    first_run = record.task_id
    client.force_login(owner)
    page = client.get(f"/tasks/{record.pk}/").content.decode()
    record.refresh_from_db()
    assert (record.status, record.attempt) == ("queued", 2)
    assert "queued again (attempt 2 of 3)" in page
    assert upload.exists()  # kept for the next run
    assert record.task_id != first_run
    retried = AuditEntry.objects.get(action="core.task.retried")
    assert retried.changes["attempt"] == 2 and retried.changes["stopped_at"] == 53
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(id=first_run).status == "FAILED"  # nobody resumes it
    assert reap_expired_tasks() == 0  # a queued task holds no lease
    assert run_pending() == 1  # the next worker runs it to the end
    record.refresh_from_db()
    assert (record.status, record.result["counted"]) == ("succeeded", 3)
    assert record.result["bytes"] == len(b"a,b\n1,2\n")  # it read the kept upload
    page = client.get(f"/tasks/{record.pk}/").content.decode()
    assert "Attempt 2: the worker of an earlier attempt stopped" in page


def test_after_the_last_attempt_the_task_fails_and_says_so(owner, tmp_path, settings):
    settings.NAPMON_TASK_LEASE_SECONDS = 120
    settings.NAPMON_TASK_MAX_ATTEMPTS = 2
    record, upload = _running_task(owner, tmp_path, settings, seconds_ago=600)
    assert reap_expired_tasks() == 1
    record.refresh_from_db()
    assert (record.status, record.attempt) == ("queued", 2)
    # The second worker dies too.
    TaskProgress.objects.filter(pk=record.pk).update(
        status="running", done=7, updated_at=datetime.fromtimestamp(time.time() - 600, tz=UTC)
    )
    assert reap_expired_tasks() == 1
    record.refresh_from_db()
    assert (record.status, record.error_code) == ("failed", "worker_lost")
    assert "stopped at 7" in record.error and "after 2 attempts" in record.error
    assert not upload.exists()
    assert AuditEntry.objects.filter(action="core.task.retried").count() == 1
    assert AuditEntry.objects.get(action="core.task.worker_lost").changes["attempts"] == 2
