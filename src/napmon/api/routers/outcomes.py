"""Outcome summaries and analyses (ITS, GTI-style index), the claims ledger, interventions.

Reads only; the numbers come from ``napmon.analysis.services``. Public callers get
small cells suppressed as in ``/events/summary``.
"""

from datetime import date
from typing import Literal

from ninja import Query, Router, Schema

from napmon.api.auth import READ_AUTH
from napmon.api.schemas import (
    ClaimOut,
    ErrorOut,
    IndexOut,
    InterventionOut,
    ItsOut,
    OutcomeSummaryOut,
)
from napmon.api.services import outcomes

router = Router(auth=READ_AUTH, tags=["outcomes"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class OutcomeFilters(Schema):
    dataset: str | None = None
    province: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    fold_fata: bool = False


class SummaryQuery(OutcomeFilters):
    by: Literal["year", "month", "day", "province", "actor", "family", "type", "dataset"] = "year"


class ItsQuery(Schema):
    dataset: str | None = None
    province: str | None = None
    event_type: str | None = None
    fold_fata: bool = False
    intervention: str | None = None
    at: date | None = None
    family: Literal["auto", "poisson", "negative_binomial"] = "auto"
    seasonality: Literal["none", "fourier", "dummies"] = "none"
    min_points: int = 6


class IndexQuery(Schema):
    dataset: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class ClaimQuery(Schema):
    verdict: Literal["verified", "approximate", "contradicted", "unverifiable"] | None = None


@router.get(
    "/outcomes/summary",
    response={200: OutcomeSummaryOut, **ERRORS},
    summary="Events, killed and injured by year, month, province, actor, family, type ...",
    description="Read from the summary tables. Public callers see groups with fewer than k "
    'events as "<k" (k = NAPMON_SMALL_CELL_K) with the other counts left out.',
)
def outcome_summary(request, query: Query[SummaryQuery]):
    data = query.dict()
    by = data.pop("by")
    return outcomes.outcome_summary(by, data, request.auth.public_only)


@router.get(
    "/outcomes/its",
    response={200: ItsOut, **ERRORS},
    summary="Interrupted time series of monthly events around an intervention or a date",
    description="Segmented Poisson or negative binomial regression (family=auto picks by "
    "overdispersion). Estimates are rate ratios with 95% CIs and p-values. Answers 422 "
    "(too_few_points, no_monthly_data, no_events_on_one_side ...) when the data cannot "
    "support the model, and missing_break without intervention or at.",
)
def its(request, query: Query[ItsQuery]):
    data = query.dict()
    options = {
        "intervention": data.pop("intervention"),
        "at": data.pop("at"),
        "family": data.pop("family"),
        "seasonality": None if data["seasonality"] == "none" else data["seasonality"],
        "min_points": data.pop("min_points"),
    }
    data.pop("seasonality")
    return outcomes.its(data, request.auth.public_only, **options)


@router.get(
    "/outcomes/index",
    response={200: IndexOut, **ERRORS},
    summary="GTI-style index per province and year (not the official Global Terrorism Index)",
)
def gti_index(request, query: Query[IndexQuery]):
    return outcomes.gti(query.dict(), request.auth.public_only)


@router.get(
    "/claims",
    response={200: list[ClaimOut], **ERRORS},
    summary="The claims ledger, each claim checked against the data with its verdict",
)
def list_claims(request, query: Query[ClaimQuery]):
    return outcomes.claims(verdict=query.verdict, public_only=request.auth.public_only)


@router.get("/claims/{key}", response={200: ClaimOut, **ERRORS}, summary="One claim, checked")
def get_claim(request, key: str):
    return outcomes.claims([key], public_only=request.auth.public_only)[0]


@router.get(
    "/interventions",
    response={200: list[InterventionOut], **ERRORS},
    summary="Interventions (dated policy events) usable as break points",
)
def list_interventions(request, charts_only: bool = False):
    return outcomes.interventions(charts_only)
