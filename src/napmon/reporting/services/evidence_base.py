"""What a six-monthly review looks at for one point: reports, series, rates, outcomes."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from napmon.analysis.services.point_outcomes import outcome_trend_for_point
from napmon.core import geography
from napmon.indicators.models import Indicator, IndicatorValue
from napmon.reporting import rubric
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment, Period, Report, ReportedValue, ReportEntry

_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
# Monthly reported figures are added up across bodies for these units and averaged for rates.
SUMMED_UNITS = {"count", "PKR", "USD", "km"}


def parse_half(text: str) -> tuple[int, int]:
    """``"2025-H1"`` → (2025, 1); raises ``ReportingError('invalid_half')``."""
    match = _HALF.match(str(text).strip())
    if not match:
        raise ReportingError(
            _("%(text)s is not a half-year; write it as YYYY-H1 or YYYY-H2.") % {"text": text},
            code="invalid_half",
            field="half",
        )
    return int(match[1]), int(match[2])


def half_bounds(year: int, half: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def approved_entries(point, start: date, end: date):
    """Entries on ``point`` of approved, non-demo reports of months in [start, end]."""
    return (
        ReportEntry.objects.filter(
            point=point,
            report__state=Report.State.APPROVED,
            report__is_demo=False,
            report__period__month__range=(start, end),
        )
        .select_related("report__body", "report__period")
        .order_by("report__period__month", "report__body__name")
    )


def reported_series(indicator, start: date, end: date) -> list[tuple[date, float]]:
    """Monthly totals (or means, for rates) of approved, non-demo reported values."""
    rows = ReportedValue.objects.filter(
        indicator=indicator,
        value__isnull=False,
        entry__report__state=Report.State.APPROVED,
        entry__report__is_demo=False,
        entry__report__period__month__range=(start, end),
    ).values_list("entry__report__period__month", "value")
    by_month: dict[date, list[float]] = {}
    for month, value in rows:
        by_month.setdefault(month, []).append(float(value))
    combine = sum if indicator.unit in SUMMED_UNITS else (lambda xs: sum(xs) / len(xs))
    return [(month, combine(values)) for month, values in sorted(by_month.items())]


def sourced_series(indicator, end: date) -> list[tuple[date, float]]:
    """National sourced values of the indicator up to ``end`` (the built-in dataset)."""
    values = IndicatorValue.objects.filter(
        indicator=indicator, period_end__lte=end, geography=geography.NATIONAL
    ).order_by("period_end")
    return [(v.period_end, float(v.value)) for v in values]


def indicator_series(point, start: date, end: date) -> list[dict]:
    """Both series per indicator, and the one the rubric uses (see docs/rating-rubric.md)."""
    result = []
    for indicator in Indicator.objects.filter(point=point).order_by("name"):
        reported = reported_series(indicator, start, end)
        sourced = sourced_series(indicator, end)
        used = reported if len(reported) >= 2 else sourced
        baseline = target = None
        if indicator.baseline_value is not None and indicator.baseline_year:
            baseline = (indicator.baseline_year, float(indicator.baseline_value))
        if indicator.target_value is not None and indicator.target_year:
            target = (indicator.target_year, float(indicator.target_value))
        result.append(
            {
                "indicator": indicator,
                "reported": reported,
                "sourced": sourced,
                "used": "reported" if used is reported else "sourced",
                "series": rubric.Series(
                    indicator.name, indicator.direction, used, baseline, target
                ),
            }
        )
    return result


def point_reporting_rate(point, start: date, end: date) -> dict:
    """Share of the monthly reports owed on ``point`` in the half that were approved."""
    bodies = list(
        Assignment.objects.filter(point=point, active=True).values_list("body_id", flat=True)
    )
    periods = list(Period.objects.filter(month__range=(start, end)))
    expected = len(bodies) * len(periods)
    approved = (
        Report.objects.filter(
            body_id__in=bodies,
            period__in=periods,
            is_demo=False,
            state__in=(Report.State.APPROVED, Report.State.SUPERSEDED),
        )
        .values("body_id", "period_id")
        .distinct()
        .count()
    )
    return {
        "expected": expected,
        "approved": approved,
        "rate": round(approved / expected, 3) if expected else None,
    }


def outcome_trend(point, start: date, end: date) -> dict | None:
    """The outcome change of ``point`` in the half, through its declared outcome link.

    ``None`` when the point declares none (see ``outcome_links`` in the dataset file and
    :func:`napmon.analysis.services.point_outcomes.outcome_trend_for_point`); a dict with
    ``change_pct`` None and a ``reason`` when the linked dataset has no data for the half.
    """
    return outcome_trend_for_point(point, start, end)


def gather(point, year: int, half: int) -> dict:
    """Everything the review of ``point`` for the half rests on, with the proposal."""
    start, end = half_bounds(year, half)
    series = indicator_series(point, start, end)
    rate = point_reporting_rate(point, start, end)
    outcome = outcome_trend(point, start, end)
    basis = None
    if outcome and outcome["change_pct"] is not None:
        basis = {
            k: outcome[k]
            for k in (
                "dataset",
                "measure",
                "province",
                "half",
                "previous_half",
                "value",
                "previous",
            )
        }
    proposal = rubric.propose(
        [s["series"] for s in series],
        rate["rate"],
        outcome.get("change_pct") if outcome else None,
        (outcome or {}).get("direction", "lower"),
        basis,
    )
    return {
        "entries": list(approved_entries(point, start, end)),
        "series": series,
        "rate": rate,
        "outcome": outcome,
        "proposal": proposal,
    }
