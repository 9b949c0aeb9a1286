"""Operational pages: the health check and the progress of background tasks."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from napmon.core.health import health_payload
from napmon.core.models import TaskProgress
from napmon.core.tasks import reap_expired_tasks, with_side_progress
from napmon.core.visibility import sees_others_tasks


@never_cache
@require_GET
def healthz(request):
    """200 with ``{"status": "ok"}`` when the database answers, 503 otherwise.

    For load balancers and monitoring: no session, no template, one query. Under
    `napmon serve` the WSGI entry point answers it before Django (``core.health``).
    """
    status, payload = health_payload()
    return JsonResponse(payload, status=status)


def _task_for(request, task_id) -> TaskProgress:
    reap_expired_tasks()  # a task whose worker died shows as failed, not running for ever
    record = get_object_or_404(TaskProgress, pk=task_id)
    user = request.user
    if not (sees_others_tasks(user) or record.created_by_id == user.pk):
        # Someone else's task: as if it did not exist.
        raise Http404("No such task.")
    return record


def task_dict(record: TaskProgress) -> dict:
    return {
        "id": str(record.pk),
        "kind": record.kind,
        "label": record.label,
        "status": record.status,
        "done": record.done,
        "total": record.total,
        "percent": record.percent,
        "message": record.message,
        "error": record.error,
        "error_code": record.error_code,
        "result_url": record.result_url,
        "finished": record.finished,
    }


@never_cache
@login_required
@require_GET
def task_progress(request, task_id):
    """The progress page: refreshes itself every two seconds until the task ends."""
    record = with_side_progress(_task_for(request, task_id))
    return render(request, "core/task.html", {"task": record})


@never_cache
@login_required
@require_GET
def task_status(request, task_id):
    """The same progress as JSON, for scripts."""
    return JsonResponse(task_dict(with_side_progress(_task_for(request, task_id))))
