"""Event aggregates (counts, killed, injured) with small-cell suppression for the public."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from napmon.api.auth import READ_AUTH
from napmon.api.cache import cached_document
from napmon.api.schemas import ErrorOut, EventSummaryOut
from napmon.api.services.events import event_summary

router = Router(auth=READ_AUTH, tags=["events"])


class EventFilters(Schema):
    by: Literal["year", "month", "province", "district", "actor", "family", "type", "dataset"] = (
        "year"
    )
    dataset: str | None = None
    province: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    fold_fata: bool = False
    country: str | None = Field(
        None, description="Pakistan when omitted; 'all' for every country in the imported files"
    )
    violence: Literal["state-based", "non-state", "one-sided"] | None = Field(
        None, description="UCDP type of violence"
    )


@router.get(
    "/events/summary",
    response={200: EventSummaryOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Events, killed and injured grouped by year, month, province, actor, type ...",
    description='Public callers see groups with fewer than k events as "<k" '
    "(k = NAPMON_SMALL_CELL_K, default 5), with killed and injured left out.",
)
@cached_document
def summary(request, filters: Query[EventFilters]):
    data = filters.dict()
    by = data.pop("by")
    return event_summary(by, data, request.auth.public_only)
