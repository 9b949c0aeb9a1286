"""One error shape for every 4xx: ``{"code", "message", "field"?}``.

Replaces django-ninja's handlers for validation errors (422), authentication and
throttling (401, 429), other HTTP errors, ``Http404`` and the platform's own
``NapmonError`` (whose ``code`` and ``field`` pass through unchanged).
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from napmon.api.errors import ApiError
from napmon.core.errors import NapmonError, NotFoundError, PermissionDeniedError

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


def on_napmon_error(request, exc: NapmonError):
    if isinstance(exc, ApiError):
        status = exc.status
    elif isinstance(exc, NotFoundError):
        status = 404
    elif isinstance(exc, PermissionDeniedError):
        status = 403
    else:
        status = 400
    return error_response(status, exc.code, exc.message, exc.field)


def install(api) -> None:
    """Register the handlers on a ``NinjaAPI``."""
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(NapmonError, on_napmon_error)


def not_found_view(request, rest=None):
    """Any unknown path under /api/v1/."""
    return error_response(404, "not_found", f"No API endpoint at {request.path}.")
