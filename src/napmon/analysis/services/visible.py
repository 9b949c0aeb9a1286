"""Event summaries as one caller may see them: the visibility policy applied to the tables.

``summarise_visible(by, filters, public)`` is what every face that shows event
aggregates calls (API, outcome and index pages, briefs). For a caller who sees
restricted material it is ``summarise``. For the public it follows
``napmon.core.visibility``: open datasets at any granularity; aggregate-only datasets
only on the grid of (dataset, country, year, province) cells, any group containing a
small cell withheld whole; restricted datasets never.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from django.core.cache import cache
from django.db.models import Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import MonthlySummary
from napmon.analysis.services.summaries import (
    MEASURES,
    _filtered,
    _labeller,
    _sort_key,
    clean_filters,
    ensure_fresh,
    fresh_states,
    summarise,
)
from napmon.core import visibility
from napmon.core.page_cache import data_stamp
from napmon.events.models import Dataset

CELL = ("dataset_id", "country", "year", "province_id")


def dataset_tiers() -> list[tuple[int, str, str]]:
    """``(id, name, licence tier)`` of every dataset."""
    return list(Dataset.objects.order_by("pk").values_list("pk", "name", "licence_tier"))


def event_scope(public: bool, dims: Sequence[str], filters: dict) -> visibility.EventScope:
    """The datasets this query may read (see ``core.visibility.event_scope``)."""
    return visibility.event_scope(dataset_tiers(), public, dims, clean_filters(filters))


def visible_filters(filters: dict | None, public: bool, dims: Sequence[str] = ("month",)):
    # The default ``dims`` (month) is finer than the grid: only row-readable datasets.
    """``filters`` narrowed to the datasets readable at any granularity, and the names of
    the aggregate-only datasets left out. For rows and fine-grained analyses (months,
    interrupted time series, before/after): aggregate-only data never enters them for
    the public."""
    chosen = (filters or {}).get("dataset")
    filters = clean_filters(filters)
    if chosen == "all":
        # clean_filters reads "all" as "add the datasets up" (summaries); the analyses
        # that receive these filters must still see the choice, to refuse it by name.
        filters["dataset"] = chosen
    if not public:
        return filters, []
    scope = visibility.event_scope(dataset_tiers(), True, dims, filters)
    return {**filters, "datasets": scope.rows}, scope.withheld


def _grid_rows(dims: list[str], filters: dict, ids: list[int], k: int) -> dict:
    """Aggregate-only cells labelled by ``dims``; a group containing a small cell is
    marked suppressed."""
    ensure_fresh()
    cells = (
        _filtered(MonthlySummary, {**filters, "datasets": ids})
        .values(*CELL)
        .annotate(**{m: Sum(m) for m in MEASURES})
        .order_by()
    )
    labels = [_labeller(d, bool(filters.get("fold_fata"))) for d in dims]
    groups: dict = {}
    for cell in cells:
        parts = tuple(label(cell) for label in labels)
        key = parts[0] if len(parts) == 1 else parts
        entry = groups.setdefault(
            key, {"key": key, "suppressed": False, **dict.fromkeys(MEASURES, 0)}
        )
        if len(dims) > 1:
            entry.update(zip(dims, parts, strict=True))
        for m in MEASURES:
            entry[m] += cell[m] or 0
        if visibility.is_small(cell["events"], k):
            entry["suppressed"] = True
    return groups


def _merge(rows: list[dict], groups: dict, dims: list[str]) -> list[dict]:
    merged = {r["key"]: {**r, "suppressed": False} for r in rows}
    for key, group in groups.items():
        entry = merged.setdefault(
            key,
            {
                "key": key,
                **{d: group[d] for d in dims if len(dims) > 1},
                **dict.fromkeys(MEASURES, 0),
            },
        )
        for m in MEASURES:
            entry[m] += group[m]
        entry["suppressed"] = group["suppressed"]
    return [merged[key] for key in sorted(merged, key=_sort_key)]


def _districts_visible(filters: dict | None, public: bool) -> dict:
    """By district: the summary tables hold no district, so the events summary counts it
    (resolving names through the district gazetteer). A district is finer than the public
    grid, so for the public only row-readable (open) datasets count, as for months."""
    from napmon.events.services.summary import summarise_events

    scoped, withheld = visible_filters(filters, public, dims=("district",))
    if public:
        scoped["datasets"] = scoped.get("datasets") or []
    rows = summarise_events("district", scoped)
    return {
        "rows": [{**r, "suppressed": False} for r in rows],
        "k": visibility.small_cell_k() if public else None,
        "withheld": withheld,
    }


def summarise_visible(by: str | Sequence[str], filters: dict | None, public: bool) -> dict:
    """``{rows, k, withheld}``: the rows of ``summarise`` as this caller may see them.

    Each row has ``suppressed``; a suppressed row (one that is, or contains, a cell with
    fewer than k events) keeps its key but all its measures are ``None``: the same for
    every suppressed row, so not even "below k" distinguishes a margin from the cell.
    ``k`` is None for callers who see everything; ``withheld`` names the aggregate-only
    datasets left out because the
    query is finer than the public grid. Raises AnalysisError like ``summarise``.
    """
    dims = [by] if isinstance(by, str) else list(by)
    if dims == ["district"]:
        return _districts_visible(filters, public)
    filters = clean_filters(filters)
    if not public:
        rows = [
            {**r, "suppressed": False} for r in summarise(dims if len(dims) > 1 else by, filters)
        ]
        return {"rows": rows, "k": None, "withheld": []}
    summarise(dims if len(dims) > 1 else by, {**filters, "datasets": []})  # validates ``by``
    k = visibility.small_cell_k()
    scope = visibility.event_scope(dataset_tiers(), True, dims, filters)
    by_arg = dims if len(dims) > 1 else by
    rows = summarise(by_arg, {**filters, "datasets": scope.rows}) if scope.rows else []
    groups = _grid_rows(dims, filters, scope.grid, k) if scope.grid else {}
    shown = _merge(rows, groups, dims)
    for row in shown:
        if row["suppressed"]:
            row.update(dict.fromkeys(MEASURES))
    return {"rows": shown, "k": k, "withheld": scope.withheld}


DOCUMENT_TIMEOUT = 24 * 3600
DOCUMENT_MEASURES = ("events", "killed", "injured", "killed_unknown", "injured_unknown")


def summary_document(by: str | Sequence[str], filters: dict | None, public: bool) -> dict:
    """The one JSON document of an event summary: ``{by, k, rows, withheld}``.

    Every face shows this: ``/api/v1/events/summary``, ``/api/v1/outcomes/summary``,
    ``napmon events summary --json``, ``napmon outcomes summary --json`` and the briefs.
    Rows carry ``key`` (a list of labels when ``by`` names several dimensions, each also a
    field of the row), the measures of ``summarise`` and ``suppressed`` (see
    ``summarise_visible``). Blank filters are ignored. Raises AnalysisError
    (``invalid_grouping``, ``invalid_filter``, ``invalid_date`` also when date_from is
    after date_to). Computed once per question, caller's scope and data state, then
    served from the shared cache (``NAPMON_CACHE``) to every face and server process.
    """
    dims = [by] if isinstance(by, str) else list(by)
    clean = clean_filters({k: v for k, v in (filters or {}).items() if v not in (None, "", False)})
    if clean["date_from"] and clean["date_to"] and clean["date_from"] > clean["date_to"]:
        raise AnalysisError(
            _("date_from is after date_to."), code="invalid_date", field="date_from"
        )
    key = cache_key("summary", [dims, clean], public)
    document = cache.get(key)
    if document is None:
        document = _document(dims, clean, public)
        cache.set(key, document, DOCUMENT_TIMEOUT)
    return document


def data_state() -> list:
    """What every event aggregate depends on besides the question and the caller: the state
    of each dataset's summary tables (refreshed first when stale), each dataset's licence
    tier, the small-cell k, the data stamp (every audited change) and the language of the
    labels. A cache key holding it is never served stale."""
    return [
        fresh_states(),
        dataset_tiers(),
        visibility.small_cell_k(),
        data_stamp(),
        get_language(),
    ]


def cache_key(kind: str, question, public: bool) -> str:
    """The cache key of a ``kind`` of document: ``question`` (JSON-able), the caller's
    scope (``public``) and :func:`data_state`."""
    raw = json.dumps([question, bool(public), data_state()], sort_keys=True, default=str)
    return f"napmon:{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


def _document(dims: list[str], clean: dict, public: bool) -> dict:
    result = summarise_visible(dims if len(dims) > 1 else dims[0], clean, public)
    fields = ("key", *(dims if len(dims) > 1 else ()), *DOCUMENT_MEASURES, "suppressed")
    rows = [
        {f: list(row[f]) if isinstance(row.get(f), tuple) else row.get(f) for f in fields}
        for row in result["rows"]
    ]
    return {
        "by": dims[0] if len(dims) == 1 else dims,
        "k": result["k"],
        "rows": rows,
        "withheld": result["withheld"],
    }
