"""Counts straight from the event table, and the explorer's row filters.

Every face counts events through ``analysis.services.visible.summary_document`` (the
summary tables, kept in sync on import). This module counts the event table directly:
for districts (the summary tables hold no district), for the explorer's totals over the
rows it lists, and as the check that the summary tables equal a direct count. Its row
keys come from ``events.services.labels``, so both paths label alike.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from napmon.core import visibility
from napmon.core.dates import parse_day as core_parse_day
from napmon.events.errors import EventImportError
from napmon.events.models import Dataset, Event
from napmon.events.resolvers import DistrictGazetteer
from napmon.events.scope import country_q, violence_code
from napmon.events.services.labels import (
    UNKNOWN,
    actor_label,
    add_known,
    folded_province_codes,
    month_label,
    province_label,
    text_label,
)

GROUPINGS = ("year", "month", "province", "district", "actor", "family", "type", "dataset")


def visible_row_filters(filters: dict, public: bool) -> tuple[dict, list[str]]:
    """``filters`` narrowed to the datasets whose rows the caller may see, and the names
    of the aggregate-only datasets left out (policy: ``napmon.core.visibility``)."""
    if not public:
        return filters, []
    datasets = Dataset.objects.order_by("pk").values_list("pk", "name", "licence_tier")
    scope = visibility.event_scope(datasets, True, ("rows",), filters)
    return {**filters, "datasets": scope.rows}, scope.withheld


def filtered_events(filters: dict):
    """Active (not retired) events matching the summary filters (see summarise_events)."""
    query = Event.objects.filter(status=Event.Status.ACTIVE)
    query = query.filter(country_q(filters.get("country")))
    try:
        violence = violence_code(filters.get("violence"))
    except ValueError as exc:
        raise EventImportError(str(exc), code="invalid_filter", field="violence") from None
    if violence is not None:
        query = query.filter(violence=violence)
    if filters.get("datasets") is not None:  # ids chosen by the visibility policy
        query = query.filter(dataset_id__in=list(filters["datasets"]))
    lookups = {
        "dataset": "dataset__name",
        "date_from": "date__gte",
        "date_to": "date__lte",
        "event_type": "event_type",
        "actor": "actor_id",
    }
    for name, lookup in lookups.items():
        if filters.get(name) not in (None, "") and not (
            name == "dataset" and filters[name] == "all"
        ):
            query = query.filter(**{lookup: filters[name]})
    province = filters.get("province")
    if province:
        codes = folded_province_codes(province, bool(filters.get("fold_fata")))
        query = query.filter(province__code__in=codes)
    return query


def _group_expression(by: str):
    # Years and months are grouped by day and folded in Python (at most a few thousand
    # days): SQLite computes ExtractYear with a Python function called once per event,
    # which took seconds per summary with a million events.
    if by == "year":
        return {"d": F("date")}
    if by == "month":
        return {"d": F("date"), "p": F("date_precision")}
    if by == "district":
        return {"k": F("district"), "c": F("city")}
    field = {
        "province": "province_id",
        "actor": "actor_id",
        "family": "actor_id",
        "type": "event_type",
        "dataset": "dataset__name",
    }[by]
    return {"k": F(field)}


def _labeller(by: str, fold_fata: bool):
    if by == "province":
        province = province_label(fold_fata)
        return lambda row: province(row["k"])
    if by == "district":
        gazetteer = DistrictGazetteer()
        return lambda row: district_of(gazetteer, row["k"], row["c"]) or UNKNOWN
    if by in ("actor", "family"):
        actor = actor_label(by == "family")
        return lambda row: actor(row["k"])
    if by == "month":
        return lambda row: month_label(row["d"].year, row["d"].month, row["p"])
    if by == "year":
        return lambda row: str(row["d"].year)
    return lambda row: text_label(row["k"])


def district_of(gazetteer: DistrictGazetteer, district: str, city: str) -> str | None:
    """The district an event's recorded district, or failing that its city, resolves to.

    A recorded district that matches nothing is not replaced by the city: the source
    named a district, and a person should map that name.
    """
    if district:
        return gazetteer.resolve(district)
    return gazetteer.resolve(city)


def unresolved_districts(filters: dict | None = None) -> dict:
    """The names that resolve to no district, for a person to map: ``{names, unrecorded}``.

    ``names`` are ``{name, field, events}`` (field: district, or city when the source
    recorded no district), most events first; ``unrecorded`` counts the events with
    neither a district nor a city. Their events are the ``unknown`` row of
    ``summarise_events("district")``.
    """
    gazetteer = DistrictGazetteer()
    rows = (
        filtered_events(filters or {})
        .values("district", "city")
        .annotate(events=Count("id"))
        .order_by()
    )
    names: dict[tuple[str, str], int] = {}
    unrecorded = 0
    for row in rows:
        if district_of(gazetteer, row["district"], row["city"]):
            continue
        if not row["district"] and not row["city"]:
            unrecorded += row["events"]
            continue
        field = "district" if row["district"] else "city"
        key = (row["district"] or row["city"], field)
        names[key] = names.get(key, 0) + row["events"]
    listed = [{"name": n, "field": f, "events": e} for (n, f), e in names.items()]
    listed.sort(key=lambda r: (-r["events"], r["name"]))
    return {"names": listed, "unrecorded": unrecorded}


def summarise_events(by: str, filters: dict | None = None) -> list[dict]:
    """Rows of ``{key, events, killed, injured, killed_unknown, injured_unknown}`` for
    active (not retired) events (``*_unknown``: events without the figure).

    Counts cover Pakistan unless ``filters["country"]`` names another country or "all"
    (:mod:`napmon.events.scope`). ``killed`` and ``injured`` sum the known figures and
    are None (unknown, never 0) when no event of the row has one: UCDP records no
    injuries, so its ``injured`` is None. ``violence`` filters UCDP's type of violence
    (1 state-based, 2 non-state, 3 one-sided).

        ``by`` is one of year, month, province, district, actor, family, type, dataset.
    By district, each event's recorded district (or its city when no district is
    recorded) is resolved through the district gazetteer (see ``district_of``).
    ``filters`` may hold dataset (name), country, date_from, date_to (dates),
    province (unit code), actor (id), event_type and fold_fata (FATA counted
    as Khyber Pakhtunkhwa). Events whose group is unknown (no province, actor,
    type, an unresolved district, or a year-only date by month) are counted under key "unknown", so
    the events column always adds up to all matching events. Raises
    ``EventImportError`` (invalid_grouping) for an unknown ``by``.
    """
    if by not in GROUPINGS:
        raise EventImportError(
            f"Cannot summarise by '{by}'; use one of {', '.join(GROUPINGS)}.",
            code="invalid_grouping",
            field="by",
        )
    filters = filters or {}
    rows = (
        filtered_events(filters)
        .values(**_group_expression(by))
        .annotate(
            # named apart from the fields, which the unknown counts filter on
            events=Count("id"),
            killed_sum=Sum("killed"),
            injured_sum=Sum("injured"),
            killed_unknown=Count("id", filter=Q(killed__isnull=True)),
            injured_unknown=Count("id", filter=Q(injured__isnull=True)),
        )
        .order_by()
    )
    label = _labeller(by, bool(filters.get("fold_fata")))
    totals: dict[str, dict] = {}
    for row in rows:
        key = label(row)
        entry = totals.setdefault(
            key,
            {"key": key, "events": 0, "killed": None, "injured": None}
            | {"killed_unknown": 0, "injured_unknown": 0},
        )
        entry["events"] += row["events"]
        for measure in ("killed", "injured"):
            entry[measure] = add_known(entry[measure], row[f"{measure}_sum"])
            entry[f"{measure}_unknown"] += row[f"{measure}_unknown"]
    return sorted(totals.values(), key=lambda e: (e["key"] == UNKNOWN, e["key"]))


def totals(filters: dict | None = None) -> dict[str, int | None]:
    """Events, killed and injured over all active events matching ``filters``.

    ``killed`` / ``injured`` are None when no matching event has the figure.
    """
    data = filtered_events(filters or {}).aggregate(
        events=Count("id"),
        killed=Sum("killed"),
        injured=Sum("injured"),
        suicide=Count("id", filter=Q(suicide=True)),
    )
    return {k: v if k in ("killed", "injured") else v or 0 for k, v in data.items()}


# The explorer's totals come from the summary tables, which belong to ``analysis`` (above
# this app): it registers its reader at start-up (``AnalysisConfig.ready``). Counting the
# event table instead took seconds per page with a million events.
_TOTALS_READERS: list = []


def register_totals_reader(reader) -> None:
    """Make ``reader(filters)`` the source of :func:`explorer_totals` (the last one wins).

    ``reader`` returns ``{events, killed, injured}`` over the active events matching the
    explorer's filters, with ``killed`` / ``injured`` None when no event has the figure."""
    if reader not in _TOTALS_READERS:
        _TOTALS_READERS.append(reader)


def explorer_totals(filters: dict | None = None) -> dict[str, int | None]:
    """Events, killed and injured the explorer shows over ``filters`` (exact): from the
    registered reader (the summary tables), else counted from the event table."""
    if _TOTALS_READERS:
        return _TOTALS_READERS[-1](filters or {})
    return totals(filters)


def datasets_shown(name: str | None = None, public: bool = False) -> list[Dataset]:
    """The datasets whose figures a page shows (one, or every one with events), so the page
    can say what each counts and repeat its licence and citation. For the public
    (``public``) restricted datasets are not even named (``core.visibility``)."""
    from napmon.core.visibility import LicenceTier

    query = Dataset.objects.filter(Exists(Event.objects.filter(dataset=OuterRef("pk"))))
    if name:
        query = Dataset.objects.filter(name=name)
    if public:
        query = query.exclude(licence_tier=LicenceTier.RESTRICTED)
    return list(query.order_by("name"))


def parse_day(value: str | date | None, field: str) -> date | None:
    """A YYYY-MM-DD filter value; raises ``EventImportError`` (invalid_date) when not one."""
    return core_parse_day(value, field, EventImportError)
