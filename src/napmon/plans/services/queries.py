"""Read-only questions about the plan register, shared by the CLI, pages and API."""

from __future__ import annotations

from django.db.models import Prefetch

from napmon.core.errors import NotFoundError
from napmon.indicators.models import Indicator, IndicatorValue, Rating, Visibility
from napmon.indicators.periods import format_date
from napmon.indicators.targets import indicator_progress
from napmon.plans.models import CrosswalkLink, Gap, Plan, PlanVersion, Point, Theme


def default_plan() -> Plan:
    plan = Plan.objects.order_by("id").first()
    if plan is None:
        raise NotFoundError("No plan is loaded. Run `napmon init` first.", code="no_plan")
    return plan


def get_version(label: str, plan: Plan | None = None) -> PlanVersion:
    """The version with this label; raises ``NotFoundError`` naming the known labels."""
    plan = plan or default_plan()
    version = plan.versions.filter(label=str(label)).first()
    if version is None:
        known = ", ".join(plan.versions.values_list("label", flat=True))
        raise NotFoundError(
            f"Plan {plan} has no version {label!r} (known: {known}).",
            code="version_not_found",
            field="version",
        )
    return version


def get_point(label: str, number: int | str) -> Point:
    """The point ``number`` of version ``label``; raises ``NotFoundError``."""
    version = get_version(label)
    try:
        number = int(number)
    except (TypeError, ValueError) as exc:
        raise NotFoundError(
            f"{number!r} is not a point number.", code="point_not_found", field="number"
        ) from exc
    point = version.points.filter(number=number).first()
    if point is None:
        raise NotFoundError(
            f"Version {label} has points 1 to {version.points.count()}, not {number}.",
            code="point_not_found",
            field="number",
        )
    return point


def _visible(queryset, public_only: bool):
    return queryset.filter(visibility=Visibility.PUBLIC) if public_only else queryset


def source_dict(source) -> dict:
    return {
        "key": source.key,
        "kind": source.kind,
        "publisher": source.publisher,
        "title": source.title,
        "author": source.author,
        "date": source.date,
        "url": source.url,
        "locator": source.locator,
        "citation": source.citation(),
        "short": source.short_citation(),
        "cited_in": source.cited_in.title if source.cited_in_id else None,
    }


def urdu_dict(obj) -> dict:
    """The Urdu twins of a record's text fields and whether they were reviewed."""
    return {
        **{f"{name}_ur": obj.urdu(name) for name in obj.URDU_FIELDS},
        "ur_reviewed": obj.ur_reviewed,
    }


def value_dict(value: IndicatorValue) -> dict:
    return {
        "value": float(value.value),
        "display": value.display_value(),
        "qualifier": value.qualifier,
        "period": value.period_label,
        "period_precision": value.precision,
        "period_start": value.period_start.isoformat(),
        "period_end": value.period_end.isoformat(),
        "geography": value.geography,
        "note": value.note,
        "source": source_dict(value.source),
    }


def status_dict(status) -> dict | None:
    if status is None:
        return None
    return {
        "status": status.status,
        "date": status.date.isoformat(),
        "date_display": format_date(status.date, status.date_precision),
        "note": status.note,
        "source": source_dict(status.source),
    }


def rating_dict(rating) -> dict | None:
    if rating is None:
        return None
    return {
        "rating": rating.rating,
        "date": rating.date.isoformat(),
        "date_display": format_date(rating.date, rating.date_precision),
        "rationale": rating.rationale,
        "source": source_dict(rating.source),
        "geography": rating.geography,
        "rater_kind": rating.rater_kind,
        "rater": rating.rater_label,
        "evidence_links": rating.evidence_urls,
    }


def version_overview(version: PlanVersion, public_only: bool = True) -> list[dict]:
    """Each point of a version with category, current status, latest rating, key figure."""
    points = version.points.prefetch_related(
        "statuses__source",
        "ratings__source",
        "themes",
        Prefetch(
            "indicators",
            queryset=_visible(Indicator.objects.all(), public_only),
        ),
        Prefetch(
            "indicators__values",
            queryset=_visible(IndicatorValue.objects.select_related("source"), public_only),
        ),
    )
    rows = []
    for point in points:
        statuses = sorted(point.statuses.all(), key=lambda s: (s.date, s.id))
        ratings = sorted(
            _visible_list(point.ratings.all(), public_only), key=lambda r: (r.date, r.id)
        )
        figures = []
        for indicator in point.indicators.all():
            values = sorted(indicator.values.all(), key=lambda v: (v.period_end, v.id))
            if values:
                figures.append(
                    {
                        "indicator": indicator.name,
                        "indicator_ur": indicator.name_ur,
                        "ur_reviewed": indicator.ur_reviewed,
                        "slug": indicator.slug,
                        **value_dict(values[-1]),
                    }
                )
        rows.append(
            {
                "version": version.label,
                "number": point.number,
                "title": point.title,
                "short_title": point.short_title,
                **urdu_dict(point),
                "category": point.category,
                "level": point.level,
                "status": status_dict(statuses[-1] if statuses else None),
                "rating": rating_dict(ratings[-1] if ratings else None),
                "themes": [t.slug for t in point.themes.all()],
                "latest_figures": figures,
                "point_obj": point,
            }
        )
    return rows


