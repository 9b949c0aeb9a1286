"""Errors that carry a message a user can act on and a stable code.

Views turn them into a message, the API into a 4xx response with the code, and
the CLI into a non-zero exit with the message.
"""

from __future__ import annotations


class NapmonError(Exception):
    """Base of every error the platform reports to a user.

    ``code`` is stable (tests and API clients match on it); ``field`` names the
    parameter, column or form field at fault when there is one.
    """

    default_code = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class DatasetError(NapmonError):
    """The built-in (or a user-supplied) plan dataset file is malformed."""

    default_code = "dataset_invalid"


class NotFoundError(NapmonError):
    """A plan, version, point or other record named by the user does not exist."""

    default_code = "not_found"


class PermissionDeniedError(NapmonError):
    """The user may not do this."""

    default_code = "permission_denied"


class FilterError(NapmonError):
    """A filter value (period, geography, point) the user gave cannot be read."""

    default_code = "invalid_filter"
