"""Errors of the API and exports, each with a stable code and an HTTP status."""

from napmon.core.errors import NapmonError


class ApiError(NapmonError):
    """A request the API refuses; ``status`` is the HTTP status it answers with."""

    default_code = "bad_request"
    status = 400


class AuthenticationFailed(ApiError):
    """No valid credentials: an unknown or revoked token, or none where one is needed."""

    default_code = "not_authenticated"
    status = 401


class ScopeError(ApiError):
    """The token's scope does not allow this (a read token asked to write)."""

    default_code = "insufficient_scope"
    status = 403


class ExportError(ApiError):
    """An export or release cannot be produced as asked (unknown table or format ...)."""

    default_code = "export_invalid"
