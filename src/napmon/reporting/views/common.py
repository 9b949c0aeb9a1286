"""Shared pieces of the reporting views: scope lookups and turning errors into responses."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from napmon.core import roles
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Report


def report_in_scope(request, pk: int) -> Report:
    """The report, or 404 when the user may not read it (its existence stays hidden)."""
    report = get_object_or_404(Report.objects.select_related("body", "period"), pk=pk)
    if not roles.can_view_body(request.user, report.body):
        raise Http404("No such report.")
    return report


def require_perm(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def show_error(request, exc: ReportingError) -> None:
    """Turn a refused action into a 403/404 or a message on the page."""
    if exc.code == "permission_denied":
        raise PermissionDenied(exc.message)
    if exc.code == "not_found":
        raise Http404(exc.message)
    messages.error(request, exc.message)


def show_form_error(request, form, exc: ReportingError) -> None:
    """``show_error``, then the message on the form field it names (or the whole form)."""
    show_error(request, exc)
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
