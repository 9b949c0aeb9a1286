"""Outcome summaries and analyses (ITS, GTI-style index), the claims ledger, interventions.

Reads only; the numbers come from ``napmon.analysis.services``. Public callers get
small cells suppressed as in ``/events/summary``.
"""

from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema

from napmon.api.auth import READ_AUTH
from napmon.api.cache import cached_document
from napmon.api.schemas import (
    BeforeAfterOut,
    ClaimOut,
    ComparativeOut,
    ErrorOut,
    IndexOut,
    InterventionOut,
    ItsOut,
    OutcomeSummaryOut,
    StabilityOut,
    SurgesOut,
    SyntheticOut,
)
from napmon.api.services import outcomes

router = Router(auth=READ_AUTH, tags=["outcomes"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


Violence = Literal["state-based", "non-state", "one-sided"]
COUNTRY_HELP = "Pakistan when omitted; 'all' for every country in the imported files"
DATASET_HELP = "one dataset; default: the built-in UCDP GED, else the dataset with the most events"


class OutcomeFilters(Schema):
    dataset: str | None = None
    province: str | None = None
    event_type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    fold_fata: bool = False
    country: str | None = Field(None, description=COUNTRY_HELP)
    violence: Violence | None = Field(None, description="UCDP type of violence")


class SummaryQuery(OutcomeFilters):
    by: Literal["year", "month", "day", "province", "actor", "family", "type", "dataset"] = "year"


class ItsQuery(Schema):
    dataset: str | None = Field(None, description=DATASET_HELP)
    country: str | None = Field(None, description=COUNTRY_HELP)
    violence: Violence | None = Field(None, description="UCDP type of violence")
    province: str | None = None
    event_type: str | None = None
    fold_fata: bool = False
    intervention: str | None = None
    at: date | None = None
    family: Literal["auto", "poisson", "quasi_poisson", "negative_binomial"] = "auto"
    seasonality: Literal["none", "fourier", "dummies"] = "fourier"
    window: int | None = Field(48, description="months each side; omit with all=true")
    all_months: bool = Field(False, description="fit the whole series instead of a window")
    transition: int = 1
    hac_lag: int | None = None
    robustness: bool = True
    min_points: int = 12


class StabilityQuery(OutcomeFilters):
    last: int = Field(24, ge=2, le=600, description="volatility over the last N months")


class ComparativeQuery(Schema):
    dataset: str | None = None
    event_type: str | None = None
    province: str = Field(description="province code, e.g. PK-KP")
    control: str = Field(description="province code of the comparison area, e.g. PK-PB")
    intervention: str | None = None
    at: date | None = None
    window: int = Field(48, ge=6, le=600)
    all_months: bool = False


class SyntheticQuery(Schema):
    dataset: str | None = Field(None, description=DATASET_HELP)
    event_type: str | None = None
    province: str = Field("PK-KP", description="the treated area, e.g. PK-KP (FATA included)")
    donors: str | None = Field(None, description="donor area codes, comma-separated; all others")
    intervention: str | None = None
    at: date | None = None
    window: int = Field(48, ge=12, le=600, description="months each side")
    all_months: bool = False
    raw: bool = Field(False, description="match raw counts instead of each area's own level")


class BeforeAfterQuery(Schema):
    dataset: str | None = None
    province: str | None = None
    event_type: str | None = None
    fold_fata: bool = False
    intervention: str | None = None
    at: date | None = None
    before: int = Field(12, ge=1, le=240)
    after: int | None = Field(None, ge=1, le=240)
    unit: Literal["months", "days"] = "months"
    method: Literal["wald", "exact"] = "wald"


class IndexQuery(Schema):
    dataset: str | None = Field(None, description=DATASET_HELP)
    country: str | None = Field(None, description=COUNTRY_HELP)
    violence: Violence | None = Field(None, description="UCDP type of violence")
    date_from: str | None = None
    date_to: str | None = None


class ClaimQuery(Schema):
    verdict: Literal["verified", "approximate", "contradicted", "unverifiable"] | None = None
    consistency: Literal["matches", "approximate", "does_not_match", "unverifiable"] | None = None
    independent: Literal["corroborated", "mixed", "contradicted", "no_independent_data"] | None = (
        None
    )


@router.get(
    "/outcomes/summary",
    response={200: OutcomeSummaryOut, **ERRORS},
    summary="Events, killed and injured by year, month, province, actor, family, type ...",
    description="Read from the summary tables. Public callers see groups with fewer than k "
    'events as "<k" (k = NAPMON_SMALL_CELL_K) with the other counts left out.',
)
@cached_document
def outcome_summary(request, query: Query[SummaryQuery]):
    data = query.dict()
    by = data.pop("by")
    return outcomes.outcome_summary(by, data, request.auth.public_only)


@router.get(
    "/outcomes/its",
    response={200: ItsOut, **ERRORS},
    summary="Interrupted time series of monthly events around an intervention or a date",
    description="Segmented regression on monthly counts (docs/analysis.md): a window of "
    "`window` months each side (default 48, clipped to the data), `transition` months left "
    "out (default 1), Fourier seasonality, the family chosen by a shown dispersion test, "
    "autocorrelation-robust (HAC) intervals with the lags stated, diagnostics, the placebo "
    "p-value, the sensitivity grid and a verdict. The same document as `napmon outcomes "
    "its --json`. Answers 422 (too_few_points, no_monthly_data, no_events_on_one_side ...) "
    "when the data cannot support the model, and missing_break without intervention or at.",
)
@cached_document
def its(request, query: Query[ItsQuery]):
    data = query.dict()
    options = {
        name: data.pop(name)
        for name in (
            "intervention", "at", "family", "seasonality", "window", "transition",
            "hac_lag", "robustness", "min_points",
        )
    }  # fmt: skip
    if data.pop("all_months"):
        options["window"] = None
    return outcomes.its(data, request.auth.public_only, **options)


@router.get(
    "/outcomes/before-after",
    response={200: BeforeAfterOut, **ERRORS},
    summary="Event rate in a window before a break against a window after it",
    description="The simple Poisson comparison of the two windows and, for windows in "
    "months, the rate ratio allowing for overdispersion and autocorrelation with the same "
    "comparison at placebo years. It ignores any pre-existing trend: see /outcomes/its. "
    "The same document as `napmon outcomes before-after --json`.",
)
@cached_document
def before_after(request, query: Query[BeforeAfterQuery]):
    data = query.dict()
    options = {n: data.pop(n) for n in ("intervention", "at", "before", "after", "unit", "method")}
    return outcomes.before_after(data, request.auth.public_only, **options)


@router.get(
    "/outcomes/change-points",
    response={200: StabilityOut, **ERRORS},
    summary="Change points (calibrated for overdispersion) and volatility of monthly events",
)
@cached_document
def change_points(request, query: Query[StabilityQuery]):
    data = query.dict()
    last = data.pop("last")
    return outcomes.stability(data, last=last, public_only=request.auth.public_only)


@router.get(
    "/outcomes/surges",
    response={200: SurgesOut, **ERRORS},
    summary="Provinces whose latest month is far above their own twelve-month baseline",
    description='Public callers see a province-month with fewer than k events as "<k".',
)
@cached_document
def surges(request, query: Query[OutcomeFilters]):
    return outcomes.surges(query.dict(), request.auth.public_only)


@router.get(
    "/outcomes/comparative-its",
    response={200: ComparativeOut, **ERRORS},
    summary="Comparative ITS: the change in one province against the change in another",
    description="Difference in level and slope changes (ratios) with 95% intervals robust "
    "to autocorrelation. The same document as `napmon outcomes comparative --json`.",
)
@cached_document
def comparative_its(request, query: Query[ComparativeQuery]):
    data = query.dict()
    options = {n: data.pop(n) for n in ("province", "control", "intervention", "at")}
    options["window"] = None if data.pop("all_months") else data.pop("window")
    data.pop("window", None)
    return outcomes.comparative(data, request.auth.public_only, **options)


@router.get(
    "/outcomes/synthetic-control",
    response={200: SyntheticOut, **ERRORS},
    summary="Synthetic control: one province against a weighted mix of the other areas",
    description="Donor weights (non-negative, summing to 1) fitted on the pre-break period, "
    "pre- and post-period RMSPE, their ratio and a placebo-in-space p-value (each donor "
    "refitted as if treated). With 6-7 areas the p-value cannot be below 1/7 or 1/8; the "
    "limits are listed in the answer. The same document as `napmon outcomes synthetic --json`.",
)
@cached_document
def synthetic_control(request, query: Query[SyntheticQuery]):
    data = query.dict()
    options = {n: data.pop(n) for n in ("province", "intervention", "at")}
    options["window"] = None if data.pop("all_months") else data.pop("window")
    data.pop("window", None)
    donors = data.pop("donors")
    options["donors"] = [d.strip() for d in donors.split(",") if d.strip()] if donors else None
    options["normalise"] = not data.pop("raw")
    return outcomes.synthetic(data, request.auth.public_only, **options)


@router.get(
    "/outcomes/index",
    response={200: IndexOut, **ERRORS},
    summary="GTI-style index per province and year (not the official Global Terrorism Index)",
)
@cached_document
def gti_index(request, query: Query[IndexQuery]):
    return outcomes.gti(query.dict(), request.auth.public_only)


@router.get(
    "/claims",
    response={200: list[ClaimOut], **ERRORS},
    summary="The claims ledger, each claim with two verdicts: consistency with its own "
    "document and independent evidence from other event datasets",
)
@cached_document
def list_claims(request, query: Query[ClaimQuery]):
    return outcomes.claims(
        verdict=query.verdict,
        public_only=request.auth.public_only,
        consistency=query.consistency,
        independent=query.independent,
    )


@router.get("/claims/{key}", response={200: ClaimOut, **ERRORS}, summary="One claim, checked")
@cached_document
def get_claim(request, key: str):
    return outcomes.claims([key], public_only=request.auth.public_only)[0]


@router.get(
    "/interventions",
    response={200: list[InterventionOut], **ERRORS},
    summary="Interventions (dated policy events) usable as break points",
)
def list_interventions(request, charts_only: bool = False):
    return outcomes.interventions(charts_only)
