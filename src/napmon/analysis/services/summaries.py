"""Fast event summaries read from the pre-aggregated tables, and their refresh.

``summarise(by, filters)`` answers the same questions as
``napmon.events.services.summarise_events`` (and returns the same rows) from
``DailySummary`` / ``MonthlySummary`` instead of the event table, so it stays in the
milliseconds over millions of events. The tables of a dataset are rebuilt whole, one
``INSERT ... SELECT ... GROUP BY`` per table, by :func:`refresh_summaries`: after an
import or a rollback (signal receivers in ``napmon.analysis.signals``), and lazily before
any read when the dataset's import batches changed since the last build.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import DailySummary, MonthlySummary, SummaryState
from napmon.analysis.services import _summary_sql
from napmon.core.audit import log_action
from napmon.core.dates import parse_day
from napmon.events.models import AdminUnit, Dataset, ImportBatch
from napmon.events.scope import VIOLENCE_CODES, country_q, violence_code
from napmon.events.services.labels import (
    UNKNOWN,
    actor_label,
    dataset_label,
    folded_province_codes,
    month_label,
    province_label,
    text_label,
)

DIMENSIONS = ("year", "month", "day", "province", "actor", "family", "type", "dataset")
MONTHLY_DIMENSIONS = {"year", "month", "province", "dataset"}
FILTERS = (
    "dataset",
    "country",
    "date_from",
    "date_to",
    "event_type",
    "actor",
    "province",
    "fold_fata",
    "violence",
    "datasets",
)
_COLUMNS = {
    "year": ("year",),
    "month": ("year", "month", "precision"),
    "day": ("day", "precision"),
    "province": ("province_id",),
    "actor": ("actor_id",),
    "family": ("actor_id",),
    "type": ("event_type",),
    "dataset": ("dataset_id",),
}
MEASURES = ("events", "killed", "killed_unknown", "injured", "injured_unknown")


# --- refresh -----------------------------------------------------------------------------


def _batch_state() -> dict[int, tuple[int, int]]:
    rows = ImportBatch.objects.values("dataset_id").annotate(
        last=Max("pk"), rolled=Count("pk", filter=Q(status=ImportBatch.Status.ROLLED_BACK))
    )
    return {r["dataset_id"]: (r["last"], r["rolled"]) for r in rows.order_by()}


def stale_datasets() -> list[int]:
    """Ids of datasets whose summary tables do not reflect their current import batches."""
    built = {s.dataset_id: (s.last_batch, s.rolled_back) for s in SummaryState.objects.all()}
    return sorted(pk for pk, state in _batch_state().items() if built.get(pk) != state)


def _rebuild(dataset_id: int, state: tuple[int, int]) -> int:
    DailySummary.objects.filter(dataset_id=dataset_id).delete()
    MonthlySummary.objects.filter(dataset_id=dataset_id).delete()
    with connection.cursor() as cursor:
        cursor.execute(_summary_sql.daily_insert_sql(), [dataset_id])
        cursor.execute(_summary_sql.monthly_insert_sql(), [dataset_id])
    events = (
        MonthlySummary.objects.filter(dataset_id=dataset_id).aggregate(n=Sum("events"))["n"] or 0
    )
    SummaryState.objects.update_or_create(
        dataset_id=dataset_id,
        defaults={"last_batch": state[0], "rolled_back": state[1], "events": events},
    )
    return events


def refresh_summaries(dataset_ids: Sequence[int] | None = None, *, actor=None) -> dict[str, int]:
    """Rebuild the summary tables of the given datasets (default: the stale ones).

    Each dataset is rebuilt in its own transaction: its rows are deleted and recomputed
    from its active events by one ``INSERT ... SELECT ... GROUP BY`` per table, so the
    tables always equal a direct count. Datasets with no batch left lose their rows.
    Returns ``{dataset name: active events}`` for the datasets rebuilt. Writes an audit
    entry when ``actor`` is given (an explicit rebuild; lazy refreshes are not logged).
    """
    state = _batch_state()
    targets = stale_datasets() if dataset_ids is None else list(dataset_ids)
    names = dict(Dataset.objects.filter(pk__in=targets).values_list("pk", "name"))
    done = {}
    for pk in targets:
        with transaction.atomic():
            done[names.get(pk, str(pk))] = _rebuild(pk, state.get(pk, (0, 0)))
    orphans = SummaryState.objects.exclude(dataset_id__in=list(state))
    for pk in orphans.values_list("dataset_id", flat=True):
        with transaction.atomic():
            DailySummary.objects.filter(dataset_id=pk).delete()
            MonthlySummary.objects.filter(dataset_id=pk).delete()
            SummaryState.objects.filter(dataset_id=pk).delete()
    if actor is not None or dataset_ids is not None:
        log_action(
            "analysis.summaries.rebuilt",
            object_type="analysis.summary",
            actor=actor,
            changes={"datasets": done},
        )
    return done


def ensure_fresh() -> None:
    """Rebuild the summaries of any dataset whose batches changed (cheap when none did)."""
    if stale_datasets():
        refresh_summaries()


_VERIFIED: dict[str, tuple] = {}


def fresh_states() -> list[tuple]:
    """``(dataset id, newest batch, rolled-back batches, events)`` of every dataset's
    summary tables, none of them stale.

    The full check (:func:`ensure_fresh`, a grouped read of the import batches) runs again
    only when the batches changed since this process last ran it: one aggregate (newest
    batch, number of batches, number rolled back) tells. A cached answer, whose key holds
    these states, then costs two small reads instead of four.
    """
    rolled = Q(status=ImportBatch.Status.ROLLED_BACK)
    batches = ImportBatch.objects.aggregate(
        last=Max("pk"), count=Count("pk"), rolled=Count("pk", filter=rolled)
    )
    seen = (connection.alias, batches["last"], batches["count"], batches["rolled"])
    if _VERIFIED.get("batches") != seen:
        ensure_fresh()
        _VERIFIED["batches"] = seen
    return list(
        SummaryState.objects.order_by("dataset_id").values_list(
            "dataset_id", "last_batch", "rolled_back", "events"
        )
    )


# --- reading -----------------------------------------------------------------------------


def _month_aligned(start: date | None, end: date | None) -> bool:
    if start and start.day != 1:
        return False
    return not end or end.day == calendar.monthrange(end.year, end.month)[1]


def _choose_table(dims: Sequence[str], filters: dict):
    start, end = filters.get("date_from"), filters.get("date_to")
    monthly = (
        set(dims) <= MONTHLY_DIMENSIONS
        and not filters.get("actor")
        and not filters.get("event_type")
        and filters.get("violence") is None
        and _month_aligned(start, end)
    )
    return MonthlySummary if monthly else DailySummary


def _province_ids(code: str, fold_fata: bool) -> list[int]:
    codes = folded_province_codes(code, fold_fata)
    ids = list(AdminUnit.objects.filter(code__in=codes).values_list("pk", flat=True))
    if not ids:
        raise AnalysisError(
            _("There is no province or territory '%(code)s'.") % {"code": code},
            code="invalid_filter",
            field="province",
        )
    return ids


def _filtered(model, filters: dict):
    query = model.objects.all()
    if filters.get("datasets") is not None:  # ids chosen by the visibility policy
        query = query.filter(dataset_id__in=list(filters["datasets"]))
    if filters.get("dataset"):
        ids = list(Dataset.objects.filter(name=filters["dataset"]).values_list("pk", flat=True))
        query = query.filter(dataset_id__in=ids)
    query = query.filter(country_q(filters.get("country")))
    if filters.get("province"):
        query = query.filter(
            province_id__in=_province_ids(filters["province"], bool(filters.get("fold_fata")))
        )
    if model is MonthlySummary:
        if filters.get("date_from"):
            query = query.filter(month_start__gte=filters["date_from"])
        if filters.get("date_to"):
            query = query.filter(month_start__lte=filters["date_to"])
        return query
    for name, lookup in (
        ("date_from", "day__gte"),
        ("date_to", "day__lte"),
        ("event_type", "event_type"),
        ("actor", "actor_id"),
        ("violence", "violence"),
    ):
        if filters.get(name) not in (None, ""):
            query = query.filter(**{lookup: filters[name]})
    return query


def _labeller(dim: str, fold_fata: bool):
    """Row of the summary tables → its label for ``dim`` (``events.services.labels``)."""
    if dim == "month":
        return lambda r: month_label(r["year"], r["month"], r["precision"])
    if dim == "day":
        return lambda r: r["day"].isoformat() if r["precision"] == "day" else UNKNOWN
    if dim == "province":
        province = province_label(fold_fata)
        return lambda r: province(r["province_id"])
    if dim in ("actor", "family"):
        actor = actor_label(dim == "family")
        return lambda r: actor(r["actor_id"])
    if dim == "dataset":
        dataset = dataset_label()
        return lambda r: dataset(r["dataset_id"])
    column = _COLUMNS[dim][0]
    return lambda r: text_label(r[column])


def clean_filters(filters: dict | None) -> dict:
    """Check filter names and parse dates; raises AnalysisError ``invalid_filter``."""
    filters = dict(filters or {})
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise AnalysisError(
            _("Unknown filter(s): %(unknown)s; use %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(FILTERS)},
            code="invalid_filter",
            field=unknown[0],
        )
    if filters.get("dataset") == "all":
        filters["dataset"] = None  # summaries only: the datasets added up, as asked
    for name in ("date_from", "date_to"):
        filters[name] = parse_day(filters.get(name), name, AnalysisError)
    if filters.get("actor") not in (None, ""):
        filters["actor"] = int(filters["actor"])
    try:
        filters["violence"] = violence_code(filters.get("violence"))
    except ValueError:
        raise AnalysisError(
            _("'%(value)s' is not a type of violence; use %(known)s (or 1, 2, 3).")
            % {"value": filters.get("violence"), "known": ", ".join(VIOLENCE_CODES)},
            code="invalid_filter",
            field="violence",
        ) from None
    return filters


def _sort_key(key):
    parts = key if isinstance(key, tuple) else (key,)
    return tuple((part == UNKNOWN, part) for part in parts)


def summarise(by: str | Sequence[str], filters: dict | None = None) -> list[dict]:
    """Rows of ``{key, events, killed, injured, killed_unknown, injured_unknown}``.

    Counts cover Pakistan unless ``filters["country"]`` names another country or "all"
    (the one scope rule, :func:`napmon.events.scope.country_q`). ``killed`` / ``injured``
    are None (unknown, never 0) when no event of the row has the figure; ``violence``
    filters UCDP's type of violence (name or code).

    ``by`` is one dimension (year, month, day, province, actor, family, type, dataset) or
    a list of them; with several, ``key`` is a tuple of labels and each dimension is also
    a field of the row. ``filters``: dataset (name), country, date_from, date_to
    (YYYY-MM-DD, inclusive), event_type, actor (id), province (unit code) and fold_fata
    (FATA counted as Khyber Pakhtunkhwa). As in the events summary, events with no
    province, actor or type, or with a year-only date grouped by month, are counted under
    "unknown"; ``killed`` sums the known figures and ``killed_unknown`` counts the
    events without one. Reads the monthly table when the dimensions and filters allow it
    (no actor or type, month-aligned dates), the daily table otherwise. Raises
    AnalysisError ``invalid_grouping``, ``invalid_filter`` or ``invalid_date``.
    """
    dims = [by] if isinstance(by, str) else list(by)
    bad = [d for d in dims if d not in DIMENSIONS]
    if not dims or bad:
        raise AnalysisError(
            _("Cannot summarise by '%(by)s'; use one of %(known)s.")
            % {"by": ", ".join(bad) or by, "known": ", ".join(DIMENSIONS)},
            code="invalid_grouping",
            field="by",
        )
    filters = clean_filters(filters)
    ensure_fresh()
    model = _choose_table(dims, filters)
    columns = sorted({c for d in dims for c in _COLUMNS[d]})
    rows = (
        _filtered(model, filters)
        .values(*columns)
        .annotate(**{m: Sum(m) for m in MEASURES})
        .order_by()
    )
    labels = [_labeller(d, bool(filters.get("fold_fata"))) for d in dims]
    totals: dict = {}
    for row in rows:
        parts = tuple(label(row) for label in labels)
        key = parts[0] if len(parts) == 1 else parts
        entry = totals.get(key)
        if entry is None:
            entry = totals[key] = {"key": key}
            if len(dims) > 1:
                entry.update(zip(dims, parts, strict=True))
            entry.update(dict.fromkeys(MEASURES, 0))
        for m in MEASURES:
            entry[m] += row[m] or 0
    for entry in totals.values():
        _mark_unknown(entry)
    return [totals[k] for k in sorted(totals, key=_sort_key)]


def daily_events(filters: dict | None = None) -> tuple[list[dict], tuple[date, date] | None]:
    """Events per day and the data's first and last day under ``filters``, in one read.

    The rows are those of ``summarise("day", filters)`` with the events measure only
    (``{key, events}``, days in order, events with an imprecise date under "unknown");
    the coverage is the earliest and latest day of any matching event, precise or not
    (None when none matches). One grouped scan of the daily table instead of two.
    """
    filters = clean_filters(filters)
    ensure_fresh()
    label = _labeller("day", False)
    rows = _filtered(DailySummary, filters).values("day", "precision").annotate(n=Sum("events"))
    totals: dict[str, int] = {}
    first = last = None
    for row in rows.order_by():
        key = label(row)
        totals[key] = totals.get(key, 0) + row["n"]
        first = row["day"] if first is None or row["day"] < first else first
        last = row["day"] if last is None or row["day"] > last else last
    days = [{"key": k, "events": totals[k]} for k in sorted(totals, key=_sort_key)]
    return days, ((first, last) if first is not None else None)


def _mark_unknown(entry: dict) -> dict:
    """``killed`` / ``injured`` become None when no event of the row has the figure."""
    for measure in ("killed", "injured"):
        if entry["events"] and entry[f"{measure}_unknown"] == entry["events"]:
            entry[measure] = None
    return entry


def summary_totals(filters: dict | None = None) -> dict[str, int]:
    """Events, killed and injured (with unknown counts) over everything matching ``filters``."""
    filters = clean_filters(filters)
    ensure_fresh()
    model = _choose_table(["dataset"], filters)
    data = _filtered(model, filters).aggregate(**{m: Sum(m) for m in MEASURES})
    return {m: data[m] or 0 for m in MEASURES}


def explorer_totals(filters: dict | None = None) -> dict[str, int | None]:
    """``{events, killed, injured}`` for the events explorer, from the summary tables:
    the same figures as ``events.services.summary.totals`` (``killed`` / ``injured``
    None when no matching event has the figure). Registered as the explorer's reader in
    ``AnalysisConfig.ready``."""
    data = summary_totals(filters)
    return {
        "events": data["events"],
        **{
            m: None if data[f"{m}_unknown"] == data["events"] else data[m]
            for m in ("killed", "injured")
        },
    }


def has_events(filters: dict | None = None) -> bool:
    """Whether any active event matches ``filters`` (read from the summaries)."""
    return summary_totals(filters)["events"] > 0


def direct_count(by: str, filters: dict | None = None) -> list[dict]:
    """The same rows counted straight from the event table (for tests and checks)."""
    from napmon.events.services import summarise_events

    return summarise_events(by, filters)
