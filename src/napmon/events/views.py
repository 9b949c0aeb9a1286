"""Pages: the import upload for authorised staff and the public events explorer."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from napmon.core.page_cache import cache_public_page
from napmon.core.spreadsheet import escape_cell
from napmon.core.tasks import enqueue, save_upload
from napmon.core.visibility import public_only
from napmon.events.errors import EventImportError
from napmon.events.forms import ExplorerForm, UploadForm
from napmon.events.models import ProblemLog
from napmon.events.scope import scope_label
from napmon.events.services import import_events
from napmon.events.services.problems import record_problems
from napmon.events.services.summary import (
    datasets_shown,
    explorer_totals,
    filtered_events,
    visible_row_filters,
)

PAGE_SIZE = 50
MAX_LISTED = 200 * PAGE_SIZE
PROBLEMS_PAGE_SIZE = 100


def background_threshold() -> int:
    """Uploads above this many bytes are imported by `napmon worker`, not in the request."""
    return int(getattr(settings, "NAPMON_BACKGROUND_IMPORT_MB", 5) * 1024 * 1024)


def _enqueue_import(request, data):
    """Queue a large upload for the worker and show its progress page."""
    path = save_upload(data["file"])
    mapping = save_upload(data["mapping"]) if data["mapping"] else None
    progress = enqueue(
        "napmon.events.services.tasks.import_events_task",
        kind="events.import",
        label=_("Import %(name)s") % {"name": data["file"].name},
        actor=request.user,
        path=path,
        format_name=data["format"],
        user_id=request.user.pk,
        mapping=mapping,
        file_name=data["file"].name,
        dataset=data["dataset"] or None,
        encoding=data["encoding"] or None,
        skip_bad_rows=data["skip_bad_rows"],
        dry_run=data["dry_run"],
    )
    return redirect(progress.get_absolute_url())


def _save_upload(upload, directory: Path) -> Path:
    # Keep the suffix: the reader picks CSV or XLSX by it.
    target = directory / ("upload" + Path(upload.name).suffix.lower())
    with target.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return target


@login_required
@permission_required("events.add_importbatch", raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload(request):
    """Upload a file and show the import report (or the problems that stopped it)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    report = error = log = page = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["file"].size > background_threshold():
            return _enqueue_import(request, data)
        with tempfile.TemporaryDirectory(prefix="napmon-upload-") as tmp:
            path = _save_upload(data["file"], Path(tmp))
            mapping = _save_upload(data["mapping"], Path(tmp)) if data["mapping"] else None
            try:
                report = import_events(
                    path,
                    data["format"],
                    dataset=data["dataset"] or None,
                    mapping=mapping,
                    encoding=data["encoding"] or None,
                    skip_bad_rows=data["skip_bad_rows"],
                    dry_run=data["dry_run"],
                    user=request.user,
                    file_name=data["file"].name,
                )
            except EventImportError as exc:
                error, report = exc, exc.report
        if report is not None:
            log = record_problems(report, user=request.user, refused=error is not None)
        if log is not None:
            page = Paginator(log.problems.order_by("position"), PROBLEMS_PAGE_SIZE).get_page(1)
        if error is None:
            messages.success(request, _("Import finished."))
    context = {"form": form, "report": report, "error": error, "log": log, "page": page}
    return render(request, "events/upload.html", context)


def _own_log(request, log_id: int) -> ProblemLog:
    log = get_object_or_404(ProblemLog, pk=log_id)
    # As for task progress pages: the person who ran the import, or staff.
    if log.created_by_id != request.user.pk and not request.user.is_staff:
        raise Http404("No such problem log.")  # someone else's import: as if absent
    return log


@login_required
@permission_required("events.add_importbatch", raise_exception=True)
@require_http_methods(["GET"])
def problems(request, log_id: int):
    """The report of an import with every problem, paginated (its importer, or staff)."""
    log = _own_log(request, log_id)
    page = Paginator(log.problems.order_by("position"), PROBLEMS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "events/problems.html", {"log": log, "page": page})


class _Echo:
    def write(self, value):
        return value


@login_required
@permission_required("events.add_importbatch", raise_exception=True)
@require_http_methods(["GET"])
def problems_csv(request, log_id: int):
    """Every problem of an import as CSV, streamed."""
    log = _own_log(request, log_id)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["row", "field", "code", "severity", "message"])
        for problem in log.problems.order_by("position").iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    problem.row if problem.row is not None else "",
                    escape_cell(problem.field),
                    problem.code,
                    problem.severity,
                    escape_cell(problem.message),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-problems-{log.pk}.csv"'
    return response


@require_http_methods(["GET"])
@cache_public_page(params=(*ExplorerForm.base_fields, "page"))
def explorer(request):
    """Public list of events with filters, a paginated table and totals."""
    public = public_only(request.user)
    form = ExplorerForm(request.GET or None, public=public)
    filters = form.filters() if form.is_valid() else {}
    # Rows of aggregate-only and restricted datasets never reach the public, nor do
    # totals over them (they would be finer than the public grid).
    filters, withheld = visible_row_filters(filters, public)
    events = (
        filtered_events(filters)
        .select_related("dataset", "province", "actor")
        .order_by("-date", "id")
    )
    counted = explorer_totals(filters)
    paginator = Paginator(events, PAGE_SIZE)
    # The number of rows is the total just counted (exact, from the summary tables):
    # counting the event table again took seconds with a million events. Only the first
    # MAX_LISTED rows are listed page by page: a deep OFFSET walks every row before it
    # (7 s for the last page of a million); the page says so and the totals count all.
    paginator.count = min(counted["events"], MAX_LISTED)
    page = paginator.get_page(request.GET.get("page"))
    # Links carry the known filters only: the page is cached on those alone.
    query = request.GET.copy()
    for name in list(query):
        if name not in ExplorerForm.base_fields:
            query.pop(name)
    return render(
        request,
        "events/explorer.html",
        {
            "form": form,
            "page": page,
            "totals": counted,
            "listed_limit": MAX_LISTED if counted["events"] > MAX_LISTED else None,
            "scope": scope_label(filters.get("country")),
            "datasets": datasets_shown(filters.get("dataset"), public),
            "withheld": withheld,
            "query": query.urlencode(),
        },
    )
