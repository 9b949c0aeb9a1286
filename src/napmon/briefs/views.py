"""Brief downloads: /briefs/scorecard.pdf?lang=en, /briefs/review.html?period=2025-H1&lang=ur."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from napmon.briefs.errors import BriefError
from napmon.briefs.services.render import FORMATS, render_brief
from napmon.briefs.services.tasks import brief_folder
from napmon.core.errors import NotFoundError
from napmon.core.models import TaskProgress
from napmon.core.tasks import enqueue
from napmon.core.visibility import public_only, sees_others_tasks

KINDS = {"scorecard", "review"}


def _public_only(request) -> bool:
    """Only users who see restricted material get the internal edition (core.visibility)."""
    return public_only(request.user)


@require_GET
def brief(request, kind: str, fmt: str):
    lang = request.GET.get("lang", "en")
    period = request.GET.get("period") or None
    try:
        content = render_brief(
            kind,
            period,
            lang,
            fmt,
            public_only=_public_only(request),
            version=request.GET.get("version") or None,
        )
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except BriefError as exc:
        return HttpResponseBadRequest(f"{exc.message} [{exc.code}]", content_type="text/plain")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    # The brief is one standalone page: inline styles, charts as data: images, no scripts.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    )
    if fmt == "pdf":
        suffix = f"-{period}" if period else ""
        response["Content-Disposition"] = f'attachment; filename="napmon-{kind}{suffix}-{lang}.pdf"'
    return response


@login_required
@require_POST
def prepare(request):
    """Queue a brief for `napmon worker` and show its progress page."""
    brief_kind = request.POST.get("kind", "")
    fmt = request.POST.get("format", "pdf")
    lang = request.POST.get("lang", "en")
    if brief_kind not in KINDS or fmt not in FORMATS or lang not in {"en", "ur"}:
        return HttpResponseBadRequest(
            "Choose kind scorecard or review, format pdf or html, lang en or ur.",
            content_type="text/plain",
        )
    progress = enqueue(
        "napmon.briefs.services.tasks.render_brief_task",
        kind="briefs.render",
        label=_("Brief: %(kind)s (%(format)s, %(lang)s)")
        % {"kind": brief_kind, "format": fmt, "lang": lang},
        actor=request.user,
        brief=brief_kind,
        fmt=fmt,
        lang=lang,
        period=request.POST.get("period") or None,
        public_only=_public_only(request),
    )
    return redirect(progress.get_absolute_url())


@login_required
@require_GET
def prepared_file(request, task_id):
    """A brief a task rendered: for the user who asked for it (or staff) only."""
    task = get_object_or_404(TaskProgress, pk=task_id, kind="briefs.render")
    # The edition was chosen for the user who asked; staff status grants nothing here.
    if not (sees_others_tasks(request.user) or task.created_by_id == request.user.pk):
        raise Http404("No such brief.")
    name = (task.result or {}).get("file")
    path = brief_folder() / str(name)
    # The name comes from our own task, but never serve anything outside the folder.
    if not name or path.resolve().parent != brief_folder().resolve() or not path.is_file():
        raise Http404("The brief is not ready or no longer exists.")
    fmt = path.suffix.lstrip(".")
    response = FileResponse(
        path.open("rb"),
        content_type=FORMATS.get(fmt, "application/octet-stream"),
        as_attachment=fmt == "pdf",
        filename=task.result.get("download_name") or path.name,
    )
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    )
    return response
