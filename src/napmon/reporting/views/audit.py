"""The audit log page: admin only, filterable, exportable as CSV, read-only."""

from __future__ import annotations

import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from napmon.core import roles
from napmon.core.models import AuditEntry
from napmon.core.spreadsheet import escape_cell
from napmon.reporting.forms import AuditFilterForm
from napmon.reporting.views.common import require_perm

CSV_LIMIT = 100_000


def filtered_entries(form: AuditFilterForm):
    entries = AuditEntry.objects.all()
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if data["actor"]:
        entries = entries.filter(actor_label__icontains=data["actor"])
    if data["action"]:
        entries = entries.filter(action__icontains=data["action"])
    if data["object_type"]:
        entries = entries.filter(object_type__icontains=data["object_type"])
    if data["date_from"]:
        entries = entries.filter(timestamp__date__gte=data["date_from"])
    if data["date_to"]:
        entries = entries.filter(timestamp__date__lte=data["date_to"])
    return entries


def _csv(entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="napmon-audit.csv"'
    writer = csv.writer(response)
    writer.writerow(["timestamp", "who", "action", "record type", "record id", "record", "changes"])
    for e in entries[:CSV_LIMIT]:
        # Every column is text here (names, record labels, uploaded file names): escape
        # them all against formula injection.
        writer.writerow(
            escape_cell(cell)
            for cell in (
                e.timestamp.isoformat(),
                e.actor_label,
                e.action,
                e.object_type,
                e.object_id,
                e.object_repr,
                json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
            )
        )
    return response


@login_required
@require_GET
def audit_log(request):
    require_perm(request, roles.VIEW_AUDIT)
    form = AuditFilterForm(request.GET or None)
    if not request.GET:
        form = AuditFilterForm({})
    entries = filtered_entries(form)
    if request.GET.get("format") == "csv":
        return _csv(entries)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "types": AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct(),
    }
    return render(request, "reporting/audit.html", context)
