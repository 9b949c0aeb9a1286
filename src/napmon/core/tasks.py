"""Background work started from the web: run by `napmon worker`, progress on a page.

A view that starts something long (an import, a brief) calls ``enqueue`` and
redirects to the returned progress page::

    from napmon.core.tasks import enqueue, save_upload

    path = save_upload(request.FILES["file"])          # the worker reads it from disk
    progress = enqueue(
        "napmon.events.services.import_events_task",   # a module-level function
        kind="events.import",
        label=f"Import {name}",
        actor=request.user,
        path=path,                                     # JSON-ready keyword arguments
    )
    return redirect(progress.get_absolute_url())

The function is called as ``func(progress, **kwargs)``. It calls
``progress.update(done=, total=, message=)`` as it goes and returns a JSON-ready
dict (``{"url": ...}`` there becomes the "open the result" link). A
``NapmonError`` it raises is shown to the user as its message and code; any other
exception is shown as an unexpected failure, with the traceback kept in the task
result for the operator.

Progress written inside the function's own ``transaction.atomic`` block would be
invisible until commit and lost on rollback, so ``update`` skips such writes:
report progress from the read and validate stages, then write in one transaction.

The queue is django-tasks' database backend (no broker): ``enqueue`` inserts a
row, `napmon worker` picks it up. Tests call ``run_pending()`` to run the queue
in-process.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from napmon.core.errors import NapmonError
from napmon.core.models import TaskProgress

logger = logging.getLogger(__name__)

# Only our own code may be named by a queued row.
ALLOWED_PREFIX = "napmon."
UPDATE_INTERVAL_SECONDS = 0.5


class Progress:
    """Handle a running function uses to report how far it got."""

    def __init__(self, record: TaskProgress):
        self.record = record
        self._last_write = 0.0
        # Writes are visible to the page only outside the function's transactions.
        self._base_depth = len(connection.atomic_blocks)

    def update(self, *, done=None, total=None, message=None, force=False) -> None:
        """Record progress; written at most twice a second unless ``force``."""
        if done is not None:
            self.record.done = max(0, int(done))
        if total is not None:
            self.record.total = max(0, int(total))
        if message is not None:
            self.record.message = str(message)[:300]
        now = time.monotonic()
        if not force and now - self._last_write < UPDATE_INTERVAL_SECONDS:
            return
        self._last_write = now
        if len(connection.atomic_blocks) > self._base_depth:
            # Inside the function's transaction a row update would stay invisible until
            # commit (and SQLite allows no second writer): write a side file instead.
            write_side_progress(self.record)
            return
        self.record.save(update_fields=["done", "total", "message", "updated_at"])


def side_progress_path(task_id) -> Path:
    return Path(settings.MEDIA_ROOT) / "task-progress" / f"{task_id}.json"


def write_side_progress(record: TaskProgress) -> None:
    """Progress of a task that is inside a transaction, for the progress page to read."""
    path = side_progress_path(record.pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"done": record.done, "total": record.total, "message": record.message}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data))
    tmp.replace(path)  # atomic: the page never reads half a file


def with_side_progress(record: TaskProgress) -> TaskProgress:
    """``record`` with the running task's latest side-file progress applied (not saved)."""
    if record.finished:
        return record
    try:
        data = json.loads(side_progress_path(record.pk).read_text())
    except (OSError, ValueError):
        return record
    record.done = data.get("done") or 0
    record.total = data.get("total")
    record.message = data.get("message") or record.message
    return record


def _path_of(func: str | Callable) -> str:
    path = func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"
    if not path.startswith(ALLOWED_PREFIX):
        raise ValueError(f"Only napmon functions can run as tasks, not {path!r}.")
    return path


