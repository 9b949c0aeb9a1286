"""Brief downloads: /briefs/scorecard.pdf?lang=en, /briefs/review.html?period=2025-H1&lang=ur."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from napmon.briefs.errors import BriefError
from napmon.briefs.services.render import FORMATS, render_brief
from napmon.briefs.services.tasks import (
    PUBLIC_KIND,
    brief_folder,
    previous_public_brief,
    public_brief_path,
)
from napmon.core.errors import NotFoundError
from napmon.core.models import TaskProgress
from napmon.core.page_cache import data_version
from napmon.core.tasks import enqueue
from napmon.core.visibility import public_only, sees_others_tasks

KINDS = {"scorecard", "review"}
LANGUAGES = {"en", "ur"}
# The brief is one standalone page: inline styles, charts as data: images, no scripts.
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _public_only(request) -> bool:
    """Only users who see restricted material get the internal edition (core.visibility)."""
    return public_only(request.user)


def _serve_file(path, kind, fmt, period, lang):
    response = FileResponse(
        path.open("rb"),
        content_type=FORMATS[fmt],
        as_attachment=fmt == "pdf",
        filename=f"napmon-{kind}{'-' + period if period else ''}-{lang}.{fmt}",
    )
    response["Content-Security-Policy"] = BRIEF_CSP
    return response


def _public_brief(request, kind, fmt, lang, period, version):
    """Anonymous visitors: the file the worker rendered for the current data version,
    else a "being prepared" page (with the previous version, labelled, when there is
    one); the render is queued once. Nothing is rendered in the request."""
    current = data_version()
    path = public_brief_path(kind, fmt, lang, period, version, current)
    if path is None:
        return HttpResponseBadRequest(
            _("period or version: not the shape of any brief (period: YYYY-H1 or YYYY-H2)."),
            content_type="text/plain; charset=utf-8",
        )
    if path.is_file():
        return _serve_file(path, kind, fmt, period, lang)
    label = f"{kind}.{fmt} {lang} {period or ''} {version or ''} d{current}"
    tasks = TaskProgress.objects.filter(kind=PUBLIC_KIND, label=label)
    failed = tasks.filter(status=TaskProgress.Status.FAILED).first()
    if failed is not None:  # e.g. no finalised review for that period: say so, once
        status = 404 if failed.error_code.endswith("not_found") else 400
        return HttpResponse(
            f"{failed.error} [{failed.error_code}]", status=status, content_type="text/plain"
        )
    busy = tasks.filter(status__in=[TaskProgress.Status.QUEUED, TaskProgress.Status.RUNNING])
    if not busy.exists():
        enqueue(
            "napmon.briefs.services.tasks.render_public_brief_task",
            kind=PUBLIC_KIND,
            label=label,
            brief=kind,
            fmt=fmt,
            lang=lang,
            period=period,
            version=version,
            data_version=current,
        )
    if path.is_file():  # the immediate backend (tests, small installs) has rendered it
        return _serve_file(path, kind, fmt, period, lang)
    previous = previous_public_brief(path)
    query = request.GET.copy()
    query["previous"] = "1"
    if previous is not None and request.GET.get("previous") == "1":
        response = _serve_file(previous, kind, fmt, period, lang)
        response["X-Napmon-Brief"] = "previous-data-version"
        return response
    response = render(
        request,
        "briefs/preparing.html",
        {"previous": previous is not None, "previous_query": query.urlencode()},
        status=202,
    )
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def brief(request, kind: str, fmt: str):
    lang = request.GET.get("lang", "en")
    period = request.GET.get("period") or None
    if fmt not in FORMATS or lang not in LANGUAGES:
        return HttpResponseBadRequest(
            _("Choose format pdf or html and lang en or ur."), content_type="text/plain"
        )
    if not request.user.is_authenticated:
        return _public_brief(request, kind, fmt, lang, period, request.GET.get("version") or None)
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
    response["Content-Security-Policy"] = BRIEF_CSP
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
