"""Request and response shapes of the JSON API (they become the OpenAPI document)."""

from datetime import datetime

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
    date: str
    date_display: str
    rationale: str
    source: SourceOut


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


class IndicatorWithValues(Schema):
    slug: str
    name: str
    unit: str
    direction: str
    description: str
    values: list[ValueOut]


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
    events: int | str = Field(description='a count, or "<k" when suppressed')
    killed: int | None
    injured: int | None
    suppressed: bool


class EventSummaryOut(Schema):
    by: str
    k: int | None = Field(description="small-cell threshold applied (public callers only)")
    rows: list[EventRowOut]


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
