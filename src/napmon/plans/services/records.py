"""Filtered reads of indicators, values and ratings, with visibility applied.

Shared by the API, the exports and the release snapshot. Filters:
``version`` (a label such as ``2021``), ``point`` (a number with ``version``, or
``2021/4``), ``indicator`` (a slug), ``geography`` (an ISO 3166-2:PK code such as
``PK-KP``) and ``period`` (the dataset's notation: ``2024``, ``2024-H1``, ``2024-07``,
``2019..2022``), which keeps figures whose period ends inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from napmon.core import geography as geo
from napmon.core.errors import FilterError
from napmon.indicators.models import Indicator, IndicatorValue, Rating, Visibility
from napmon.indicators.periods import PeriodError, parse_period
from napmon.plans.services.queries import (
    get_point,
    get_version,
    rating_dict,
    source_dict,
    value_dict,
)


@dataclass(frozen=True)
class Filters:
    """What the caller asked for; empty fields do not filter."""

    version: str | None = None
    point: str | None = None
    indicator: str | None = None
    geography: str | None = None
    period: str | None = None


def _point_q(filters: Filters, prefix: str) -> Q:
    """A Q on ``<prefix>point`` for the version/point filters; raises NotFoundError."""
    q = Q()
    if filters.point:
        text = str(filters.point)
        label, _, number = text.partition("/") if "/" in text else (filters.version, "", text)
        if not label:
            raise FilterError(
                "Give the point as VERSION/NUMBER (2021/4) or add version=.",
                code="point_needs_version",
                field="point",
            )
        q &= Q(**{f"{prefix}point": get_point(label, number)})
    elif filters.version:
        q &= Q(**{f"{prefix}point__version": get_version(filters.version)})
    return q


def _check_geography(code: str | None) -> None:
    if code and code not in geo.BY_CODE:
        raise FilterError(
            f"Unknown geography {code!r}; use one of {', '.join(geo.BY_CODE)}.",
            code="invalid_geography",
            field="geography",
        )


def indicators(filters: Filters, public_only: bool = True) -> QuerySet[Indicator]:
    """Indicators matching the filters (``version``, ``point``, ``indicator``)."""
    query = Indicator.objects.select_related("point__version").filter(_point_q(filters, ""))
    if filters.indicator:
        query = query.filter(slug=filters.indicator)
    if public_only:
        query = query.filter(visibility=Visibility.PUBLIC)
    return query.order_by("slug")


def values(filters: Filters, public_only: bool = True) -> QuerySet[IndicatorValue]:
    """Values matching every filter, in indicator, period and geography order.

    Raises ``FilterError`` (invalid_geography, invalid_period, point_needs_version) and
    ``NotFoundError`` for an unknown version or point.
    """
    _check_geography(filters.geography)
    query = IndicatorValue.objects.select_related(
        "indicator__point__version", "source__cited_in"
    ).filter(_point_q(filters, "indicator__"))
    if filters.indicator:
        query = query.filter(indicator__slug=filters.indicator)
    if filters.geography:
        query = query.filter(geography=filters.geography)
    if filters.period:
        try:
            period = parse_period(filters.period)
        except PeriodError as exc:
            raise FilterError(str(exc), code="invalid_period", field="period") from exc
        query = query.filter(period_end__gte=period.start, period_end__lte=period.end)
    if public_only:
        query = query.filter(visibility=Visibility.PUBLIC, indicator__visibility=Visibility.PUBLIC)
    return query.order_by("indicator__slug", "period_end", "period_start", "geography", "id")


def ratings(filters: Filters, public_only: bool = True) -> QuerySet[Rating]:
    """Ratings of points matching ``version`` / ``point`` and ``period`` (by date)."""
    query = Rating.objects.select_related("point__version", "source__cited_in").filter(
        _point_q(filters, "")
    )
    if filters.period:
        try:
            period = parse_period(filters.period)
        except PeriodError as exc:
            raise FilterError(str(exc), code="invalid_period", field="period") from exc
        query = query.filter(date__gte=period.start, date__lte=period.end)
    if public_only:
        query = query.filter(visibility=Visibility.PUBLIC)
    return query.order_by("point__version__label", "point__number", "date", "id")


def point_ref(point) -> dict | None:
    """``{version, number}`` of a point, or ``None`` for plan-level indicators."""
    if point is None:
        return None
    return {"version": point.version.label, "number": point.number}


def indicator_record(indicator: Indicator) -> dict:
    """An indicator as the API and JSON export show it."""
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "geography_level": indicator.geography_level,
        "aggregation": indicator.aggregation,
        "point": point_ref(indicator.point),
        "visibility": indicator.visibility,
    }


def value_record(value: IndicatorValue) -> dict:
    """A value with its indicator and full source (reuses ``value_dict``)."""
    return {
        "indicator": value.indicator.slug,
        "indicator_name": value.indicator.name,
        "unit": value.indicator.unit,
        "point": point_ref(value.indicator.point),
        **value_dict(value),
        "visibility": value.visibility,
    }


def rating_record(rating: Rating) -> dict:
    """A rating with its point (reuses ``rating_dict``)."""
    return {
        "point": point_ref(rating.point),
        **rating_dict(rating),
        "visibility": rating.visibility,
    }


def version_record(version) -> dict:
    """A plan version with its declared counts and source."""
    return {
        "plan": version.plan.slug,
        "label": version.label,
        "title": version.title,
        "adopted_on": version.adopted_on.isoformat() if version.adopted_on else None,
        "declared_points": version.declared_points,
        "declared_kinetic": version.declared_kinetic,
        "declared_non_kinetic": version.declared_non_kinetic,
        "summary": version.summary,
        "source": source_dict(version.source),
    }


class Mapped:
    """A queryset whose items are mapped by ``fn`` only for the page that is sliced out.

    Lets the paginator count and slice in the database instead of building every record.
    """

    def __init__(self, queryset: QuerySet, fn):
        self.queryset, self.fn = queryset, fn

    def all(self):
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.fn(item) for item in self.queryset[index]]
        return self.fn(self.queryset[index])
