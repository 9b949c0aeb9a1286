"""Outcome series and their analyses: by year and month, by province, across datasets,
before/after an intervention, interrupted time series and the GTI-style index.

Reads the summary tables (``summaries.summarise``) and, for year-level views when no
events are imported, the PIPS annual indicators of the built-in dataset; the statistics
are the pure functions of :mod:`napmon.analysis.compute`. Methods: docs/analysis.md.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.gti import DESCRIPTION as GTI_DESCRIPTION
from napmon.analysis.compute.gti import GTIWeights, gti_style_index
from napmon.analysis.compute.reconcile import reconcile
from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import SummaryState
from napmon.analysis.services.interventions import get_intervention
from napmon.analysis.services.summaries import (
    UNKNOWN,
    clean_filters,
    daily_events,
    ensure_fresh,
    summarise,
)
from napmon.analysis.services.visible import DOCUMENT_TIMEOUT, cache_key
from napmon.events.measures import EVENT_COUNT_MEASURES
from napmon.events.models import AnnualFigure, Dataset
from napmon.indicators.models import IndicatorValue

PIPS_SERIES = {
    "events": "pips-terrorist-attacks",
    "killed": "pips-people-killed",
    "casualties": "pips-casualties",
}
PIPS_LABEL = "PIPS annual figures (built-in indicators)"
PIPS_MEASURE = "terrorist attacks as PIPS reports them (annual totals quoted in the seed documents)"
# Marked for translation; pages show it through gettext, the API and CLI in English.
GTI_LABEL = gettext_noop("GTI-style, not the official Global Terrorism Index")
ALL_DATASETS = "all"


def dataset_info(name: str) -> dict:
    """What a dataset counts and where it comes from, for every face that shows its figures.

    Raises AnalysisError ``not_found`` for an unknown dataset name.
    """
    found = Dataset.objects.filter(name=name).first()
    if found is None:
        raise AnalysisError(
            _("There is no dataset '%(name)s'.") % {"name": name}, code="not_found", field="dataset"
        )
    return {
        "name": found.name,
        "measure": found.measure or "events as the source records them",
        "producer": found.producer,
        "licence": found.licence,
        "citation": found.citation,
        "url": found.url,
        "records_injuries": found.records_injuries,
        "format": found.format,
    }


BUILTIN_DATASET = "UCDP GED"


def default_dataset() -> str | None:
    """The dataset analyses use when none is chosen; None when there is no event data.

    The built-in "UCDP GED" when it has events (open data, the same for every reader);
    otherwise the dataset with the most events, open and aggregate-only before
    restricted, ties by name. The choice never depends on which file was imported last,
    so adding events to one dataset cannot silently switch every page to another (and a
    page's figures cannot reveal that a hidden cell changed)."""
    from napmon.core.visibility import LicenceTier

    ensure_fresh()
    states = SummaryState.objects.filter(events__gt=0).select_related("dataset")
    ranked = sorted(
        states,
        key=lambda s: (
            s.dataset.name != BUILTIN_DATASET,
            s.dataset.licence_tier == LicenceTier.RESTRICTED,
            -s.events,
            s.dataset.name,
        ),
    )
    return ranked[0].dataset.name if ranked else None


def one_dataset(filters: dict | None) -> dict:
    """``filters`` with exactly one dataset: the one chosen, else :func:`default_dataset`.

    Inference (before/after, ITS, the index, headline changes) never runs on datasets
    added together: an incident two datasets report would count twice. Raises
    AnalysisError ``one_dataset_needed`` for "all" and ``no_data`` when no dataset has
    events.
    """
    filters = dict(filters or {})
    chosen = filters.get("dataset")
    if chosen == ALL_DATASETS:
        raise AnalysisError(
            _(
                "This analysis needs exactly one dataset: datasets added together count an "
                "incident reported by two of them twice. Choose one dataset."
            ),
            code="one_dataset_needed",
            field="dataset",
        )
    if chosen:
        dataset_info(chosen)
        return filters
    filters["dataset"] = default_dataset()
    if not filters["dataset"]:
        raise AnalysisError(
            _(
                "No event dataset is imported (`napmon init` loads UCDP GED unless told not "
                "to; `napmon events import` adds others)."
            ),
            code="no_data",
        )
    return filters


def _compute(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ComputeError as exc:
        raise AnalysisError.from_compute(exc) from exc


def pips_year_rows() -> list[dict]:
    """The PIPS annual figures per year, each with the source it was recorded from.

    ``[{year, events: {value, source_key, source}, killed: ..., casualties: ...}]``;
    a measure without a published figure for the year is absent (not zero).
    """
    rows: dict[int, dict] = {}
    values = IndicatorValue.objects.filter(
        indicator__slug__in=PIPS_SERIES.values(), precision="year"
    ).select_related("indicator", "source")
    measure_of = {slug: measure for measure, slug in PIPS_SERIES.items()}
    for value in values:
        year = value.period_start.year
        rows.setdefault(year, {"year": year})[measure_of[value.indicator.slug]] = {
            "value": float(value.value),
            "source_key": value.source.key if value.source else "",
            "source": value.source.short_citation() if value.source else "",
        }
    return [rows[y] for y in sorted(rows)]


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


def _zero_filled(rows: list[dict], period: str, periods=None) -> pd.DataFrame:
    """Summary rows as a table with every period between the first and the last.

    A period without events has 0 events, and 0 killed / injured when the data records
    that measure at all; a measure no event records (UCDP injuries) stays NaN (unknown).
    """
    table = pd.DataFrame(rows).rename(columns={"key": period})
    if periods is None:
        table[period] = table[period].astype(int)
        periods = range(table[period].min(), table[period].max() + 1)
    table = pd.DataFrame({period: periods}).merge(table, on=period, how="left")
    table["events"] = table["events"].fillna(0).astype("int64")
    for measure in ("killed", "injured"):
        values = pd.to_numeric(table[measure], errors="coerce").astype("float64")
        if values.notna().any():
            values = values.mask(table["events"] == 0, 0.0)
        table[measure] = values
    return table[[period, "events", "killed", "injured"]]


def year_series(filters: dict | None = None) -> tuple[pd.DataFrame, str]:
    """Events, killed and injured per year (zero-filled), and what the figures are.

    ``killed`` / ``injured`` are floats, NaN where unknown (a measure the dataset does
    not record is unknown in every year, never 0).

    With imported events matching ``filters`` the table comes from the summaries and the
    basis is "events"; otherwise, for a national view without a dataset filter, it is the
    PIPS annual indicators (basis :data:`PIPS_LABEL`). Raises AnalysisError ``no_data``.
    """
    filters = clean_filters(filters)
    rows = [r for r in summarise("year", filters) if r["key"] != UNKNOWN]
    if rows:
        return _zero_filled(rows, "year"), "events"
    if not any(filters.get(k) for k in ("dataset", "province", "actor", "event_type")):
        table = pips_year_series()
        if not table.empty:
            return table, PIPS_LABEL
    raise AnalysisError(
        _("No events match these filters and no annual figures apply."), code="no_data"
    )


def month_series(filters: dict | None = None) -> tuple[pd.DataFrame, int]:
    """Monthly events, killed and injured, zero-filled from the first to the last month.

    ``killed`` / ``injured`` are NaN where unknown, as in :func:`year_series`.

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
            _(
                "Monthly analysis needs imported events with known months; there are none "
                "for these filters (the PIPS figures are annual). Import an event dataset "
                "with `napmon events import`."
            ),
            code="no_monthly_data",
        )
    for row in known:
        row["key"] = pd.Timestamp(row["key"] + "-01")
    first, last = min(r["key"] for r in known), max(r["key"] for r in known)
    months = pd.date_range(first, last, freq="MS")
    return _zero_filled(known, "period", periods=months), unknown


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
        raise AnalysisError(_("There is nothing to compare."), code="no_data")
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
            _("Give a break date or an intervention."), code="missing_break", field="at"
        )
    try:
        return (at if isinstance(at, date) else date.fromisoformat(str(at))), f"{at}"
    except ValueError:
        raise AnalysisError(
            _("'%(value)s' is not a date (use YYYY-MM-DD).") % {"value": at},
            code="invalid_date",
            field="at",
        ) from None


def _subject(filters: dict) -> str:
    return "Events" + (f" in {filters['dataset']}" if filters.get("dataset") else "")


def daily_counts(filters: dict) -> tuple[list[dict], tuple[date, date] | None]:
    """The events per day and the data's coverage under ``filters`` (``daily_events``).

    The same for every break and window, and the costly part of a before/after with many
    events (a scan of the daily table): read once per filters and data state, then taken
    from the shared cache (``cache_key``, so never stale) by every later question.
    """
    key = cache_key("daily", [filters], public=False)  # the filters carry any scope
    found = cache.get(key)
    if found is None:
        found = daily_events(filters)
        cache.set(key, found, DOCUMENT_TIMEOUT)
    return found


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

    filters = clean_filters(one_dataset(filters))
    when, label = _break_date(at, intervention)
    days, coverage = daily_counts(filters)
    if coverage is None:
        raise AnalysisError(
            _("Before/after needs imported events; none match these filters."), code="no_data"
        )
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
        "dataset": filters["dataset"],
        "result": result,
        "robust": _robust_before_after(filters, when, before, after, unit),
        "excluded_imprecise": sum(r["events"] for r in days if r["key"] == UNKNOWN),
    }


def _robust_before_after(filters: dict, when, before, after, unit):
    """The overdispersion-aware monthly rate ratio with placebo years, or the reason it
    is not available (a message) when the windows are in days or the months do not fit."""
    from napmon.analysis.compute.before_after import robust_before_after

    if unit != "months":
        return {"message": "The overdispersion-aware comparison needs windows in months."}
    table, _unknown = month_series(filters)
    try:
        return robust_before_after(
            table.set_index("period")["events"],
            when,
            before=int(before),
            after=int(after) if after else None,
            subject=_subject(filters),
        )
    except ComputeError as exc:
        error = AnalysisError.from_compute(exc)
        return {"message": error.message, "code": exc.code, "detail": error.detail}


def _index_rows(filters: dict, public: bool) -> tuple[list[dict], set]:
    """Province-year rows for the index, and (public) the cells withheld as small."""
    from napmon.analysis.services.visible import summarise_visible

    result = summarise_visible(["province", "year"], filters, public)
    rows, small = [], set()
    for r in result["rows"]:
        if r["province"] == UNKNOWN or r["year"] == UNKNOWN:
            continue
        if r["suppressed"]:
            # Counted as nothing, so no other row's score depends on the small cell.
            small.add((r["province"], int(r["year"])))
            r = {**r, **dict.fromkeys(("events", "killed", "injured"), 0)}
            r.update(killed_unknown=0, injured_unknown=0)
        rows.append(r)
    return rows, small


def gti_index(filters: dict | None = None, public: bool = False) -> tuple[pd.DataFrame, str]:
    """GTI-style score per province and year, with the wording that it is not the official GTI.

    Needs exactly one dataset (:func:`one_dataset`). ``frame.attrs`` says which
    ``dataset`` it used, which terms were ``unavailable`` (a measure the dataset does not
    record, e.g. UCDP injuries: scored as 0 and shown as unknown) and the
    ``incomplete_years`` whose five-year window reaches before the data.

    Annual incidents, deaths (killed) and injuries per province come from the summaries
    (FATA folded into Khyber Pakhtunkhwa; events with no province are left out) and go
    to :func:`compute.gti.gti_style_index`. For the public (``public``) the counts are
    those ``summarise_visible`` shows: a small cell of aggregate-only data counts as
    nothing, and every row whose five-year window includes it is marked ``suppressed``,
    so no published score depends on it. Raises AnalysisError ``no_data``.
    """
    filters = clean_filters(one_dataset({**(filters or {}), "fold_fata": True}))
    rows, small = _index_rows(filters, public)
    if not rows:
        raise AnalysisError(
            _("The GTI-style index needs imported events with a province."), code="no_data"
        )
    annual = pd.DataFrame(
        {
            "province": [r["province"] for r in rows],
            "year": [int(r["year"]) for r in rows],
            "incidents": [r["events"] for r in rows],
            "deaths": [
                float("nan") if r["events"] and r["killed_unknown"] == r["events"] else r["killed"]
                for r in rows
            ],
            "injuries": [
                float("nan")
                if r["events"] and r["injured_unknown"] == r["events"]
                else r["injured"]
                for r in rows
            ],
        }
    )
    frame = _compute(gti_style_index, annual, by="province")
    # The compute step counts an unknown term as 0 in the score; the table shows it unknown.
    # A withheld small cell counts as nothing (see _index_rows), so it says nothing about
    # whether a term is recorded.
    recorded = annual[
        [(p, y) not in small for p, y in zip(annual["province"], annual["year"], strict=True)]
    ]
    unavailable = [t for t in ("deaths", "injuries") if recorded[t].isna().all()]
    for term in ("deaths", "injuries"):
        missing = set(annual.loc[annual[term].isna(), ["province", "year"]].itertuples(index=False))
        mask = [
            term in unavailable or (p, y) in missing
            for p, y in zip(frame["province"], frame["year"], strict=True)
        ]
        frame.loc[mask, term] = float("nan")
    window = len(GTIWeights().years)
    frame["suppressed"] = [
        any((p, y - lag) in small for lag in range(window))
        for p, y in zip(frame["province"], frame["year"], strict=True)
    ]
    frame.attrs.update(
        dataset=filters["dataset"],
        unavailable=unavailable,
        incomplete_years=sorted({int(y) for y in frame.loc[~frame["complete_window"], "year"]}),
    )
    return frame, GTI_DESCRIPTION
