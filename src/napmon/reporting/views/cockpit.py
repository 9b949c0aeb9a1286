"""Each role's landing page, the completeness matrix and the public reporting status."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from openpyxl import Workbook

from napmon.core import roles
from napmon.core.spreadsheet import escape_cell
from napmon.reporting.forms import MatrixFilterForm
from napmon.reporting.models import Notice, Report, ReportComment
from napmon.reporting.services import actions, completeness, funding
from napmon.reporting.services import notices as notice_service
from napmon.reporting.views.common import require_perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Cells a reporter still has to act on.
TO_DO = (
    completeness.DUE,
    completeness.LATE,
    completeness.DRAFT,
    completeness.RETURNED,
    completeness.NOT_YET_DUE,
)


@login_required
@require_GET
def landing(request):
    """Where a user lands after logging in: the page of their role."""
    user = request.user
    if user.has_perm(roles.MANAGE_PERIODS):
        return redirect("reporting:cockpit")
    if user.has_perm(roles.REVIEW):
        return redirect("reporting:queue")
    if roles.body_of(user) is not None and user.has_perm(roles.SUBMIT):
        return redirect("reporting:my_reports")
    if user.has_perm(roles.VIEW_ALL):
        return redirect("reporting:dashboard")
    return redirect("home")


def review_queue():
    """Submitted reports waiting for a decision, oldest first, with days waiting."""
    today = timezone.localdate()
    reports = Report.objects.filter(state=Report.State.SUBMITTED).select_related("body", "period")
    rows = [
        {"report": r, "days": (today - timezone.localtime(r.submitted_at).date()).days}
        for r in reports.order_by("submitted_at", "pk")
    ]
    return rows


@login_required
@require_GET
def cockpit(request):
    """The coordinator's page: who is late, what waits for review, the last months."""
    require_perm(request, roles.VIEW_ALL)
    today = timezone.localdate()
    matrix = completeness.completeness_matrix(completeness.last_months(12, today), today=today)
    late = [
        cell
        for _body, cells in matrix.rows
        for cell in cells
        if cell.timeliness == completeness.OVERDUE
    ]
    late.sort(key=lambda c: (-(c.days_late or 0), c.body.name))
    # The last three months are the tail of the twelve already read.
    recent = completeness.Matrix(
        months=matrix.months[-3:], rows=[(body, cells[-3:]) for body, cells in matrix.rows]
    )
    context = {
        "late": late,
        "queue": review_queue(),
        "returned": Report.objects.filter(state=Report.State.RETURNED).select_related(
            "body", "period"
        ),
        "recent": recent,
        "overdue_milestones": actions.overdue_milestones_by_body(today),
        "funding_overview": funding.funding_overview(),
    }
    return render(request, "reporting/cockpit.html", context)


@login_required
@require_GET
def queue(request):
    """The reviewer's page: submitted reports, oldest first, with days waiting."""
    require_perm(request, roles.VIEW_ALL)
    returned = Report.objects.filter(state=Report.State.RETURNED).select_related("body", "period")
    context = {"queue": review_queue(), "returned": returned}
    return render(request, "reporting/queue.html", context)


@login_required
@require_GET
def my_reports(request):
    """The reporter's page: their body's due, late and returned reports."""
    body = roles.body_of(request.user)
    if body is None:
        return redirect("reporting:landing")
    cells = completeness.body_cells(body)
    to_do = [c for c in cells if c.state in TO_DO]
    report_ids = [c.report.pk for c in to_do if c.report]
    comments: dict[int, list] = {}
    for comment in ReportComment.objects.filter(
        report_id__in=report_ids, action="returned"
    ).select_related("author"):
        comments.setdefault(comment.report_id, []).append(comment)
    for cell in to_do:
        cell.comments = comments.get(cell.report.pk, []) if cell.report else []
    done = [c for c in cells if c.state in (completeness.SUBMITTED, completeness.APPROVED)]
    context = {
        "body": body,
        "to_do": to_do,
        "done": done[:24],
        "can_submit": request.user.has_perm(roles.SUBMIT),
        "unread": notice_service.unread_count(request.user),
    }
    return render(request, "reporting/my_reports.html", context)


def _matrix_from_request(request):
    form = MatrixFilterForm(request.GET or None)
    months = completeness.last_months(12)
    bodies = states = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        months = completeness.month_range(data["start"], data["end"])
        bodies = list(data["body"]) or None
        states = set(data["state"]) or None
    return form, completeness.completeness_matrix(months, bodies=bodies, states=states)


def _export_rows(matrix):
    yield [
        "body",
        "month",
        "state",
        "timeliness",
        "deadline",
        "first submitted",
        "days overdue",
    ]
    for body, cells in matrix.rows:
        for c in cells:
            yield [
                body.name,
                f"{c.month:%Y-%m}",
                c.state,
                c.timeliness or "",
                c.period.deadline.isoformat() if c.period else "",
                timezone.localtime(c.first_submitted_at).isoformat()
                if c.first_submitted_at
                else "",
                c.days_late,
            ]


def _export(matrix, fmt: str) -> HttpResponse:
    rows = list(_export_rows(matrix))
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "completeness"
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response, lineterminator="\r\n")
        for row in rows:
            writer.writerow(
                [escape_cell(v) if isinstance(v, str) else ("" if v is None else v) for v in row]
            )
    response["Content-Disposition"] = f'attachment; filename="napmon-completeness.{fmt}"'
    return response


@login_required
@require_GET
def matrix(request):
    """Bodies by months with each report's state and timeliness; CSV/XLSX export."""
    require_perm(request, roles.VIEW_ALL)
    form, result = _matrix_from_request(request)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(result, fmt)
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "matrix": result,
        "query": query.urlencode(),
        "links": True,
    }
    return render(request, "reporting/matrix.html", context)


@require_GET
def status(request):
    """Public: which bodies reported for which month, without the reports' contents."""
    if not completeness.public_status_enabled() and not request.user.has_perm(roles.VIEW_ALL):
        raise Http404(_("The reporting status is not public."))
    form, result = _matrix_from_request(request)
    context = {
        "form": form,
        "matrix": result,
        "links": False,
        "public": True,
    }
    return render(request, "reporting/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notices(request):
    """The user's own in-app notices, newest first; POST marks them read."""
    if request.method == "POST":
        notice_service.mark_notices_read(request.user)
        return redirect("reporting:notices")
    items = Notice.objects.filter(user=request.user).select_related("report__period")[:100]
    return render(request, "reporting/notices.html", {"notices": items})
