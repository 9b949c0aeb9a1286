"""Request and response shapes of the JSON API (they become the OpenAPI document)."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class ErrorOut(Schema):
    """Every 4xx answer: a stable code, a message to act on, and the field at fault."""

    code: str
    message: str
    field: str | None = None


class SourceOut(Schema):
    key: str
    kind: str
    publisher: str
    title: str
    author: str
    date: str
    url: str
    locator: str
    citation: str
    short: str
    cited_in: str | None = None


class StatusOut(Schema):
    status: str
    date: str
    date_display: str
    note: str
    source: SourceOut


class RatingOut(Schema):
    rating: str
    date: str = Field(description="the day the rating was decided")
    date_display: str
    rationale: str
    source: SourceOut
    geography: str = Field(description="ISO 3166-2 code of the unit rated; PK is national")
    rater_kind: str = Field(description="self_assessment, coordinating_authority or independent")
    rater: str = Field(description="who decided the rating")
    evidence_links: list[str] = Field(description="web addresses of the evidence")


class ValueOut(Schema):
    value: float
    display: str
    qualifier: str
    period: str
    period_precision: str
    period_start: str
    period_end: str
    geography: str
    note: str
    source: SourceOut


class PointRef(Schema):
    version: str
    number: int


class VersionOut(Schema):
    plan: str
    label: str
    title: str
    adopted_on: str | None
    declared_points: int
    declared_kinetic: int | None
    declared_non_kinetic: int | None
    summary: str
    source: SourceOut


class PlanOut(Schema):
    slug: str
    name: str
    country: str
    description: str
    versions: list[str]


class FigureOut(ValueOut):
    indicator: str
    slug: str


class PointRow(Schema):
    version: str
    number: int
    title: str
    short_title: str
    category: str
    level: str
    status: StatusOut | None
    rating: RatingOut | None
    themes: list[str]
    latest_figures: list[FigureOut]


class ProgressOut(Schema):
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None = Field(description="null: no target set")
    target_year: int | None
    target_source: str | None = Field(description="citation of the source giving the target")
    target_reference: str = Field(description="decision that set the target, if no source")
    status: str = Field(
        description="on_track, off_track, deteriorating, no_target or unknown "
        "(CAGR-based method, docs/progress-status.md)"
    )
    status_label: str
    status_numbers: dict


class IndicatorWithValues(Schema):
    slug: str
    name: str
    unit: str
    direction: str
    description: str
    values: list[ValueOut]
    progress: ProgressOut


class LinkOut(Schema):
    from_version: str
    from_point: int | None
    from_title: str | None
    to_version: str
    to_point: int | None
    to_title: str | None
    relation: str
    rationale: str
    made_by: str
    made_by_name: str
    direction: str | None = None


class ThemeOut(Schema):
    slug: str
    name: str


class PointDetailOut(Schema):
    version: str
    number: int
    title: str
    short_title: str
    description: str
    category: str
    category_source: SourceOut | None
    level: str
    lead_agencies: list[str]
    supporting_agencies: list[str]
    themes: list[ThemeOut]
    status: StatusOut | None
    status_history: list[StatusOut]
    ratings: list[RatingOut]
    indicators: list[IndicatorWithValues]
    links_in: list[LinkOut]
    links_out: list[LinkOut]


class IndicatorOut(Schema):
    slug: str
    name: str
    description: str
    unit: str
    direction: str
    geography_level: str
    aggregation: str = Field(description="flow, stock, snapshot or empty (not declared)")
    point: PointRef | None
    visibility: str


class ValueRecordOut(ValueOut):
    indicator: str
    indicator_name: str
    unit: str
    point: PointRef | None
    visibility: str


class RatingRecordOut(RatingOut):
    point: PointRef | None
    visibility: str


class EventRowOut(Schema):
    key: str
    events: int | None = Field(
        description="a count, or null when suppressed: the group is, or contains, a cell "
        "(dataset, country, year, province) of an aggregate-only dataset with fewer than k "
        "events"
    )
    killed: int | float | None = Field(
        description="a count; fractional where the source has fractions (GTD: 8.5)"
    )
    injured: int | float | None = Field(
        description="a count; fractional where the source has fractions (GTD: 8.5)"
    )
    killed_unknown: int | None = Field(description="events without a killed figure")
    injured_unknown: int | None = Field(description="events without an injured figure")
    suppressed: bool


class EventSummaryOut(Schema):
    by: str
    k: int | None = Field(description="small-cell threshold applied (public callers only)")
    rows: list[EventRowOut]
    withheld: list[str] = Field(
        default_factory=list,
        description="aggregate-only datasets left out because the query is finer than "
        "the public grid (year, province, dataset; whole years)",
    )


class TokenOut(Schema):
    id: int
    name: str
    scope: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    scope: str = Field("read", pattern="^(read|write)$")


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="shown once; store it now")


class MeOut(Schema):
    authenticated: bool
    username: str | None
    via: str
    scope: str
    sees_restricted: bool


# --- reporting -------------------------------------------------------------------------


class PointTitleRef(PointRef):
    title: str


class ReportRowOut(Schema):
    id: int
    body: str
    body_name: str
    period: str
    revision: int
    state: str
    version: int = Field(description="send it back with a change; a stale one answers 409")
    is_demo: bool
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None


class ReportedValueOut(Schema):
    id: int
    indicator: str
    indicator_name: str
    unit: str
    value: float | None
    explanation: str
    flags: list[dict]


class ReportEntryOut(Schema):
    id: int
    point: PointTitleRef
    progress: str
    activities: str
    bottlenecks: str
    values: list[ReportedValueOut]


class ReportCommentOut(Schema):
    action: str
    text: str
    author: str | None
    created_at: datetime


class ProblemOut(Schema):
    field: str | None
    message: str


class ReportOut(ReportRowOut):
    corrects: int | None
    correction_reason: str
    entries: list[ReportEntryOut]
    comments: list[ReportCommentOut]
    warnings: list[ProblemOut] = Field(
        default_factory=list, description="what would block submission (after a save)"
    )


class ReportCreateIn(Schema):
    period: str = Field(description="YYYY-MM", examples=["2025-03"])
    body: str | None = Field(None, description="body key; default: your own body")


class EntryIn(Schema):
    id: int
    progress: str | None = None
    activities: str | None = None
    bottlenecks: str | None = None


class ValueIn(Schema):
    id: int
    value: float | None = None
    explanation: str | None = None


class ReportUpdateIn(Schema):
    version: int | None = Field(None, description="the version you read (409 if stale)")
    entries: list[EntryIn] = Field(default_factory=list)
    values: list[ValueIn] = Field(default_factory=list)


class VersionIn(Schema):
    version: int | None = Field(None, description="the version you read (409 if stale)")


class DecisionIn(VersionIn):
    comment: str = ""


class PeriodOut(Schema):
    label: str
    state: str
    deadline: date
    locks_on: date


class BodyRateOut(Schema):
    body: str
    body_name: str
    report: int | None
    state: str | None
    submitted: bool
    submitted_at: datetime | None
    on_time: bool
    approved: bool
    late: bool
    is_demo: bool


class RatesOut(Schema):
    period: str
    deadline: date
    expected: int
    submitted: int
    on_time: int
    approved: int
    submitted_rate: float | None
    on_time_rate: float | None
    approved_rate: float | None
    late: list[str]
    bodies: list[BodyRateOut]


class ReviewRowOut(Schema):
    label: str
    year: int
    half: int
    state: str
    opened_at: datetime
    finalised_at: datetime | None
    points: int
    rated: int
    dissents: int = Field(description="points with dissenting notes")
    source: SourceOut | None


class PointRatingOut(Schema):
    point: PointTitleRef
    rating: str | None = Field(description="the rating the reviewers recorded")
    rationale: str
    has_dissent: bool
    final: RatingOut | None = Field(description="the rating published when finalised")
    proposed: str | None = Field(None, description="internal readers only")
    proposal: dict | None = Field(None, description="internal readers only")
    dissent: str | None = Field(None, description="internal readers only")
    evidence_links: str | None = Field(None, description="internal readers only")
    recorded_at: datetime | None = None
    recorded_by: str | None = None


class ReviewOut(ReviewRowOut):
    ratings: list[PointRatingOut]


# --- outcomes, claims, interventions ---------------------------------------------------


class OutcomeRowOut(EventRowOut):
    """The same row as ``/events/summary`` (one serialiser: ``summary_document``)."""


class OutcomeSummaryOut(Schema):
    by: str
    k: int | None = Field(description="small-cell threshold applied (public callers only)")
    rows: list[OutcomeRowOut]
    withheld: list[str] = Field(
        default_factory=list, description="aggregate-only datasets left out (see events)"
    )


class EstimateOut(Schema):
    ratio: float | None = Field(description="rate ratio (exp of the coefficient)")
    ci_low: float | None = Field(description="95% confidence interval, lower end")
    ci_high: float | None
    p_value: float | None


class DatasetOut(Schema):
    name: str
    measure: str = Field(description="what one record counts")
    producer: str
    licence: str
    citation: str
    url: str
    records_injuries: bool = Field(description="false: injuries are unknown (null), not 0")


class ItsWindowOut(Schema):
    months_each_side: int | None = Field(description="requested; null = the whole series")
    start: str = Field(description="first month of the window, YYYY-MM")
    end: str
    months_before: int
    months_after: int = Field(description="fitted months after the transition")
    transition_months: int = Field(description="months from the break left out of the fit")


class ItsErrorsOut(Schema):
    method: str
    hac_lag: int = Field(description="lags of residual autocorrelation summed (HAC)")
    ar1_rho: float | None = Field(description="lag-1 correlation of the Pearson residuals used")
    ar_decay: float | None = Field(description="decay of the correlation per further month")


class ItsModelOut(Schema):
    family: str = Field(description="poisson, quasi_poisson or negative_binomial")
    family_reason: str
    alpha: float | None = Field(description="NB2 dispersion (negative binomial only)")
    seasonality: str | None
    harmonics: int | None
    offset: str | None
    standard_errors: ItsErrorsOut


class DispersionTestOut(Schema):
    statistic: float | None = Field(description="Pearson chi2/df of the Poisson fit")
    p_value: float | None
    overdispersed: bool


class LjungBoxOut(Schema):
    statistic: float | None
    p_value: float | None
    lags: int


class ItsDiagnosticsOut(Schema):
    residual_autocorrelation: float | None = Field(description="lag 1, Pearson residuals")
    ljung_box: LjungBoxOut


class CumulativeOut(Schema):
    difference: float | None = Field(description="expected minus counterfactual events")
    ci_low: float | None
    ci_high: float | None
    percent_of_counterfactual: float | None
    counterfactual: float | None
    observed: float | None
    months: int


class ItsEffectsOut(Schema):
    level: EstimateOut
    slope: EstimateOut = Field(description="change of the monthly trend (ratio a month)")
    cumulative: CumulativeOut


class PlaceboRowOut(Schema):
    month: str
    ratio: float | None
    p_value: float | None


class PlaceboOut(Schema):
    p_value: float | None = Field(description="permutation-style; null with too few placebos")
    step_months: int
    n: int
    skipped: int
    real_ratio: float | None
    sentence: str
    rows: list[PlaceboRowOut]


class GridRowOut(Schema):
    break_date: date
    break_label: str
    window: int | None = Field(description="months each side; null = the whole series")
    family: str
    ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    error: str | None = Field(description="error code when this cell could not be fitted")


class GridOut(Schema):
    significant: int
    fitted: int
    rows: list[GridRowOut]


class VerdictOut(Schema):
    code: str = Field(description="robust, depends_on_window, depends_on_break, not_supported")
    sentence: str


class ItsMonthOut(Schema):
    month: str
    observed: float | None
    fitted: float | None
    counterfactual: float | None = Field(description="null before the break")
    in_fit: bool


class ItsOut(Schema):
    dataset: DatasetOut
    break_date: date
    break_label: str
    intervention_month: str
    first_post_month: str | None
    window: ItsWindowOut
    model: ItsModelOut
    dispersion_test: DispersionTestOut
    diagnostics: ItsDiagnosticsOut
    effects: ItsEffectsOut
    pre_trend_ratio: float | None
    placebo: PlaceboOut | None
    sensitivity: GridOut | None
    verdict: VerdictOut | None
    warnings: list[str]
    caveats: list[str]
    how_to_read: str
    sentence: str
    excluded_year_only: int = Field(description="events dated to the year only, left out")
    months: list[ItsMonthOut]


class PlaceboYearOut(Schema):
    date: str = Field(description="the break moved back whole years, YYYY-MM")
    ratio: float | None


class RobustRatioOut(Schema):
    rate_ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    family: str | None = None
    dispersion: float | None = None
    hac_lag: int | None = None
    ar1_rho: float | None = None
    before_months: int | None = None
    after_months: int | None = None
    before_total: int | None = None
    after_total: int | None = None
    placebo_p_value: float | None = None
    placebo_years: list[PlaceboYearOut] = []
    sentence: str | None = None
    message: str | None = Field(None, description="why the comparison is not available")
    code: str | None = None


class BeforeAfterOut(Schema):
    break_date: date
    break_label: str
    before_count: int
    after_count: int
    before_days: int
    after_days: int
    poisson_rate_ratio: float | None = Field(description="assumes Poisson counts: too narrow")
    poisson_ci_low: float | None
    poisson_ci_high: float | None
    poisson_p_value: float | None
    percent_change: float | None
    poisson_sentence: str
    robust: RobustRatioOut | None = Field(description="overdispersion-aware monthly ratio")
    excluded_imprecise: int
    how_to_read: str
    caveats: list[str]


class SegmentOut(Schema):
    start: str
    end: str
    months: int
    total: float | None
    mean: float | None = Field(description="events a month")


class ChangePointsOut(Schema):
    breaks: list[str] = Field(description="first month of each new segment, YYYY-MM")
    segments: list[SegmentOut]
    method: str
    cost: str
    penalty: float | None
    sentence: str
    how_to_read: str


class VolatilityOut(Schema):
    start: str
    end: str
    months: int
    mean: float | None
    sd: float | None
    cv: float | None = Field(description="coefficient of variation; null when the mean is 0")
    mean_abs_change_pct: float | None
    max_change_pct: float | None
    max_change_month: str | None
    sentence: str


class StabilityOut(Schema):
    change_points: ChangePointsOut
    volatility: list[VolatilityOut] = Field(description="the last N months, then all months")
    volatility_how_to_read: str


class SurgeRowOut(Schema):
    province: str
    month: str
    events: int | str = Field(description='a count, or "<k" when suppressed')
    baseline_mean: float | None
    threshold: int
    surge: bool


class SurgesOut(Schema):
    baseline_months: int
    quantile: float
    rows: list[SurgeRowOut]
    how_to_read: str


class ComparativeOut(Schema):
    dataset: DatasetOut
    break_date: date
    break_label: str
    province: str
    province_name: str
    control: str
    control_name: str
    window: ItsWindowOut
    family: str
    hac_lag: int
    level_difference: EstimateOut = Field(description="ratio of the two level changes")
    slope_difference: EstimateOut = Field(description="ratio of the two slope changes")
    sentence: str
    how_to_read: str
    caveats: list[str]


class SyntheticWeightOut(Schema):
    area: str
    name: str
    weight: float = Field(description="non-negative; the weights sum to 1")


class SyntheticPlaceboOut(Schema):
    area: str
    name: str
    pre_rmspe: float | None
    post_rmspe: float | None
    ratio: float | None = Field(description="post / pre RMSPE; null when infinite")


class SyntheticPeriodOut(Schema):
    start: str = Field(description="first month of the 3-month block, YYYY-MM")
    treated: float | None
    synthetic: float | None
    gap: float | None
    after: bool


class SyntheticOut(Schema):
    dataset: DatasetOut
    break_date: date
    break_label: str
    province: str
    province_name: str
    period_months: int
    normalised: bool
    units: str
    window: ItsWindowOut
    weights: list[SyntheticWeightOut]
    left_out: list[str] = Field(description="donors left out: no events before the break")
    pre_rmspe: float | None
    pre_mean: float | None = Field(
        description="the treated area's mean before the break, in `units` (100 when normalised)"
    )
    post_rmspe: float | None
    rmspe_ratio: float | None
    mean_gap: float | None = Field(description="average post-break gap, in `units`")
    percent_gap: float | None
    placebo_p_value: float | None
    min_p_value: float | None = Field(description="the smallest p-value this many donors allow")
    placebos: list[SyntheticPlaceboOut]
    periods: list[SyntheticPeriodOut]
    limits: list[str]
    sentence: str
    how_to_read: str
    caveats: list[str]


class IndexRowOut(Schema):
    province: str
    year: int
    incidents: int | None = Field(description="a count, or null when suppressed")
    deaths: float | None
    injuries: float | None
    raw: float | None
    weighted: float | None
    score: float | None = Field(description="0-10, log-banded")
    score_continuous: float | None
    complete_window: bool
    has_unknown: bool
    label: str
    suppressed: bool


class IndexOut(Schema):
    label: str
    description: str
    dataset: DatasetOut
    unavailable_terms: list[str] = Field(
        description="terms the dataset does not record: scored as 0, shown as null"
    )
    incomplete_years: list[int] = Field(
        description="years whose five-year window reaches before the data"
    )
    k: int | None
    rows: list[IndexRowOut]


class ConsistencyOut(Schema):
    verdict: Literal["matches", "approximate", "does_not_match", "unverifiable"] = Field(
        description="the claim against the figures its own document cites"
    )
    label: str = Field(description='e.g. "matches its source"')
    explanation: str


class IndependentOut(Schema):
    verdict: Literal["corroborated", "mixed", "contradicted", "no_independent_data"] = Field(
        description="the claim against event datasets other than its own source"
    )
    label: str = Field(description='e.g. "corroborated", "no independent data"')
    explanation: str = Field(
        description="what was compared; when the measures differ (UCDP organised violence "
        "against PIPS terrorist attacks) only directions and orders of magnitude"
    )
    datasets: list[str]
    comparisons: list[str] = Field(
        description="per comparison: direction, magnitude, maximum, figure, occurrence or none"
    )


class ClaimOut(Schema):
    id: int
    key: str
    text: str
    source: str
    source_key: str
    source_url: str
    locator: str
    kind: str
    verdict: str = Field(
        description="the consistency check in the older vocabulary (verified, approximate, "
        "contradicted, unverifiable); read consistency and independent instead"
    )
    consistency: ConsistencyOut
    independent: IndependentOut
    stated: str
    computed: float | None
    explanation: str
    inputs: list[str]
    note: str


class InterventionOut(Schema):
    key: str
    label: str
    description: str
    date: date
    date_precision: str
    end_date: date | None
    end_precision: str | None
    period_label: str
    show_on_charts: bool
    source: SourceOut
