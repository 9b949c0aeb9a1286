"""The one parser of date filters (YYYY-MM-DD) shared by every face and service."""

from __future__ import annotations

from datetime import date

from napmon.core.errors import NapmonError


def parse_day(
    value: str | date | None, field: str, error: type[NapmonError] = NapmonError
) -> date | None:
    """A YYYY-MM-DD filter value (or a date, or blank: None).

    Raises ``error`` (the caller's area error) with code ``invalid_date`` naming ``field``.
    """
    if value in (None, "") or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise error(
            f"'{value}' is not a date (use YYYY-MM-DD).", code="invalid_date", field=field
        ) from None
