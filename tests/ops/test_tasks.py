"""Background tasks: queued from the web, run by the worker, progress on a page."""

import pytest
from django.contrib.auth import get_user_model
from django_tasks_db.models import DBTaskResult

from napmon.core.tasks import count_to, enqueue, run_pending

from .helpers import napmon_env, run_napmon

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("owner", password="pw-owner-123456")


def test_a_queued_task_waits_then_runs_with_progress(client, owner):
    record = enqueue(count_to, kind="selftest", label="Count to five", actor=owner, n=5)
    assert record.status == "queued"
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    client.force_login(owner)
    page = client.get(record.get_absolute_url())
    assert page.status_code == 200
    assert b'http-equiv="refresh"' in page.content  # refreshes itself while waiting
    assert b"Waiting for a worker" in page.content

    assert run_pending() == 1
    record.refresh_from_db()
    assert (record.status, record.done, record.total) == ("succeeded", 5, 5)
    assert record.result == {"counted": 5, "url": "/"}
    page = client.get(record.get_absolute_url())
    assert b'http-equiv="refresh"' not in page.content
    assert b"Open the result" in page.content
    status = client.get(f"/tasks/{record.pk}/status.json").json()
    assert status["status"] == "succeeded" and status["percent"] == 100


def test_a_failing_task_shows_its_message_and_code(client, owner):
    record = enqueue(count_to, kind="selftest", label="Fail", actor=owner, fail_with="Bad file")
    run_pending()
    record.refresh_from_db()
    assert (record.status, record.error, record.error_code) == (
        "failed",
        "Bad file",
        "selftest_failed",
    )
    client.force_login(owner)
    assert b"Bad file [selftest_failed]" in client.get(record.get_absolute_url()).content
    assert DBTaskResult.objects.get().status == "FAILED"


def test_only_the_owner_and_staff_see_a_task(client, owner):
    record = enqueue(count_to, kind="selftest", label="Private", actor=owner)
    other = get_user_model().objects.create_user("other", password="pw-other-123456")
    client.force_login(other)
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(f"/tasks/{record.pk}/status.json").status_code == 404
    client.logout()
    assert client.get(record.get_absolute_url()).status_code == 302  # to the log-in page


def test_only_napmon_functions_can_be_queued():
    with pytest.raises(ValueError, match="Only napmon functions"):
        enqueue("os.system", kind="x", label="no")


def test_napmon_worker_runs_the_queue_in_its_own_process(tmp_path, fresh_database_url):
    env = napmon_env(tmp_path, fresh_database_url)
    run_napmon("migrate", env=env)
    run_napmon(
        "shell",
        "--verbosity=0",
        "-c",
        "from napmon.core.tasks import enqueue, count_to; "
        "enqueue(count_to, kind='selftest', label='Count', n=4)",
        env=env,
    )
    run_napmon("worker", "--batch", env=env)
    out = run_napmon(
        "shell",
        "--verbosity=0",
        "-c",
        "from napmon.core.models import TaskProgress as T; t = T.objects.get(); "
        "print(t.status, t.done, t.total)",
        env=env,
    )
    assert out.stdout.split() == ["succeeded", "4", "4"]