def _visible_list(items, public_only: bool) -> list:
    return [i for i in items if not public_only or i.visibility == Visibility.PUBLIC]


def _indicator_detail(ind, public_only: bool) -> dict:
    values = list(
        _visible(ind.values.select_related("source"), public_only).order_by(
            "period_end", "geography"
        )
    )
    return {
        "slug": ind.slug,
        "name": ind.name,
        "unit": ind.unit,
        "direction": ind.direction,
        "description": ind.description,
        **urdu_dict(ind),
        "values": [value_dict(v) for v in values],
        "progress": indicator_progress(ind, values),
    }


def point_detail(point: Point, public_only: bool = True) -> dict:
    """A point with its status history, indicators, values, sources and ratings."""
    indicators = _visible(point.indicators.all(), public_only).order_by("name")
    ratings = _visible(Rating.objects.filter(point=point), public_only).select_related("source")
    return {
        "version": point.version.label,
        "number": point.number,
        "title": point.title,
        "short_title": point.short_title,
        "description": point.description,
        **urdu_dict(point),
        "category": point.category,
        "category_source": source_dict(point.category_source) if point.category_source else None,
        "level": point.level,
        "lead_agencies": [str(a) for a in point.lead_agencies.all()],
        "supporting_agencies": [str(a) for a in point.supporting_agencies.all()],
        "themes": [{"slug": t.slug, "name": t.name} for t in point.themes.all()],
        "status": status_dict(point.current_status()),
        "status_history": [
            status_dict(s) for s in point.statuses.select_related("source").order_by("date", "id")
        ],
        "ratings": [rating_dict(r) for r in ratings.order_by("-date", "-id")],
        "indicators": [_indicator_detail(ind, public_only) for ind in indicators],
        "links_in": [_link_dict(link) for link in point.links_in.select_related("from_point")],
        "links_out": [_link_dict(link) for link in point.links_out.select_related("to_point")],
    }


def _link_dict(link: CrosswalkLink) -> dict:
    return {
        "from_version": link.from_version.label,
        "from_point": link.from_point.number if link.from_point else None,
        "from_title": link.from_point.short_title if link.from_point else None,
        "to_version": link.to_version.label,
        "to_point": link.to_point.number if link.to_point else None,
        "to_title": link.to_point.short_title if link.to_point else None,
        "from_title_ur": link.from_point.short_title_ur if link.from_point else None,
        "to_title_ur": link.to_point.short_title_ur if link.to_point else None,
        "ur_reviewed": all(p.ur_reviewed for p in (link.from_point, link.to_point) if p),
        "relation": link.relation,
        "rationale": link.rationale,
        "made_by": link.made_by,
        "made_by_name": link.made_by_name,
    }


def crosswalk(from_label: str, to_label: str) -> list[dict]:
    """Links from the points of one version to those of another, in point order.

    Asking in the reverse direction (2021 to 2014) reads the same links backwards.
    """
    left, right = get_version(from_label), get_version(to_label)
    links = CrosswalkLink.objects.select_related(
        "from_point", "to_point", "from_version", "to_version"
    )
    forward = links.filter(from_version=left, to_version=right)
    if forward.exists():
        rows = [_link_dict(link) for link in forward]
        return sorted(rows, key=lambda r: (r["from_point"] is None, r["from_point"] or 0))
    backward = links.filter(from_version=right, to_version=left)
    rows = []
    for link in backward:
        row = _link_dict(link)
        row["direction"] = "reverse"
        rows.append(row)
    return sorted(rows, key=lambda r: (r["to_point"] is None, r["to_point"] or 0))


def gaps(label: str) -> dict:
    """Themes a version does not cover: by its points' tags, and as sources state them."""
    version = get_version(label)
    covered = set(Theme.objects.filter(points__version=version).values_list("slug", flat=True))
    stated = {
        gap.theme.slug: gap
        for gap in Gap.objects.filter(version=version).select_related("theme", "source")
    }
    uncovered = []
    for theme in Theme.objects.exclude(slug__in=covered).order_by("name"):
        gap = stated.get(theme.slug)
        uncovered.append(
            {
                "theme": theme.slug,
                "name": theme.name,
                "statement": gap.statement if gap else None,
                "source": source_dict(gap.source) if gap else None,
            }
        )
    kinds = {c: version.points.filter(category=c).count() for c in Point.Category.values}
    return {
        "version": version.label,
        "uncovered_themes": uncovered,
        "declared": {
            "points": version.declared_points,
            "kinetic": version.declared_kinetic,
            "non_kinetic": version.declared_non_kinetic,
        },
        "classified": kinds,
        "listed_points": version.points.count(),
    }
