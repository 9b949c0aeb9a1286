"""Reading the period notation of the dataset file (pure, no Django).

``"2023"`` a year; ``"2024-H1"`` a half-year; ``"2024-07"`` a month;
``"2024-07-15"`` a day; ``"by 2024-10"`` / ``"by 2023"`` as of the end of that
month or year; ``"2019..2022"`` or ``"2023-10..2025-10"`` a span.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from napmon.core.i18n import ENGLISH_MONTHS

MONTHS = ENGLISH_MONTHS  # index 1 to 12, as stored labels spell them


@dataclass(frozen=True)
class Period:
    precision: str  # year / half / month / day / as_of / range
    start: date
    end: date
    label: str


class PeriodError(ValueError):
    """The text is not a period in the notation above."""


_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _bounds(text: str) -> tuple[date, date, str, str]:
    """Start, end, precision and label of a single (non-span) period."""
    if m := _YEAR.match(text):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31), "year", text
    if m := _HALF.match(text):
        year, half = int(m[1]), int(m[2])
        if half == 1:
            return date(year, 1, 1), date(year, 6, 30), "half", f"H1 {year}"
        return date(year, 7, 1), date(year, 12, 31), "half", f"H2 {year}"
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"month {month} does not exist")
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month", f"{MONTHS[month]} {year}"
    if m := _DAY.match(text):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise PeriodError(str(exc)) from exc
        return day, day, "day", f"{day.day} {MONTHS[day.month]} {day.year}"
    raise PeriodError(f"cannot read {text!r} as a period")


def parse_period(text: str, label: str | None = None) -> Period:
    """Parse the notation above; raises ``PeriodError`` with the reason."""
    text = str(text).strip()
    if text.startswith("by "):
        _start, end, _precision, inner = _bounds(text[3:].strip())
        return Period("as_of", end, end, label or f"by {inner}")
    if ".." in text:
        left, right = (part.strip() for part in text.split("..", 1))
        start, _e, _p, left_label = _bounds(left)
        _s, end, _p2, right_label = _bounds(right)
        if start > end:
            raise PeriodError(f"the span {text!r} ends before it starts")
        return Period("range", start, end, label or f"{left_label}–{right_label}")
    start, end, precision, default_label = _bounds(text)
    return Period(precision, start, end, label or default_label)


def parse_date(text: str) -> tuple[date, str]:
    """A date with its precision: ``"2020"`` → (2020-01-01, year), ``"2018-05"`` → month."""
    start, _end, precision, _label = _bounds(str(text).strip())
    if precision not in {"year", "month", "day"}:
        raise PeriodError(f"{text!r} is not a date")
    return start, precision


def format_date(value: date, precision: str) -> str:
    """Print a date at its precision (``2020``, ``May 2018``, ``31 March 2019``)."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month]} {value.year}"
    return f"{value.day} {MONTHS[value.month]} {value.year}"
