"""Reporting rates per period and body, and reminder e-mails to late bodies."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.analysis.boundaries import province_codes, province_name
from napmon.analysis.compute.maps import completeness as completeness_shares
from napmon.core import roles
from napmon.reporting import signals
from napmon.reporting.models import Period, Report, ReportingBody
from napmon.reporting.services import completeness
from napmon.reporting.services._common import audit, require, send_after_commit


def expected_bodies(period: Period) -> list[ReportingBody]:
    """Active bodies with at least one active assignment: they owe a report."""
    return completeness.expected_bodies()


def _body_row(body, reports, period, today) -> dict:
    cell = completeness.cell_state(body, period.month, period, reports, today)
    approved = any(r.state in (Report.State.APPROVED, Report.State.SUPERSEDED) for r in reports)
    return {
        "body": body,
        "report": cell.report,
        "state": cell.report.state if cell.report else None,
        "cell": cell,
        "submitted": cell.first_submitted_at is not None,
        "submitted_at": cell.first_submitted_at,
        # None until the deadline has passed without a submission: not yet known.
        "on_time": {completeness.ON_TIME: True, completeness.PENDING: None}.get(
            cell.timeliness, False
        ),
        "approved": approved,
        "late": cell.is_late,
        "is_demo": any(r.is_demo for r in reports),
    }


def reporting_rates(period: Period, *, include_demo: bool = True, today=None) -> dict:
    """Expected, submitted, on-time and approved reports of ``period``, as counts and rates.

    ``late`` lists the bodies that have not submitted by the deadline (or submitted
    after it). Demo reports count only with ``include_demo``.
    """
    today = today or timezone.localdate()
    reports = Report.objects.filter(period=period)
    if not include_demo:
        reports = reports.filter(is_demo=False)
    by_body: dict[int, list[Report]] = {}
    for report in reports:
        by_body.setdefault(report.body_id, []).append(report)
    rows = [_body_row(b, by_body.get(b.pk, []), period, today) for b in expected_bodies(period)]
    expected = len(rows)
    counts = {key: sum(1 for r in rows if r[key]) for key in ("submitted", "on_time", "approved")}

    def rate(n):
        return round(n / expected, 3) if expected else None

    return {
        "period": period.label,
        "deadline": period.deadline,
        "expected": expected,
        **counts,
        "submitted_rate": rate(counts["submitted"]),
        "on_time_rate": rate(counts["on_time"]),
        "approved_rate": rate(counts["approved"]),
        "late": [r["body"] for r in rows if r["late"]],
        "bodies": rows,
    }


def rates_document(rates: dict) -> dict:
    """A :func:`reporting_rates` result as JSON-ready data, bodies as slugs and names.

    The one shape of reporting rates: ``/api/v1/reporting/periods/{label}/rates`` and
    ``napmon reporting rates --json`` both print it.
    """
    return {
        **{k: v for k, v in rates.items() if k not in ("late", "bodies")},
        "late": [b.slug for b in rates["late"]],
        "bodies": [
            {
                "body": row["body"].slug,
                "body_name": row["body"].name,
                "report": row["report"].pk if row["report"] else None,
                "state": row["state"],
                "submitted": row["submitted"],
                "submitted_at": row["submitted_at"],
                "on_time": row["on_time"],
                "approved": row["approved"],
                "late": row["late"],
                "is_demo": row["is_demo"],
            }
            for row in rates["bodies"]
        ],
    }


def completeness_by_province(rates: dict, lang: str = "en") -> dict:
    """Per province, the share of expected bodies that submitted, for the completeness map.

    ``rates`` is a :func:`reporting_rates` result. Returns ``{rows, national}``: ``rows``
    one per boundary shape ``{code, label, expected, submitted, value}`` (value: percent,
    None where no body of that province owes a report); ``national`` the expected and
    submitted counts of bodies with no province (federal bodies), which no map shows.
    """
    codes = province_codes()
    per_unit = completeness_shares([(r["body"].geography, r["submitted"]) for r in rates["bodies"]])
    rows = []
    for code in codes:
        entry = per_unit.get(code)
        rows.append(
            {
                "code": code,
                "label": province_name(code, lang),
                "expected": entry["expected"] if entry else 0,
                "submitted": entry["submitted"] if entry else 0,
                "value": entry["percent"] if entry else None,
            }
        )
    national = [v for k, v in per_unit.items() if k not in codes]
    return {
        "rows": rows,
        "national": {
            "expected": sum(v["expected"] for v in national),
            "submitted": sum(v["submitted"] for v in national),
        },
    }


def send_reminders(period: Period, *, actor=None, today=None) -> int:
    """E-mail the reporters of every expected body that has not submitted ``period`` yet.

    Uses Django's e-mail backend (``NAPMON_EMAIL_BACKEND``). Returns how many
    e-mails were sent. Raises ``ReportingError('permission_denied')``.
    """
    require(actor, roles.REMIND)
    rates = reporting_rates(period, today=today)
    sent = 0
    with transaction.atomic():
        for row in rates["bodies"]:
            if row["submitted"]:
                continue
            recipients = [
                m.user.email for m in row["body"].members.select_related("user") if m.user.email
            ]
            if not recipients:
                continue
            subject = _("Reminder: monthly report %(period)s for %(body)s") % {
                "period": period.label,
                "body": row["body"],
            }
            body = _(
                "The monthly NAP report of %(body)s for %(period)s is due on %(deadline)s "
                "and has not been submitted yet."
            ) % {"body": row["body"], "period": period.label, "deadline": period.deadline}
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            audit(
                "reporting.reminder.sent",
                row["body"],
                actor,
                {"period": period.label, "to": recipients},
            )
        send_after_commit(signals.reminders_sent, Period, instance=period, actor=actor, count=sent)
    return sent
