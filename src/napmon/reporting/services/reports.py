"""Creating, editing and correcting monthly reports."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import snapshot
from napmon.indicators.models import Indicator
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment, Report, ReportedValue, ReportEntry
from napmon.reporting.services import levels
from napmon.reporting.services._common import (
    audit,
    move_state,
    require,
    require_body,
    send_after_commit,
)
from napmon.reporting.services.checks import errors_and_flags

TEXT_FIELDS = ("progress", "activities", "bottlenecks")
EDITABLE = (Report.State.DRAFT, Report.State.RETURNED)


def require_open_period(report_or_period, revision: int = 1) -> None:
    """Refuse work on a locked period; corrections of approved reports are exempt."""
    period = getattr(report_or_period, "period", report_or_period)
    if revision == 1 and not period.is_open:
        raise ReportingError(
            _("The period %(label)s is locked; ask the coordinator to reopen it.")
            % {"label": period.label},
            code="period_locked",
        )


def _add_entries(report: Report, points) -> None:
    for point in points:
        entry = ReportEntry.objects.create(report=report, point=point)
        for indicator in Indicator.objects.filter(point=point).order_by("name"):
            if levels.asks(report.body, indicator):
                ReportedValue.objects.create(entry=entry, indicator=indicator)


def create_report(body, period, *, actor=None, is_demo: bool = False) -> Report:
    """Start the body's report for ``period`` with one entry per assigned point.

    Raises ``ReportingError``: ``permission_denied`` (not a reporter of this body),
    ``period_locked``, ``no_assignments``, ``exists`` (the report was started already).
    """
    require(actor, roles.SUBMIT)
    require_body(actor, body, edit=True)
    require_open_period(period)
    points = [
        a.point for a in Assignment.objects.filter(body=body, active=True).select_related("point")
    ]
    if not points:
        raise ReportingError(
            _("%(body)s has no assigned points to report on.") % {"body": body},
            code="no_assignments",
        )
    with transaction.atomic():
        if Report.objects.filter(body=body, period=period).exists():
            raise ReportingError(
                _("%(body)s already has a report for %(period)s.")
                % {"body": body, "period": period.label},
                code="exists",
            )
        report = Report.objects.create(
            body=body,
            period=period,
            is_demo=is_demo,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _add_entries(report, points)
        audit("reporting.report.created", report, actor, {"new": snapshot(report)})
        send_after_commit(signals.report_created, Report, instance=report, actor=actor)
    return report


def _decimal(value):
    if value in (None, ""):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _apply(report: Report, data: dict) -> dict:
    """Write the form fields in ``data`` to entries and values; return what changed."""
    changes = {}
    for entry in report.entries.all():
        for name in TEXT_FIELDS:
            key = f"{name}-{entry.pk}"
            if key in data and (data[key] or "") != getattr(entry, name):
                changes[key] = [getattr(entry, name), data[key] or ""]
                setattr(entry, name, data[key] or "")
        entry.save()
    for rv in ReportedValue.objects.filter(entry__report=report).select_related("indicator"):
        if not levels.asks(report.body, rv.indicator):
            # Older reports may hold figures the body is no longer asked for.
            if data.get(rv.field_name) not in (None, ""):
                raise levels.refuse(report.body, rv.indicator, rv.field_name)
            continue
        new_value = _decimal(data.get(rv.field_name, rv.value))
        new_text = data.get(rv.explanation_field_name, rv.explanation) or ""
        if new_value != rv.value:
            changes[rv.field_name] = [rv.value, new_value]
        if new_text != rv.explanation:
            changes[rv.explanation_field_name] = [rv.explanation, new_text]
        rv.value, rv.explanation = new_value, new_text
        rv.save()
    return changes


def save_report(report: Report, data: dict, *, actor=None, expected_version=None) -> dict:
    """Save a draft or returned report from form fields (``progress-<entry id>``,
    ``value-<value id>``, ``explanation-<value id>`` ...).

    Returns the validation messages by field (warnings now; they block only
    submission). Raises ``ReportingError``: ``permission_denied``,
    ``invalid_state`` (submitted or approved), ``conflict`` (someone saved in
    between), ``period_locked``.
    """
    require(actor, roles.SUBMIT)
    require_body(actor, report.body, edit=True)
    require_open_period(report, report.revision)
    with transaction.atomic():
        move_state(report, EDITABLE, report.state, expected_version=expected_version)
        changes = _apply(report, data)
        if changes:
            audit("reporting.report.changed", report, actor, changes)
        errors, _flags = errors_and_flags(report)
    return errors


def correct_report(report: Report, reason: str, *, actor=None) -> Report:
    """Start a correcting revision of an approved report, copying its content.

    The approved report stays frozen (and current) until the revision is approved.
    Raises ``ReportingError``: ``permission_denied``, ``invalid_state`` (not
    approved), ``reason_required``, ``correction_exists``.
    """
    require(actor, roles.SUBMIT)
    require_body(actor, report.body, edit=True)
    if not (reason or "").strip():
        raise ReportingError(
            _("Give the reason for the correction."), code="reason_required", field="reason"
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.state != Report.State.APPROVED:
            raise ReportingError(
                _("Only an approved report can be corrected; edit the draft instead."),
                code="invalid_state",
            )
        if Report.objects.filter(previous=report).exists():
            raise ReportingError(
                _("A correction of this report is already under way."), code="correction_exists"
            )
        revision = Report.objects.create(
            body=report.body,
            period=report.period,
            revision=report.revision + 1,
            previous=report,
            correction_reason=reason.strip(),
            is_demo=report.is_demo,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for entry in report.entries.all():
            copy = ReportEntry.objects.create(
                report=revision, point=entry.point, **{f: getattr(entry, f) for f in TEXT_FIELDS}
            )
            for rv in levels.asked_values(report, entry.values.select_related("indicator")):
                ReportedValue.objects.create(
                    entry=copy, indicator=rv.indicator, value=rv.value, explanation=rv.explanation
                )
        audit(
            "reporting.report.corrected",
            revision,
            actor,
            {
                "corrects": report.pk,
                "revision": revision.revision,
                "reason": revision.correction_reason,
            },
        )
        send_after_commit(signals.report_created, Report, instance=revision, actor=actor)
    return revision
