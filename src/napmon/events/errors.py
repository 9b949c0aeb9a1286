"""The error every importer and events service raises."""

from __future__ import annotations

from napmon.core.errors import NapmonError


class EventImportError(NapmonError):
    """An import, rollback or summary request that cannot go ahead.

    ``code`` is stable (``missing_columns``, ``invalid_date``, ``file_too_large``
    ...), ``field`` names the column at fault and ``row`` the row (the header is
    row 1, as a spreadsheet shows it). ``report`` carries the full import report
    with every problem when the error ends an import.
    """

    default_code = "import_failed"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        row: int | None = None,
        report=None,
    ):
        super().__init__(message, code=code, field=field)
        self.row = row
        self.report = report

    def as_dict(self) -> dict:
        data = super().as_dict()
        if self.row is not None:
            data["row"] = self.row
        if self.report is not None:
            data["report"] = self.report.as_dict()
        return data
