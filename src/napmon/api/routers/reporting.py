"""Monthly reports, reporting periods and rates, and six-monthly reviews.

Thin: every change goes through ``napmon.reporting.services`` with the caller as actor,
and their ``ReportingError`` becomes the error shape (permission 403, conflict 409,
validation 422 naming the field; see ``handlers``). A report outside the caller's scope
is a 404, so a reporter cannot learn that another body's report exists.
"""

import math

from ninja import Query, Router, Schema, Status

from napmon.api.auth import READ_AUTH, SIGNED_IN_AUTH
from napmon.api.errors import ApiError, ScopeError
from napmon.api.schemas import (
    DecisionIn,
    ErrorOut,
    PeriodOut,
    RatesOut,
    ReportCreateIn,
    ReportOut,
    ReportRowOut,
    ReportUpdateIn,
    ReviewOut,
    ReviewRowOut,
    VersionIn,
)
from napmon.api.services import reporting as api_reporting
from napmon.reporting import services
from napmon.reporting.models import Period

router = Router(tags=["reporting"])
ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


class ReportFilters(Schema):
    period: str | None = None
    state: str | None = None


def _internal(principal) -> bool:
    return api_reporting.sees_all_reports(principal.user) and not principal.public_only


# --- reports ---------------------------------------------------------------------------


@router.get(
    "/reports",
    auth=SIGNED_IN_AUTH,
    response={200: list[ReportRowOut], **ERRORS},
    summary="Monthly reports you may read (a reporter: those of their own body)",
)
def list_reports(request, filters: Query[ReportFilters]):
    reports = api_reporting.visible_reports(request.auth.user, **filters.dict())
    return [api_reporting.report_row(r) for r in reports]


@router.post(
    "/reports",
    auth=SIGNED_IN_AUTH,
    response={201: ReportOut, **ERRORS},
    summary="Start your body's report for a period (write scope)",
)
def create_report(request, payload: ReportCreateIn):
    request.auth.require_write()
    user = request.auth.user
    body = api_reporting.body_for(user, payload.body)
    period = api_reporting.find_period(payload.period)
    report = services.create_report(body, period, actor=user)
    return Status(201, api_reporting.report_detail(report))


@router.get(
    "/reports/{report_id}",
    auth=SIGNED_IN_AUTH,
    response={200: ReportOut, **ERRORS},
    summary="One report with its entries, values and comments",
)
def get_report(request, report_id: int):
    return api_reporting.report_detail(api_reporting.find_report(request.auth.user, report_id))


def check_value(value: float | None) -> None:
    """Raise ``ApiError`` (invalid_number, 400) unless ``value`` fits a reported value
    (finite, fewer than 16 digits before the point)."""
    if value is not None and not (math.isfinite(value) and abs(value) < MAX_VALUE):
        raise ApiError(
            f"{value} is out of range: a value must be finite and smaller than 10^16 in size.",
            code="invalid_number",
            field="value",
        )


MAX_VALUE = 10**16  # ReportedValue.value: 20 digits, 4 of them after the point


@router.patch(
    "/reports/{report_id}",
    auth=SIGNED_IN_AUTH,
    response={200: ReportOut, **ERRORS},
    summary="Save a draft or returned report: progress, activities, bottlenecks, values",
    description="Name entries and values by the ids of GET /reports/{id}; fields left out "
    "keep their content. `warnings` lists what would still block submission.",
)
def update_report(request, report_id: int, payload: ReportUpdateIn):
    request.auth.require_write()
    user = request.auth.user
    report = api_reporting.find_report(user, report_id)
    for value in payload.values:
        check_value(value.value)
    data = api_reporting.form_data(
        report,
        [e.dict(exclude_unset=True) for e in payload.entries],
        [v.dict(exclude_unset=True) for v in payload.values],
    )
    errors = services.save_report(report, data, actor=user, expected_version=payload.version)
    report.refresh_from_db()
    return {
        **api_reporting.report_detail(report),
        "warnings": api_reporting.warnings_list(errors),
    }


def _act(request, report_id: int, action, **kwargs) -> dict:
    request.auth.require_write()
    user = request.auth.user
    report = api_reporting.find_report(user, report_id)
    action(report, actor=user, **kwargs)
    report.refresh_from_db()
    return api_reporting.report_detail(report)


@router.post(
    "/reports/{report_id}/submit",
    auth=SIGNED_IN_AUTH,
    response={200: ReportOut, **ERRORS},
    summary="Submit a report for review (422 naming the first field that blocks it)",
)
def submit_report(request, report_id: int, payload: VersionIn):
    return _act(request, report_id, services.submit_report, expected_version=payload.version)


@router.post(
    "/reports/{report_id}/return",
    auth=SIGNED_IN_AUTH,
    response={200: ReportOut, **ERRORS},
    summary="Return a submitted report with a comment (reviewers)",
)
def return_report(request, report_id: int, payload: DecisionIn):
    return _act(
        request,
        report_id,
        services.return_report,
        comment=payload.comment,
        expected_version=payload.version,
    )


@router.post(
    "/reports/{report_id}/approve",
    auth=SIGNED_IN_AUTH,
    response={200: ReportOut, **ERRORS},
    summary="Approve a submitted report (reviewers)",
)
def approve_report(request, report_id: int, payload: DecisionIn):
    return _act(
        request,
        report_id,
        services.approve_report,
        comment=payload.comment,
        expected_version=payload.version,
    )


# --- periods and rates -----------------------------------------------------------------


@router.get(
    "/reporting/periods",
    auth=SIGNED_IN_AUTH,
    response={200: list[PeriodOut], **ERRORS},
    summary="Reporting periods, newest first",
)
def list_periods(request):
    return [api_reporting.period_row(p) for p in Period.objects.all()]


@router.get(
    "/reporting/periods/{label}/rates",
    auth=SIGNED_IN_AUTH,
    response={200: RatesOut, **ERRORS},
    summary="Expected, submitted, on-time and approved reports of a period (monitoring cell)",
)
def period_rates(request, label: str, include_demo: bool = True):
    if not api_reporting.sees_all_reports(request.auth.user):
        raise ScopeError(
            "Reporting rates are for coordinators, reviewers, analysts and admins.",
            code="permission_denied",
        )
    period = api_reporting.find_period(label)
    rates = services.reporting_rates(period, include_demo=include_demo)
    return services.rates_document(rates)


# --- reviews ---------------------------------------------------------------------------


@router.get(
    "/reviews",
    auth=READ_AUTH,
    response={200: list[ReviewRowOut], **ERRORS},
    summary="Six-monthly reviews (the public sees finalised ones only)",
)
def list_reviews(request):
    internal = _internal(request.auth)
    return [api_reporting.review_row(r) for r in api_reporting.visible_reviews(internal)]


@router.get(
    "/reviews/{label}",
    auth=READ_AUTH,
    response={200: ReviewOut, **ERRORS},
    summary="One review (2025-H1): each point's proposed, recorded and final rating",
    description="The proposal (which rests on restricted figures too), dissenting notes and "
    "evidence links are shown to coordinators, reviewers, analysts and admins only.",
)
def get_review(request, label: str):
    internal = _internal(request.auth)
    return api_reporting.review_detail(api_reporting.find_review(label, internal), internal)
