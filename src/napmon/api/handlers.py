"""One error shape for every 4xx: ``{"code", "message", "field"?}``.

Replaces django-ninja's handlers for validation errors (422), authentication and
throttling (401, 429), other HTTP errors, ``Http404`` and the platform's own
``NapmonError`` (whose ``code`` and ``field`` pass through unchanged; the status
follows the code, see ``CODE_STATUS``). ``method_not_allowed`` gives 405s the shape.
"""

from __future__ import annotations

import functools

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from napmon.analysis.errors import AnalysisError
from napmon.api.errors import ApiError
from napmon.api.services.reporting import api_field
from napmon.core.errors import NapmonError, NotFoundError, PermissionDeniedError
from napmon.reporting.errors import ReportingError

HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "rate_limited",
}


def error_response(status: int, code: str, message: str, field: str | None = None):
    """A JSON response in the error shape (``field`` left out when there is none)."""
    body = {"code": code, "message": message}
    if field:
        body["field"] = field
    return JsonResponse(body, status=status)


def _field_of(loc) -> str | None:
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    # ninja nests body fields under the parameter name ("payload"); report the leaf.
    return parts[-1] if parts else None


def on_validation_error(request, exc: ValidationError):
    errors = list(exc.errors)
    first = errors[0] if errors else {"loc": (), "msg": "Invalid request."}
    field = _field_of(first.get("loc", ()))
    messages = []
    for err in errors:
        name = _field_of(err.get("loc", ()))
        messages.append(f"{name}: {err.get('msg')}" if name else str(err.get("msg")))
    return error_response(422, "invalid", "; ".join(messages) or "Invalid request.", field)


def on_http_error(request, exc: HttpError):
    status = exc.status_code
    if isinstance(exc.__cause__, ApiError):  # our body parser refused the body (api.parser)
        cause = exc.__cause__
        return error_response(cause.status, cause.code, cause.message, cause.field)
    if isinstance(exc, Throttled):
        return error_response(429, "rate_limited", "Too many requests; slow down and retry later.")
    if isinstance(exc, AuthenticationError):
        return error_response(
            401,
            "not_authenticated",
            "Log in or send a valid API token (Authorization: Bearer ...).",
        )
    message = str(exc.message) if hasattr(exc, "message") else str(exc)
    code = (
        "csrf_failed"
        if status == 403 and "CSRF" in message
        else HTTP_CODES.get(status, f"http_{status}")
    )
    return error_response(status, code, message)


def on_not_found(request, exc: Http404):
    return error_response(404, "not_found", str(exc) or "Not found.")


# Codes of the reporting and analysis services whose answer is not a plain 400.
CODE_STATUS = {
    "permission_denied": 403,
    "not_found": 404,
    # the record is not in a state that allows this, or someone changed it first
    "conflict": 409,
    "exists": 409,
    "invalid_state": 409,
    "already_open": 409,
    "correction_exists": 409,
    "period_locked": 409,
    "incomplete": 409,
    # the request is well-formed but its content cannot be accepted
    "validation": 422,
    "not_assigned": 422,
    "source_required": 422,
    "comment_required": 422,
    "reason_required": 422,
    "rationale_required": 422,
    "invalid_rating": 422,
    "invalid_month": 422,
    "invalid_half": 422,
    # too little data for the analysis asked for
    "no_data": 422,
    "no_monthly_data": 422,
    "missing_break": 422,
    "too_few_points": 422,
    "no_events_on_one_side": 422,
    "model_not_identifiable": 422,
    "model_not_converged": 422,
    "window_beyond_data": 422,
}


def _status_of(exc: NapmonError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, PermissionDeniedError):
        return 403
    if isinstance(exc, ReportingError | AnalysisError):
        return CODE_STATUS.get(exc.code, 400)
    return 400


def on_napmon_error(request, exc: NapmonError):
    message, field = exc.message, exc.field
    errors = getattr(exc, "errors", None)
    if isinstance(exc, ReportingError) and errors:
        # Name the fields as the API does and list every problem in the message.
        names = [api_field(name) for name in errors]
        field = api_field(exc.field) if exc.field else names[0]
        details = "; ".join(
            f"{api_field(name)}: {' '.join(msgs)}"
            for name, msgs in errors.items()
            if msgs != [exc.message]
        )
        if details:
            message = f"{message} {details}"
    elif isinstance(exc, ReportingError) and field:
        field = api_field(field)
    return error_response(_status_of(exc), exc.code, message, field)


def method_not_allowed(view):
    """Wrap a django-ninja view so that its 405 answers in the error shape (with ``Allow``)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            shaped = error_response(
                405,
                "method_not_allowed",
                f"{request.method} is not allowed here; use {allowed}.",
            )
            shaped["Allow"] = allowed
            return shaped
        return response

    return wrapped


def install(api) -> None:
    """Register the handlers on a ``NinjaAPI``."""
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(NapmonError, on_napmon_error)


def not_found_view(request, rest=None):
    """Any unknown path under /api/v1/."""
    return error_response(404, "not_found", f"No API endpoint at {request.path}.")