def enqueue(func: str | Callable, *, kind: str, label: str, actor=None, **kwargs) -> TaskProgress:
    """Queue ``func(progress, **kwargs)`` for `napmon worker`; return its progress record.

    ``kwargs`` must be JSON-ready (pass file paths, not uploads: see ``save_upload``).
    Raises ``ValueError`` for a function outside the napmon package.
    """
    path = _path_of(func)
    record = TaskProgress.objects.create(
        kind=kind,
        label=label[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        message="Waiting for a worker",
    )
    result = run_tracked.enqueue(str(record.pk), path, kwargs)
    # The immediate backend has finished by now: reload rather than overwrite.
    TaskProgress.objects.filter(pk=record.pk).update(task_id=str(result.id))
    record.refresh_from_db()
    return record


def save_upload(upload: UploadedFile, folder: str = "task-uploads") -> str:
    """Store an uploaded file under MEDIA_ROOT for a task to read; return its path."""
    target = Path(settings.MEDIA_ROOT) / folder / uuid.uuid4().hex
    target.mkdir(parents=True, exist_ok=True)
    # Only the base name: a client-chosen path must not escape the folder.
    name = Path(upload.name or "upload").name or "upload"
    path = target / name
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(path)


def _local_url(result) -> str:
    """The result's link when it is a path on this site (never another origin)."""
    url = str(result.get("url", "")) if isinstance(result, dict) else ""
    return url[:300] if url.startswith("/") and not url.startswith("//") else ""


def _finish(record: TaskProgress, **fields) -> None:
    for name, value in fields.items():
        setattr(record, name, value)
    record.finished_at = timezone.now()
    record.save()
    side_progress_path(record.pk).unlink(missing_ok=True)


# --- leases ----------------------------------------------------------------------------
# A running task holds a lease that its worker renews: a heartbeat thread touches a file
# every HEARTBEAT_SECONDS (a file, not a row: the task may hold a long write transaction,
# and SQLite allows one writer). Progress writes renew it too. When the worker dies the
# heartbeats stop; once the lease (NAPMON_TASK_LEASE_SECONDS) has run out, the task is
# queued again (up to NAPMON_TASK_MAX_ATTEMPTS runs in all), then marked failed, its uploads
# removed, and its page says what happened.
HEARTBEAT_SECONDS = 10


def heartbeat_path(task_id) -> Path:
    return Path(settings.MEDIA_ROOT) / "task-progress" / f"{task_id}.alive"


def _beat(task_id, stop: threading.Event) -> None:
    path = heartbeat_path(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        path.touch()
        if stop.wait(HEARTBEAT_SECONDS):
            return


def _last_sign_of_life(record: TaskProgress) -> float:
    try:
        beat = heartbeat_path(record.pk).stat().st_mtime
    except OSError:
        beat = 0.0
    return max(beat, record.updated_at.timestamp())


def _queued_row(record: TaskProgress):
    """The django-tasks row of the task's latest run (None when there is none)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(id=record.task_id).first() if record.task_id else None


def _remove_uploads(queued) -> list[str]:
    """Delete the task-upload folders named in the queued task's arguments."""
    kwargs = (queued.args_kwargs.get("args") or [None, None, {}])[2] if queued else {}
    root = (Path(settings.MEDIA_ROOT) / "task-uploads").resolve()
    removed = []
    for value in (kwargs or {}).values():
        if not isinstance(value, str):
            continue
        folder = Path(value).resolve().parent
        if folder.parent == root and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(Path(value).name)
    return removed


def _retry_lost(record: TaskProgress, queued, max_attempts: int) -> bool:
    """Queue a dead worker's task again (its upload kept); False if another reaper won."""
    from django_tasks.base import TaskResultStatus

    from napmon.core.audit import log_action

    claimed = TaskProgress.objects.filter(
        pk=record.pk, status=TaskProgress.Status.RUNNING, attempt=record.attempt
    ).update(
        status=TaskProgress.Status.QUEUED,
        attempt=record.attempt + 1,
        done=0,
        message=(
            f"The worker stopped at {record.done}"
            f"{'/' + str(record.total) if record.total else ''}; queued again "
            f"(attempt {record.attempt + 1} of {max_attempts})"
        ),
    )
    if not claimed:
        return False
    # The dead worker's row will never finish: close it so no one resumes it (a finished
    # row keeps its outcome).
    unfinished = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    type(queued).objects.filter(pk=queued.pk, status__in=unfinished).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
    heartbeat_path(record.pk).unlink(missing_ok=True)
    side_progress_path(record.pk).unlink(missing_ok=True)
    result = run_tracked.enqueue(*queued.args_kwargs["args"])
    TaskProgress.objects.filter(pk=record.pk).update(task_id=str(result.id))
    log_action(
        "core.task.retried",
        obj=record,
        changes={"label": record.label, "attempt": record.attempt + 1, "stopped_at": record.done},
    )
    return True


def _fail_lost(record: TaskProgress, queued, lease: int) -> bool:
    """Mark a dead worker's task failed (``worker_lost``), remove its uploads, audit."""
    from napmon.core.audit import log_action

    removed = _remove_uploads(queued)
    tries = f" after {record.attempt} attempts" if record.attempt > 1 else ""
    claimed = TaskProgress.objects.filter(pk=record.pk, status=TaskProgress.Status.RUNNING).update(
        status=TaskProgress.Status.FAILED,
        error_code="worker_lost",
        error=(
            f"The worker running this task stopped at {record.done}"
            f"{'/' + str(record.total) if record.total else ''} and sent no sign of life "
            f"for {lease} seconds, so the task was stopped{tries}. Nothing was saved"
            f"{' and the uploaded file was removed' if removed else ''}; start it again."
        ),
        finished_at=timezone.now(),
    )
    if claimed:
        heartbeat_path(record.pk).unlink(missing_ok=True)
        log_action(
            "core.task.worker_lost",
            obj=record,
            changes={"label": record.label, "uploads_removed": removed, "attempts": record.attempt},
        )
    return bool(claimed)


def reap_expired_tasks() -> int:
    """Deal with running tasks whose lease ran out; return how many.

    Such a task is queued again, its upload kept, while it has had fewer than
    ``NAPMON_TASK_MAX_ATTEMPTS`` runs (audited ``core.task.retried``); after that it is
    marked failed (``worker_lost``), its uploads are removed and the failure audited.
    Called by the worker loop (``LeaseKeeper``), before ``run_pending`` and by the task
    pages, so a dead worker's task never shows "running" for ever.
    """
    lease = int(getattr(settings, "NAPMON_TASK_LEASE_SECONDS", 120))
    max_attempts = max(1, int(getattr(settings, "NAPMON_TASK_MAX_ATTEMPTS", 3)))
    deadline = time.time() - lease
    reaped = 0
    for record in TaskProgress.objects.filter(status=TaskProgress.Status.RUNNING):
        if _last_sign_of_life(record) >= deadline:
            continue
        queued = _queued_row(record)
        if queued is not None and record.attempt < max_attempts:
            reaped += _retry_lost(record, queued, max_attempts)
        else:
            reaped += _fail_lost(record, queued, lease)
    return reaped


class LeaseKeeper(threading.Thread):
    """A thread of the `napmon worker` process that checks leases every ``every`` seconds,
    whether the worker is idle or busy, so a task whose (other) worker died is retried or
    failed without waiting for a page view or a new task."""

    def __init__(self, every: float):
        super().__init__(name="napmon-lease-keeper", daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections

        while not self.stopped.wait(self.every):
            try:
                reap_expired_tasks()
            except Exception:  # a database hiccup must not end the keeper
                logger.exception("Checking task leases failed")
            finally:
                close_old_connections()


@task()
def run_tracked(progress_id: str, func_path: str, kwargs: dict) -> dict:
    """The django-tasks task behind ``enqueue``: run the function, record the outcome."""
    record = TaskProgress.objects.get(pk=progress_id)
    record.status = TaskProgress.Status.RUNNING
    record.message = "Started"
    record.save(update_fields=["status", "message", "updated_at"])
    progress = Progress(record)
    stop = threading.Event()
    threading.Thread(target=_beat, args=(record.pk, stop), daemon=True).start()
    try:
        return _run(record, progress, func_path, kwargs)
    finally:
        stop.set()
        heartbeat_path(record.pk).unlink(missing_ok=True)


def _run(record, progress, func_path: str, kwargs: dict) -> dict:
    try:
        func = import_string(_path_of(func_path))
        result = func(progress, **kwargs) or {}
    except NapmonError as exc:
        _finish(
            record,
            status=TaskProgress.Status.FAILED,
            error=exc.message,
            error_code=exc.code,
            result_url=_local_url({"url": getattr(exc, "result_url", "")}),
        )
        raise
    except Exception:
        logger.exception("Task %s (%s) failed", record.pk, func_path)
        _finish(
            record,
            status=TaskProgress.Status.FAILED,
            error=f"Unexpected failure; the operator can look up task {record.pk} in the log.",
            error_code="unexpected",
        )
        raise
    _finish(
        record,
        status=TaskProgress.Status.SUCCEEDED,
        result=result,
        result_url=_local_url(result),
        message=record.message if record.message != "Started" else "Finished",
    )
    return result if isinstance(result, dict) else {"result": result}


def run_pending(max_tasks: int | None = None) -> int:
    """Run queued tasks in this process (tests, `napmon worker --batch`); return how many."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=f"inline-{uuid.uuid4().hex[:8]}",
        excluded_queue_names=[],
    )
    reap_expired_tasks()
    count = 0
    # Worker.run would close the connection between tasks, which a test's
    # transaction cannot survive: claim and run one at a time instead.
    while max_tasks is None or count < max_tasks:
        queued = DBTaskResult.objects.ready().first()
        if queued is None:
            return count
        queued.claim(worker.worker_id)
        worker.run_task(queued)
        count += 1
    return count


def count_to(
    progress: Progress, n: int = 3, fail_with: str | None = None, path: str | None = None
) -> dict:
    """A smoke test for the queue: counts to ``n`` reporting progress; fails on request;
    reports the size of the uploaded file at ``path`` when given one.

    ``napmon shell -c "from napmon.core.tasks import *; enqueue(count_to, kind='selftest',
    label='Count')"`` then `napmon worker --batch` shows that tasks run end to end.
    """
    progress.update(done=0, total=n, message="Counting", force=True)
    for i in range(1, n + 1):
        progress.update(done=i, message=f"Counted {i}", force=True)
    if fail_with:
        raise NapmonError(fail_with, code="selftest_failed")
    result = {"counted": n, "url": "/"}
    if path:
        result["bytes"] = Path(path).stat().st_size
    return result
