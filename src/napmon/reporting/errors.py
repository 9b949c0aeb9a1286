"""The error the reporting cycle raises: a message a user can act on and a stable code."""

from __future__ import annotations

from napmon.core.errors import NapmonError


class ReportingError(NapmonError):
    """A reporting-cycle operation was refused.

    Codes: ``permission_denied``, ``not_found``, ``invalid_state``, ``conflict``
    (someone else moved the record first), ``period_locked``, ``validation``
    (``errors`` maps form fields to messages), ``evidence_invalid``, ``incomplete``.
    """

    default_code = "reporting_error"

    def __init__(self, message, *, code=None, field=None, errors=None):
        super().__init__(message, code=code, field=field)
        self.errors: dict[str, list[str]] = errors or {}
        if field and not self.errors:
            self.errors = {field: [message]}
