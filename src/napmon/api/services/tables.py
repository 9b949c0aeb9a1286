"""The data as typed tables: what CSV, XLSX and JSON exports and the release write.

Each table has typed columns (Frictionless types: string, integer, number, date) and
rows sorted by a stable key, so the same data always gives the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from napmon.api.errors import ExportError
from napmon.indicators.models import Source
from napmon.plans.models import CrosswalkLink, PlanVersion, Point, PointStatus
from napmon.plans.services import records
from napmon.plans.services.records import Filters


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    description: str = ""


@dataclass
class Table:
    """A named table: columns and rows (lists in column order)."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)

    def records(self) -> list[dict]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def number(value: Decimal | None) -> Decimal | None:
    """A stored decimal without trailing zeros (2148.0000 → 2148, 3.3000 → 3.3)."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


def _point_cols(point) -> list:
    return [point.version.label, point.number] if point else [None, None]


def values_table(filters: Filters, public_only: bool = True) -> Table:
    """Every visible indicator value with its period, geography and source."""
    cols = [
        Column("indicator", description="indicator key"),
        Column("version"),
        Column("point", "integer"),
        Column("period"),
        Column("period_start", "date"),
        Column("period_end", "date"),
        Column("precision"),
        Column("geography"),
        Column("qualifier"),
        Column("value", "number"),
        Column("unit"),
        Column("source", description="source key"),
        Column("citation"),
        Column("note"),
    ]
    rows = [
        [
            v.indicator.slug,
            *_point_cols(v.indicator.point),
            v.period_label,
            v.period_start,
            v.period_end,
            v.precision,
            v.geography,
            v.qualifier,
            number(v.value),
            v.indicator.unit,
            v.source.key,
            v.source.citation(),
            v.note,
        ]
        for v in records.values(filters, public_only)
    ]
    return Table(
        "values",
        "Indicator values",
        cols,
        rows,
        ["indicator", "period_start", "period_end", "geography"],
    )


def indicators_table(filters: Filters, public_only: bool = True) -> Table:
    """Visible indicators with their point, unit, direction, baseline and target."""
    cols = [
        Column("slug"),
        Column("name"),
        Column("version"),
        Column("point", "integer"),
        Column("unit"),
        Column("direction"),
        Column("geography_level"),
        Column("baseline_value", "number"),
        Column("baseline_year", "integer"),
        Column("target_value", "number"),
        Column("target_year", "integer"),
        Column("description"),
    ]
    rows = [
        [
            i.slug,
            i.name,
            *_point_cols(i.point),
            i.unit,
            i.direction,
            i.geography_level,
            number(i.baseline_value),
            i.baseline_year,
            number(i.target_value),
            i.target_year,
            i.description,
        ]
        for i in records.indicators(filters, public_only)
    ]
    return Table("indicators", "Indicators", cols, rows, ["slug"])


def ratings_table(filters: Filters, public_only: bool = True) -> Table:
    """Visible ratings of points, with rationale and source."""
    cols = [
        Column("version"),
        Column("point", "integer"),
        Column("date", "date"),
        Column("rating"),
        Column("rationale"),
        Column("source"),
        Column("citation"),
    ]
    rows = [
        [*_point_cols(r.point), r.date, r.rating, r.rationale, r.source.key, r.source.citation()]
        for r in records.ratings(filters, public_only)
    ]
    return Table("ratings", "Ratings of points", cols, rows, ["version", "point", "date", "source"])


def points_table(filters: Filters, public_only: bool = True) -> Table:
    """Points of every version (or of ``filters.version``) with their category and level."""
    query = Point.objects.select_related("version").order_by("version__label", "number")
    if filters.version:
        query = query.filter(version__label=filters.version)
    cols = [
        Column("version"),
        Column("number", "integer"),
        Column("short_title"),
        Column("title"),
        Column("category"),
        Column("level"),
    ]
    rows = [[p.version.label, p.number, p.short_title, p.title, p.category, p.level] for p in query]
    return Table("points", "Points of the plan versions", cols, rows, ["version", "number"])


def statuses_table(filters: Filters, public_only: bool = True) -> Table:
    """Dated statuses of points as sources report them."""
    query = PointStatus.objects.select_related("point__version", "source").order_by(
        "point__version__label", "point__number", "date", "status"
    )
    if filters.version:
        query = query.filter(point__version__label=filters.version)
    cols = [
        Column("version"),
        Column("point", "integer"),
        Column("date", "date"),
        Column("status"),
        Column("note"),
        Column("source"),
    ]
    rows = [[*_point_cols(s.point), s.date, s.status, s.note, s.source.key] for s in query]
    return Table(
        "statuses", "Status history of points", cols, rows, ["version", "point", "date", "status"]
    )


def versions_table(filters: Filters, public_only: bool = True) -> Table:
    """Plan versions with the counts they declare."""
    cols = [
        Column("plan"),
        Column("version"),
        Column("title"),
        Column("adopted_on", "date"),
        Column("declared_points", "integer"),
        Column("declared_kinetic", "integer"),
        Column("declared_non_kinetic", "integer"),
        Column("source"),
    ]
    rows = [
        [
            v.plan.slug,
            v.label,
            v.title,
            v.adopted_on,
            v.declared_points,
            v.declared_kinetic,
            v.declared_non_kinetic,
            v.source.key,
        ]
        for v in PlanVersion.objects.select_related("plan", "source").order_by(
            "plan__slug", "label"
        )
    ]
    return Table("versions", "Plan versions", cols, rows, ["plan", "version"])


def crosswalk_table(filters: Filters, public_only: bool = True) -> Table:
    """Links between the points of two versions (an analyst mapping where marked so)."""
    cols = [
        Column("from_version"),
        Column("from_point", "integer"),
        Column("to_version"),
        Column("to_point", "integer"),
        Column("relation"),
        Column("made_by"),
        Column("rationale"),
    ]
    links = CrosswalkLink.objects.select_related(
        "from_version", "to_version", "from_point", "to_point"
    )
    rows = sorted(
        (
            [
                link.from_version.label,
                link.from_point.number if link.from_point else None,
                link.to_version.label,
                link.to_point.number if link.to_point else None,
                link.relation,
                link.made_by,
                link.rationale,
            ]
            for link in links
        ),
        key=lambda r: (r[0], r[2], r[1] or 0, r[3] or 0),
    )
    return Table("crosswalk", "Crosswalk between versions", cols, rows)


def sources_table(filters: Filters, public_only: bool = True) -> Table:
    """Every source, with the document that quotes it."""
    cols = [
        Column("key"),
        Column("kind"),
        Column("publisher"),
        Column("title"),
        Column("author"),
        Column("date"),
        Column("url"),
        Column("locator"),
        Column("cited_in"),
    ]
    rows = [
        [
            s.key,
            s.kind,
            s.publisher,
            s.title,
            s.author,
            s.date,
            s.url,
            s.locator,
            s.cited_in.key if s.cited_in_id else None,
        ]
        for s in Source.objects.select_related("cited_in").order_by("key")
    ]
    return Table("sources", "Sources", cols, rows, ["key"])


def event_years_table(filters: Filters, public_only: bool = True) -> Table:
    """Events, killed and injured per dataset and year in Pakistan, each row with what the
    dataset counts, its licence and its citation. Unknown is empty, never 0; for the
    public, a year with fewer than k events is suppressed (its counts left empty)."""
    from napmon.analysis.services import dataset_info, summarise
    from napmon.core.visibility import small_cell_k

    cols = [
        Column("dataset"),
        Column("year", "integer"),
        Column("events", "integer"),
        Column(
            "killed",
            "number",
            "sum of the known figures (fractional where a source is, e.g. GTD); "
            "empty when none is known",
        ),
        Column(
            "injured",
            "number",
            "empty when the dataset records no injuries; fractional where a source is (GTD)",
        ),
        Column("suppressed", "boolean", "fewer than k events: counts left out"),
        Column("country", description="the scope of the counts"),
        Column("measure", description="what one record counts"),
        Column("licence"),
        Column("citation"),
    ]
    k = small_cell_k() if public_only else 0
    info: dict[str, dict] = {}
    rows = []
    for r in summarise(["dataset", "year"]):
        if r["year"] == "unknown":
            continue
        about = info.setdefault(r["dataset"], dataset_info(r["dataset"]))
        hidden = 0 < r["events"] < k
        rows.append(
            [
                r["dataset"],
                int(r["year"]),
                None if hidden else r["events"],
                None if hidden else r["killed"],
                None if hidden else r["injured"],
                hidden,
                "Pakistan",
                about["measure"],
                about["licence"],
                about["citation"],
            ]
        )
    return Table("event_years", "Events per dataset and year", cols, rows, ["dataset", "year"])


TABLES: dict[str, Callable[[Filters, bool], Table]] = {
    "versions": versions_table,
    "points": points_table,
    "statuses": statuses_table,
    "crosswalk": crosswalk_table,
    "indicators": indicators_table,
    "values": values_table,
    "ratings": ratings_table,
    "sources": sources_table,
    "event_years": event_years_table,
}


def build_table(name: str, filters: Filters | None = None, public_only: bool = True) -> Table:
    """The table ``name`` (see ``TABLES``); raises ``ExportError`` (unknown_table)."""
    builder = TABLES.get(name)
    if builder is None:
        raise ExportError(
            f"No table {name!r}; use one of {', '.join(TABLES)}.",
            code="unknown_table",
            field="table",
        )
    return builder(filters or Filters(), public_only)
