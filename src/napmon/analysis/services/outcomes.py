"""Outcome series and their analyses: by year and month, by province, across datasets,
before/after an intervention, interrupted time series and the GTI-style index.

Reads the summary tables (``summaries.summarise``) and, for year-level views when no
events are imported, the PIPS annual indicators of the built-in dataset; the statistics
are the pure functions of :mod:`napmon.analysis.compute`. Methods: docs/analysis.md.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from django.db.models import Max, Min

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.gti import DESCRIPTION as GTI_DESCRIPTION
from napmon.analysis.compute.gti import gti_style_index
from napmon.analysis.compute.reconcile import reconcile
from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import DailySummary
from napmon.analysis.services.interventions import get_intervention
from napmon.analysis.services.summaries import (
    UNKNOWN,
    _filtered,
    clean_filters,
    ensure_fresh,
    summarise,
)
from napmon.events.measures import EVENT_COUNT_MEASURES
from napmon.events.models import AnnualFigure
from napmon.indicators.models import IndicatorValue

PIPS_SERIES = {
    "events": "pips-terrorist-attacks",
    "killed": "pips-people-killed",
    "casualties": "pips-casualties",
}
PIPS_LABEL = "PIPS annual figures (built-in indicators)"
GTI_LABEL = "GTI-style, not the official Global Terrorism Index"


def _compute(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ComputeError as exc:
        raise AnalysisError(exc.message, code=exc.code, field=exc.field) from exc


def pips_year_series() -> pd.DataFrame:
    """The PIPS annual figures as a table: year, events (attacks), killed, casualties.

    Years the PIPS indicators do not cover are absent (not zero); cells are NaN where one
    measure has a figure for the year and another does not.
    """
    rows: dict[int, dict] = {}
    for measure, slug in PIPS_SERIES.items():
        for value in IndicatorValue.objects.filter(indicator__slug=slug, precision="year"):
            rows.setdefault(value.period_start.year, {"year": value.period_start.year})
            rows[value.period_start.year][measure] = float(value.value)
    table = pd.DataFrame(sorted(rows.values(), key=lambda r: r["year"]))
    return table.reindex(columns=["year", *PIPS_SERIES])


def year_series(filters: dict | None = None) -> tuple[pd.DataFrame, str]:
    """Events, killed and injured per year (zero-filled), and what the figures are.

    With imported events matching ``filters`` the table comes from the summaries and the
    basis is "events"; otherwise, for a national view without a dataset filter, it is the
    PIPS annual indicators (basis :data:`PIPS_LABEL`). Raises AnalysisError ``no_data``.
    """
    filters = clean_filters(filters)
    rows = [r for r in summarise("year", filters) if r["key"] != UNKNOWN]
    if rows:
        table = pd.DataFrame(rows).rename(columns={"key": "year"})
        table["year"] = table["year"].astype(int)
        full = pd.DataFrame({"year": range(table["year"].min(), table["year"].max() + 1)})
        table = full.merge(table, on="year", how="left").fillna(0)
        return table.astype({c: "int64" for c in table.columns}), "events"
    if not any(filters.get(k) for k in ("dataset", "province", "actor", "event_type")):
        table = pips_year_series()
        if not table.empty:
            return table, PIPS_LABEL
    raise AnalysisError(
        "No events match these filters and no annual figures apply.", code="no_data"
    )


def month_series(filters: dict | None = None) -> tuple[pd.DataFrame, int]:
    """Monthly events, killed and injured, zero-filled from the first to the last month.

    Returns the table (``period`` = first day of the month) and the number of events left
    out because their date is known to the year only. Raises AnalysisError
    ``no_monthly_data`` when no event with a known month matches.
    """
    filters = clean_filters(filters)
    rows = summarise("month", filters)
    unknown = sum(r["events"] for r in rows if r["key"] == UNKNOWN)
    known = [r for r in rows if r["key"] != UNKNOWN]
    if not known:
        raise AnalysisError(
            "Monthly analysis needs imported events with known months; there are none for "
            "these filters (the PIPS figures are annual). Import an event dataset with "
            "`napmon events import`.",
            code="no_monthly_data",
        )
    table = pd.DataFrame(known).rename(columns={"key": "period"})
    table["period"] = pd.to_datetime(table["period"] + "-01")
    months = pd.date_range(table["period"].min(), table["period"].max(), freq="MS", name="period")
    table = table.set_index("period").reindex(months, fill_value=0).reset_index()
    return table, unknown


def province_breakdown(filters: dict | None = None) -> list[dict]:
    """Events, killed and injured per province (unknown last); see ``summarise``."""
    return summarise("province", filters)


def compare_datasets(filters: dict | None = None) -> pd.DataFrame:
    """Events per year in each dataset, with PIPS and imported annual totals, side by side.

    A long table (dataset, year, value) is reconciled (:func:`compute.reconcile.reconcile`):
    one row per year, one column per dataset and the spread between them. Raises
    AnalysisError ``no_data`` when there is nothing to compare.
    """
    filters = clean_filters({k: v for k, v in (filters or {}).items() if k != "dataset"})
    long = [
        {
            "dataset": r["dataset"],
            "region": "PK",
            "period": int(r["year"]),
            "value": float(r["events"]),
        }
        for r in summarise(["year", "dataset"], filters)
        if r["year"] != UNKNOWN
    ]
    if not filters.get("province"):
        pips = pips_year_series().dropna(subset=["events"])
        long += [
            {"dataset": "PIPS", "region": "PK", "period": int(y), "value": float(v)}
            for y, v in zip(pips["year"], pips["events"], strict=True)
        ]
        # Measures that count incidents ("attacks", "events") are compared with event counts.
        annual = AnnualFigure.objects.filter(
            measure__in=EVENT_COUNT_MEASURES, unit__code="PK"
        ).order_by("dataset__name", "measure", "year")
        long += [
            {
                "dataset": f"{a.dataset.name} (annual, {a.measure})",
                "region": "PK",
                "period": a.year,
                "value": float(a.value),
            }
            for a in annual.select_related("dataset")
        ]
    if not long:
        raise AnalysisError("There is nothing to compare.", code="no_data")
    return _compute(reconcile, pd.DataFrame(long))


def annual_figures(filters: dict | None = None) -> list[dict]:
    """Every imported annual figure, whatever its measure, with its source.

    Rows of ``{dataset, year, region, measure, value, source}`` ordered by dataset,
    measure, region and year; ``filters`` may name a ``dataset``. Figures are shown as
    the source gives them: no measure is converted into another.
    """
    figures = AnnualFigure.objects.select_related("dataset").order_by(
        "dataset__name", "measure", "region", "year"
    )
    if (filters or {}).get("dataset"):
        figures = figures.filter(dataset__name=filters["dataset"])
    return [
        {
            "dataset": f.dataset.name,
            "year": f.year,
            "region": f.region,
            "measure": f.measure,
            "value": f.value,
            "source": f.source,
        }
        for f in figures
    ]


def _break_date(at: str | date | None, intervention: str | None) -> tuple[date, str]:
    if intervention:
        found = get_intervention(intervention)
        return found.date, found.label
    if not at:
        raise AnalysisError(
            "Give a break date or an intervention.", code="missing_break", field="at"
        )
    try:
        return (at if isinstance(at, date) else date.fromisoformat(str(at))), f"{at}"
    except ValueError:
        raise AnalysisError(
            f"'{at}' is not a date (use YYYY-MM-DD).", code="invalid_date", field="at"
        ) from None


def _subject(filters: dict) -> str:
    return "Events" + (f" in {filters['dataset']}" if filters.get("dataset") else "")


def run_its(
    filters: dict | None = None,
    *,
    at=None,
    intervention=None,
    family="auto",
    seasonality=None,
    min_points=6,
) -> dict:
    """Interrupted time series of monthly event counts around a break.

    Builds the zero-filled monthly series from the summaries and fits
    :func:`compute.its.interrupted_time_series` (segmented Poisson or negative binomial
    regression, rates per day). Returns the result fields, the sentence, the break and the
    monthly table. Raises AnalysisError ``no_monthly_data``, ``missing_break``,
    ``not_found`` and the compute codes (``too_few_points`` ...).
    """
    # statsmodels and scipy are imported here, not at start-up: every web worker and
    # import process would otherwise carry them (about 150 MB) without using them.
    from napmon.analysis.compute.its import interrupted_time_series

    filters = clean_filters(filters)
    when, label = _break_date(at, intervention)
    table, unknown = month_series(filters)
    counts = table.set_index("period")["events"]
    result = _compute(
        interrupted_time_series,
        counts,
        when,
        family=family,
        seasonality=seasonality or None,
        min_points=min_points,
        subject=_subject(filters),
    )
    return {
        "break": when,
        "break_label": label,
        "result": result,
        "table": table,
        "excluded_year_only": unknown,
    }


def data_coverage(filters: dict | None = None) -> tuple[date, date] | None:
    """First and last day with an event matching ``filters`` (None when there is none)."""
    filters = clean_filters(filters)
    ensure_fresh()
    span = _filtered(DailySummary, filters).aggregate(first=Min("day"), last=Max("day"))
    return (span["first"], span["last"]) if span["first"] else None


def run_before_after(
    filters: dict | None = None,
    *,
    at=None,
    intervention=None,
    before=12,
    after=None,
    unit="months",
    method="wald",
) -> dict:
    """Event rates in a window before a break and one after it, with their rate ratio.

    Reads the daily events (one row per day with its count) from the summaries and calls
    :func:`compute.before_after.before_after` with the data's coverage, so a window
    reaching past the data is refused (``window_beyond_data``) rather than undercounted.
    Raises AnalysisError ``no_data`` and the codes of ``run_its``.
    """
    from napmon.analysis.compute.before_after import before_after  # scipy: imported when used

    filters = clean_filters(filters)
    when, label = _break_date(at, intervention)
    coverage = data_coverage(filters)
    if coverage is None:
        raise AnalysisError(
            "Before/after needs imported events; none match these filters.", code="no_data"
        )
    days = summarise("day", filters)
    known = [r for r in days if r["key"] != UNKNOWN]
    dates = pd.to_datetime(pd.Series([r["key"] for r in known], dtype="object"))
    events = pd.DataFrame({"date": dates.repeat([r["events"] for r in known]).to_numpy()})
    if events.empty:
        events = pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]")})
    result = _compute(
        before_after,
        events,
        when,
        before=int(before),
        after=int(after) if after else None,
        unit=unit,
        method=method,
        coverage=(coverage[0], coverage[1]),
        subject=_subject(filters),
    )
    return {
        "break": when,
        "break_label": label,
        "result": result,
        "excluded_imprecise": sum(r["events"] for r in days if r["key"] == UNKNOWN),
    }


def gti_index(filters: dict | None = None) -> tuple[pd.DataFrame, str]:
    """GTI-style score per province and year, with the wording that it is not the official GTI.

    Annual incidents, deaths (killed) and injuries per province come from the summaries
    (FATA folded into Khyber Pakhtunkhwa; events with no province are left out) and go
    to :func:`compute.gti.gti_style_index`. Raises AnalysisError ``no_data``.
    """
    filters = clean_filters({**(filters or {}), "fold_fata": True})
    rows = [
        r
        for r in summarise(["province", "year"], filters)
        if r["province"] != UNKNOWN and r["year"] != UNKNOWN
    ]
    if not rows:
        raise AnalysisError(
            "The GTI-style index needs imported events with a province.", code="no_data"
        )
    annual = pd.DataFrame(
        {
            "province": [r["province"] for r in rows],
            "year": [int(r["year"]) for r in rows],
            "incidents": [r["events"] for r in rows],
            "deaths": [
                float("nan") if r["killed_unknown"] == r["events"] else r["killed"] for r in rows
            ],
            "injuries": [
                float("nan") if r["injured_unknown"] == r["events"] else r["injured"] for r in rows
            ],
        }
    )
    return _compute(gti_style_index, annual, by="province"), GTI_DESCRIPTION
