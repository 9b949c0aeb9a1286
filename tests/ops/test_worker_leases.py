"""A real `napmon worker` process retries, from inside its loop, a task whose worker died."""

import sqlite3
import subprocess
import time

from .helpers import NAPMON, napmon_env, run_napmon

ENQUEUE = (
    "from napmon.core.tasks import enqueue; "
    "print(enqueue('napmon.core.tasks.count_to', kind='selftest', label='{label}', n=4).pk)"
)
# What a worker killed half-way leaves behind: its claim on the queued row, the task
# "running", 2 of 4, and then silence. One transaction, so no live worker claims it first.
ORPHAN = """
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from napmon.core.models import TaskProgress
from napmon.core.tasks import enqueue
with transaction.atomic():
    record = enqueue('napmon.core.tasks.count_to', kind='selftest', label='Orphan', n=4)
    DBTaskResult.objects.filter(id=record.task_id).update(status='RUNNING', worker_ids=['dead'])
    TaskProgress.objects.filter(pk=record.pk).update(status='running', done=2, total=4)
print(record.pk)
"""


def _task(database, pk: str) -> tuple:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT status, attempt, done FROM core_taskprogress WHERE id = ?",
            (pk.replace("-", ""),),
        ).fetchone()


def _wait_for(database, pk: str, status: str, worker, timeout: float = 90) -> tuple:
    deadline = time.monotonic() + timeout
    while (row := _task(database, pk))[0] != status:
        assert worker.poll() is None, worker.stderr.read().decode()
        assert time.monotonic() < deadline, f"task still {row}"
        time.sleep(0.2)
    return row


def test_the_worker_loop_retries_a_task_whose_worker_died(tmp_path):
    env = napmon_env(tmp_path / "data", NAPMON_TASK_LEASE_SECONDS="4", NAPMON_TASK_MAX_ATTEMPTS="2")
    run_napmon("migrate", env=env)
    database = tmp_path / "data" / "napmon.sqlite3"
    with subprocess.Popen(
        [*NAPMON, "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as worker:
        try:
            # The worker's loop is running: it finishes an ordinary task.
            first = run_napmon("shell", "-c", ENQUEUE.format(label="First"), env=env)
            first_pk = first.stdout.strip().splitlines()[-1]
            assert _wait_for(database, first_pk, "succeeded", worker)[1] == 1
            # Another worker claimed a task and died; this worker is idle in its loop.
            pk = run_napmon("shell", "-c", ORPHAN, env=env).stdout.strip().splitlines()[-1]
            assert _task(database, pk) == ("running", 1, 2)
            status, attempt, done = _wait_for(database, pk, "succeeded", worker)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert (attempt, done) == (2, 4)
    with sqlite3.connect(database) as db:
        retried = db.execute(
            "SELECT count(*) FROM core_auditentry WHERE action = 'core.task.retried'"
        ).fetchone()
    assert retried == (1,)
