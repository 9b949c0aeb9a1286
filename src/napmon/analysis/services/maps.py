"""Maps of events: province choropleths, small multiples by period, event points.

Counts come from :func:`napmon.analysis.services.summaries.summarise`, the same rows
``napmon events summary --by province`` prints, keyed here by unit code so each
boundary shape (``napmon.analysis.boundaries``) finds its figure. The FATA rule and the
period arithmetic are in :mod:`napmon.analysis.compute.maps`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from napmon.analysis import boundaries
from napmon.analysis.compute import maps as compute
from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import MonthlySummary, SummaryState
from napmon.analysis.services.summaries import UNKNOWN, ensure_fresh, summarise
from napmon.events.models import AdminUnit, Dataset, Event

# Until datasets carry a licence tier (core visibility service), rows are public only
# for the datasets named here; every other dataset is shown as aggregates only.
OPEN_DATASET_FORMATS = ("ucdp",)
MAX_POINTS = 20000


def rows_are_public(dataset: str) -> bool:
    """Whether the single events of ``dataset`` may be shown to anyone (UCDP: CC BY 4.0).

    GTD, ACLED and other datasets are aggregate-only: choropleths, never points.
    """
    found = Dataset.objects.filter(name=dataset).values_list("format", flat=True).first()
    return found in OPEN_DATASET_FORMATS


def default_dataset() -> str | None:
    """The dataset a map shows when none is chosen: UCDP GED if loaded, else the first."""
    ensure_fresh()
    # The summaries' state counts each dataset's active events (no pass over the events).
    with_events = SummaryState.objects.filter(events__gt=0).values_list("dataset_id", flat=True)
    names = list(Dataset.objects.filter(pk__in=list(with_events)).values_list("name", flat=True))
    if "UCDP GED" in names:
        return "UCDP GED"
    return names[0] if names else None


def dataset_years(dataset: str) -> tuple[int, int] | None:
    """First and last year of the dataset's active events, or None when it has none.

    Read from the monthly summary table (one index range per dataset): the event table's
    MIN/MAX over a million rows took seconds on every map page."""
    ensure_fresh()
    ids = list(Dataset.objects.filter(name=dataset).values_list("pk", flat=True))
    span = MonthlySummary.objects.filter(dataset_id__in=ids).aggregate(
        first=Min("month_start"), last=Max("month_start")
    )
    if span["first"] is None:
        return None
    return span["first"].year, span["last"].year


def _check(dataset: str, measure: str, fold_mode: str) -> None:
    if not Dataset.objects.filter(name=dataset).exists():
        raise AnalysisError(
            _("There is no dataset '%(dataset)s'.") % {"dataset": dataset},
            code="invalid_filter",
            field="dataset",
        )
    if measure not in compute.MEASURES:
        raise AnalysisError(
            _("Cannot map '%(measure)s'; use one of %(known)s.")
            % {"measure": measure, "known": ", ".join(compute.MEASURES)},
            code="invalid_filter",
            field="measure",
        )
    if fold_mode not in compute.FOLD_MODES:
        raise AnalysisError(
            _("FATA setting '%(mode)s' is unknown; use one of %(known)s.")
            % {"mode": fold_mode, "known": ", ".join(compute.FOLD_MODES)},
            code="invalid_filter",
            field="fata",
        )


def _counts(filters: dict) -> tuple[dict[str, dict], dict | None]:
    """Summary rows by unit code, and the row of events with no province (or None)."""
    codes = dict(AdminUnit.objects.values_list("name", "code"))
    counts, unknown = {}, None
    for row in summarise("province", filters):
        if row["key"] == UNKNOWN:
            unknown = row
        else:
            counts[codes[row["key"]]] = row
    return counts, unknown


def _label(code: str, fold: bool, lang: str) -> str:
    if fold and code == compute.KP:
        return _("%(name)s (with former FATA)") % {"name": boundaries.province_name(code, lang)}
    return boundaries.province_name(code, lang)


def province_map(
    dataset: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    measure: str = "events",
    fold_mode: str = "auto",
    lang: str = "en",
) -> dict:
    """The figures of a province choropleth and its table.

    Returns ``{dataset, measure, fold, fata_defunct, shapes, rows, unknown, total}``:
    ``shapes`` one dict per boundary shape (code, label, value, events, killed);
    ``rows`` the table, one row per unit (FATA inside KP when folded) with code, label,
    events, killed and killed_unknown, None where the unit did not exist; ``unknown``
    the events with no province. Raises AnalysisError ``invalid_filter``.
    """
    _check(dataset, measure, fold_mode)
    fold = compute.should_fold(fold_mode, date_from, date_to)
    filters = {"dataset": dataset, "date_from": date_from, "date_to": date_to, "fold_fata": fold}
    counts, unknown = _counts(filters)
    codes = boundaries.province_codes()
    values = compute.shape_values(counts, codes, fold=fold, start=date_from)
    shapes, rows = [], {}
    for v in values:
        label = _label(v.group, fold, lang)
        value = getattr(v, measure)
        shapes.append(
            {"code": v.code, "label": label, "value": value, "events": v.events, "killed": v.killed}
        )
        rows.setdefault(
            v.group,
            {
                "code": v.group,
                "label": label,
                "events": v.events,
                "killed": v.killed,
                "killed_unknown": v.killed_unknown,
            },
        )
    table = sorted(rows.values(), key=lambda r: -(r[measure] if r[measure] is not None else -1))
    total = sum(r["events"] or 0 for r in table) + (unknown["events"] if unknown else 0)
    return {
        "dataset": dataset,
        "measure": measure,
        "fold": fold,
        "fata_defunct": compute.fata_defunct(date_from) and not fold,
        "shapes": shapes,
        "rows": table,
        "unknown": unknown,
        "total": total,
    }


def describe_map(result: dict, period: str) -> str:
    """A sentence that says what the map shows (its text alternative)."""
    measure = _("events") if result["measure"] == "events" else _("people killed")
    ranked = [r for r in result["rows"] if r[result["measure"]]]
    if not ranked:
        return _("%(dataset)s, %(period)s: no %(measure)s recorded in any province.") % {
            "dataset": result["dataset"],
            "period": period,
            "measure": measure,
        }
    top = ", ".join(f"{r['label']} {r[result['measure']]:,}" for r in ranked[:3])
    return _("%(dataset)s, %(period)s, %(measure)s by province; highest: %(top)s.") % {
        "dataset": result["dataset"],
        "period": period,
        "measure": measure,
        "top": top,
    }


def _shape_rows(label: str, counts: dict, start: date, end: date, measure, fold_mode, lang):
    fold = compute.should_fold(fold_mode, start, end)
    values = compute.shape_values(
        compute.fold_counts(counts) if fold else counts,
        boundaries.province_codes(),
        fold=fold,
        start=start,
    )
    return [
        {
            "period": label,
            "code": v.code,
            "label": _label(v.group, fold, lang),
            "value": getattr(v, measure),
        }
        for v in values
    ]


def province_small_multiples(
    dataset: str,
    *,
    first_year: int,
    last_year: int,
    step: str = "year",
    measure: str = "events",
    fold_mode: str = "auto",
    lang: str = "en",
) -> list[dict]:
    """One row per period and shape: ``{period, code, label, value}``.

    Each period applies the FATA rule on its own dates (``auto``: FATA separate through
    2018, inside KP from 2019 or 2018-H2). By year, one summary by year and province
    serves every panel; by half-year, one summary per half. Raises AnalysisError
    ``invalid_filter``.
    """
    _check(dataset, measure, fold_mode)
    try:
        spans = compute.periods(first_year, last_year, step)
    except ValueError as exc:
        if step not in compute.STEPS:
            message = _("step %(step)s: use one of %(known)s") % {
                "step": repr(step),
                "known": ", ".join(compute.STEPS),
            }
        else:
            message = _("last year %(last)s is before first year %(first)s") % {
                "last": last_year,
                "first": first_year,
            }
        raise AnalysisError(message, code="invalid_filter", field="step") from exc
    codes = dict(AdminUnit.objects.values_list("name", "code"))
    by_year: dict[str, dict] = {}
    if step == "year":
        filters = {"dataset": dataset, "date_from": spans[0][1], "date_to": spans[-1][2]}
        for row in summarise(["year", "province"], filters):
            if row["province"] != UNKNOWN:
                by_year.setdefault(row["year"], {})[codes[row["province"]]] = row
    out = []
    for label, start, end in spans:
        if step == "year":
            counts = by_year.get(label, {})
        else:
            counts, _unknown = _counts({"dataset": dataset, "date_from": start, "date_to": end})
        out += _shape_rows(label, counts, start, end, measure, fold_mode, lang)
    return out


def event_points(
    dataset: str, *, date_from: date | None = None, date_to: date | None = None
) -> dict:
    """The located events of an open dataset: ``{points, unlocated, total}``.

    ``points`` are ``{date, lat, lon, killed, place}`` (killed None when unknown), at most
    MAX_POINTS. Raises AnalysisError ``aggregate_only`` when the dataset's rows are not
    public (see :func:`rows_are_public`).
    """
    if not rows_are_public(dataset):
        raise AnalysisError(
            _("The rows of %(dataset)s are not public: it is shown as province totals only.")
            % {"dataset": dataset},
            code="aggregate_only",
            field="dataset",
        )
    query = Event.objects.filter(dataset__name=dataset, status=Event.Status.ACTIVE)
    if date_from:
        query = query.filter(date__gte=date_from)
    if date_to:
        query = query.filter(date__lte=date_to)
    located = query.filter(latitude__isnull=False, longitude__isnull=False)
    points = [
        {"date": d.isoformat(), "lat": lat, "lon": lon, "killed": killed, "place": place}
        for d, lat, lon, killed, place in located.values_list(
            "date", "latitude", "longitude", "killed", "city"
        )[:MAX_POINTS]
    ]
    total = query.count()
    return {"points": points, "unlocated": total - located.count(), "total": total}
