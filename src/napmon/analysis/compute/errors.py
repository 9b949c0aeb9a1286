"""The one error raised by the pure computation layer.

It deliberately does not import Django or the rest of ``napmon``: services catch it and
re-raise or render it (views as a message, the API as a 4xx with ``code``).
"""

from __future__ import annotations


class ComputeError(Exception):
    """The input cannot support the requested computation.

    ``message`` is written for the user; ``code`` is stable (tests and API clients match
    on it); ``field`` names the argument or column at fault when there is one;
    ``params`` carries the figures of the message (and ``test``, the computation that
    refused) so that the services can word it again in the reader's language
    (``napmon.analysis.compute_messages``).
    """

    default_code = "compute_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        params: dict | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.params = dict(params or {})

    def as_dict(self) -> dict:
        """Return ``{"code", "message"}`` plus ``"field"`` when set, for API responses."""
        data = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data
