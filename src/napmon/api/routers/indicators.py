"""Indicators, values with sources, and ratings: filtered and paginated."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from napmon.api.auth import READ_AUTH
from napmon.api.pagination import BoundedLimitOffsetPagination
from napmon.api.schemas import ErrorOut, IndicatorOut, RatingRecordOut, ValueRecordOut
from napmon.core.errors import NotFoundError
from napmon.plans.services import records
from napmon.plans.services.records import Filters

router = Router(auth=READ_AUTH, tags=["indicators"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class PointFilters(Schema):
    version: str | None = None
    point: str | None = None


class ValueFilters(PointFilters):
    indicator: str | None = None
    geography: str | None = None
    period: str | None = None


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], **ERRORS},
    summary="Indicators (filter by version, point)",
)
@paginate(BoundedLimitOffsetPagination)
def list_indicators(request, filters: Query[PointFilters]):
    found = records.indicators(Filters(**filters.dict()), request.auth.public_only)
    return records.Mapped(found, records.indicator_record)


@router.get("/indicators/{slug}", response={200: IndicatorOut, **ERRORS}, summary="One indicator")
def get_indicator(request, slug: str):
    found = records.indicators(Filters(indicator=slug), request.auth.public_only).first()
    if found is None:
        raise NotFoundError(f"No indicator {slug!r}.", code="indicator_not_found", field="slug")
    return records.indicator_record(found)


@router.get(
    "/values",
    response={200: list[ValueRecordOut], **ERRORS},
    summary="Indicator values with their sources",
    description="Filters: version, point (NUMBER with version, or VERSION/NUMBER), indicator "
    "(slug), geography (ISO 3166-2:PK code), period (2024, 2024-H1, 2024-07, 2019..2022: "
    "figures whose period ends inside it).",
)
@paginate(BoundedLimitOffsetPagination)
def list_values(request, filters: Query[ValueFilters]):
    found = records.values(Filters(**filters.dict()), request.auth.public_only)
    return records.Mapped(found, records.value_record)


class RatingFilters(PointFilters):
    period: str | None = None


@router.get(
    "/ratings",
    response={200: list[RatingRecordOut], **ERRORS},
    summary="Ratings of points (filter by version, point, period)",
)
@paginate(BoundedLimitOffsetPagination)
def list_ratings(request, filters: Query[RatingFilters]):
    found = records.ratings(Filters(**filters.dict()), request.auth.public_only)
    return records.Mapped(found, records.rating_record)
