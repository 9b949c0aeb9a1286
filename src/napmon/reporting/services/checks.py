"""Running the pure validation rules (reporting/validation.py) on a report's values."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from napmon.reporting import validation
from napmon.reporting.models import IndicatorRule, Report, ReportedValue
from napmon.reporting.services import levels

MESSAGES = {
    "below_minimum": lambda p: _("The value is below the minimum of %(minimum)s.") % p,
    "above_maximum": lambda p: _("The value is above the maximum of %(maximum)s.") % p,
    "not_whole": lambda p: _("The value must be a whole number."),
    "change_too_large": lambda p: (
        _(
            "The value changes by %(change)s%% from the previous period (%(previous)s); "
            "at most %(limit)s%% is allowed."
        )
        % p
    ),
    "change_needs_explanation": lambda p: (
        _(
            "The value changes by %(change)s%% from the previous period (%(previous)s), more "
            "than %(limit)s%%: explain the change before submitting."
        )
        % p
    ),
    "change_explained": lambda p: (
        _("Large change (%(change)s%%) from the previous period, explained by the reporter.") % p
    ),
    "outlier": lambda p: (
        _(
            "Unusual against this body's own approved history (robust z-score %(z)s): "
            "flagged for follow-up."
        )
        % p
    ),
}


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def message(finding: validation.Finding) -> str:
    """The translated message of a finding."""
    return MESSAGES[finding.code]({k: _plain(v) for k, v in finding.params.items()})


def rule_for(indicator) -> validation.Rule:
    """The indicator's rule as a plain dataclass; defaults when none is configured."""
    row = IndicatorRule.objects.filter(indicator=indicator).first()
    if row is None:
        whole = indicator.unit == "count"
        return validation.Rule(whole_number=whole, minimum=Decimal(0) if whole else None)
    return validation.Rule(
        minimum=row.minimum,
        maximum=row.maximum,
        whole_number=row.whole_number,
        max_change_pct=row.max_change_pct,
        soft_change_pct=row.soft_change_pct,
        outlier_z=row.outlier_z,
    )


def _approved_history(report: Report, indicator) -> list[tuple]:
    """(month, value) of the body's approved values before this report's month."""
    rows = ReportedValue.objects.filter(
        indicator=indicator,
        entry__report__body=report.body,
        entry__report__state=Report.State.APPROVED,
        entry__report__is_demo=report.is_demo,
        entry__report__period__month__lt=report.period.month,
        value__isnull=False,
    ).order_by("entry__report__period__month")
    return list(rows.values_list("entry__report__period__month", "value"))


def findings_for(report: Report) -> dict[int, list[validation.Finding]]:
    """Findings per ReportedValue id for every filled-in value of ``report``."""
    results = {}
    values = ReportedValue.objects.filter(entry__report=report).select_related("indicator")
    for rv in levels.asked_values(report, values):
        if rv.value is None:
            continue
        history = _approved_history(report, rv.indicator)
        previous = history[-1][1] if history else None
        results[rv.pk] = validation.check_value(
            rv.value,
            rule_for(rv.indicator),
            previous=previous,
            history=[v for _m, v in history],
            explanation=rv.explanation,
        )
    return results


def errors_and_flags(report: Report) -> tuple[dict[str, list[str]], dict[int, list[dict]]]:
    """Blocking messages by form field, and non-blocking flags by ReportedValue id."""
    errors: dict[str, list[str]] = {}
    flags: dict[int, list[dict]] = {}
    for rv_id, found in findings_for(report).items():
        for finding in found:
            text = message(finding)
            if finding.level == validation.HARD:
                errors.setdefault(f"value-{rv_id}", []).append(text)
            elif finding.level == validation.SOFT:
                errors.setdefault(f"explanation-{rv_id}", []).append(text)
            else:
                flags.setdefault(rv_id, []).append({"code": finding.code, "message": text})
    return errors, flags
