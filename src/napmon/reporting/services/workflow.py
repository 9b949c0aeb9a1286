"""Moving reports through their states: submit, return with comments, approve."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Report, ReportComment, ReportedValue
from napmon.reporting.services._common import (
    audit,
    move_state,
    require,
    require_body,
    send_after_commit,
)
from napmon.reporting.services.checks import errors_and_flags
from napmon.reporting.services.reports import EDITABLE, require_open_period


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _narrative_errors(report: Report) -> dict[str, list[str]]:
    return {
        f"progress-{entry.pk}": [_("Describe the progress on this point.")]
        for entry in report.entries.all()
        if not entry.progress.strip()
    }


def submit_report(report: Report, *, actor=None, expected_version=None) -> Report:
    """Submit a draft or returned report for review.

    Every value must pass the hard rules and large changes need an explanation.
    Raises ``ReportingError``: ``permission_denied``, ``period_locked``,
    ``validation`` (``errors`` maps each form field to its messages),
    ``invalid_state``, ``conflict``.
    """
    require(actor, roles.SUBMIT)
    require_body(actor, report.body, edit=True)
    require_open_period(report, report.revision)
    errors, flags = errors_and_flags(report)
    errors.update(_narrative_errors(report))
    if errors:
        raise ReportingError(
            _("The report cannot be submitted yet: correct the fields marked below."),
            code="validation",
            errors=errors,
        )
    now = timezone.now()
    with transaction.atomic():
        old_state = report.state
        move_state(
            report,
            EDITABLE,
            Report.State.SUBMITTED,
            expected_version=expected_version,
            submitted_at=now,
            first_submitted_at=report.first_submitted_at or now,
        )
        for rv in ReportedValue.objects.filter(entry__report=report):
            rv.flags = flags.get(rv.pk, [])
            rv.save(update_fields=["flags"])
        audit(
            "reporting.report.submitted",
            report,
            actor,
            {"state": [old_state, report.state], "flags": sum(len(f) for f in flags.values())},
        )
        send_after_commit(signals.report_submitted, Report, instance=report, actor=actor)
    return report


def return_report(report: Report, comment: str, *, actor=None, expected_version=None) -> Report:
    """Return a submitted report to its body with a comment saying what to fix.

    Raises ``ReportingError``: ``permission_denied``, ``comment_required``,
    ``invalid_state``, ``conflict`` (another reviewer acted first).
    """
    require(actor, roles.REVIEW)
    require_body(actor, report.body, edit=False)
    if not (comment or "").strip():
        raise ReportingError(
            _("Say what the reporter should change."), code="comment_required", field="comment"
        )
    with transaction.atomic():
        move_state(
            report,
            (Report.State.SUBMITTED,),
            Report.State.RETURNED,
            expected_version=expected_version,
            first_approved_at=None,
            first_approved_by=None,
        )
        ReportComment.objects.create(
            report=report, author=_user(actor), action="returned", text=comment.strip()
        )
        audit(
            "reporting.report.returned",
            report,
            actor,
            {"state": ["submitted", "returned"], "comment": comment.strip()},
        )
        send_after_commit(
            signals.report_returned, Report, instance=report, actor=actor, comment=comment
        )
    return report


def needs_first_level(report: Report) -> bool:
    """Whether the report still waits for its body's own (first-level) approval."""
    return report.body.approval_levels == 2 and report.first_approved_at is None


def _require_final_approver(report: Report, actor) -> None:
    if report.body.approval_levels != 2 or actor is None:
        return
    own = roles.body_of(actor)
    if own is not None and own.pk == report.body_id:
        raise ReportingError(
            _(
                "%(body)s approved this report already; the coordinating authority "
                "gives the second approval."
            )
            % {"body": report.body},
            code="own_body_approver",
        )


def _approve_first_level(report: Report, comment: str, *, actor, expected_version) -> Report:
    own = roles.body_of(actor) if actor is not None else None
    if actor is not None and (own is None or own.pk != report.body_id):
        raise ReportingError(
            _("%(body)s approves its reports itself first; then you can approve it.")
            % {"body": report.body},
            code="first_level_pending",
        )
    with transaction.atomic():
        move_state(
            report,
            (Report.State.SUBMITTED,),
            Report.State.SUBMITTED,
            expected_version=expected_version,
            first_approved_at=timezone.now(),
            first_approved_by=_user(actor),
        )
        if comment.strip():
            ReportComment.objects.create(
                report=report, author=_user(actor), action="approved_first", text=comment.strip()
            )
        audit(
            "reporting.report.approved_first_level",
            report,
            actor,
            {"state": ["submitted", "submitted"], "level": 1},
        )
        send_after_commit(signals.report_first_approved, Report, instance=report, actor=actor)
    return report


def approve_report(
    report: Report, comment: str = "", *, actor=None, expected_version=None
) -> Report:
    """Approve a submitted report; it is frozen and a corrected revision replaces its previous one.

    A body with two approval levels needs first a reviewer of its own (the provincial
    secretariat), whose approval leaves the report submitted, then a reviewer of the
    coordinating authority. Each level has its own audit entry.
    Raises ``ReportingError``: ``permission_denied``, ``invalid_state``,
    ``conflict`` (another reviewer returned or approved it first),
    ``first_level_pending`` (the body's own approval comes first),
    ``own_body_approver`` (the second level must be the coordinating authority).
    """
    require(actor, roles.REVIEW)
    require_body(actor, report.body, edit=False)
    if needs_first_level(report):
        return _approve_first_level(report, comment, actor=actor, expected_version=expected_version)
    _require_final_approver(report, actor)
    with transaction.atomic():
        move_state(
            report,
            (Report.State.SUBMITTED,),
            Report.State.APPROVED,
            expected_version=expected_version,
            approved_at=timezone.now(),
            approved_by=_user(actor),
        )
        if comment.strip():
            ReportComment.objects.create(
                report=report, author=_user(actor), action="approved", text=comment.strip()
            )
        audit(
            "reporting.report.approved",
            report,
            actor,
            {"state": ["submitted", "approved"], "level": report.body.approval_levels},
        )
        if report.previous_id:
            previous = report.previous
            move_state(previous, (Report.State.APPROVED,), Report.State.SUPERSEDED)
            audit(
                "reporting.report.superseded",
                previous,
                actor,
                {"state": ["approved", "superseded"], "by": report.pk},
            )
        send_after_commit(signals.report_approved, Report, instance=report, actor=actor)
    return report
