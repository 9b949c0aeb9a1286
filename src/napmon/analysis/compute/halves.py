"""Half-year outcome change for the six-monthly review (pure; no Django).

``half_year_change`` compares a measure in one half-year with the half before it. The
halves must both lie inside the dataset's coverage: a half after the last recorded event
has no data (not zero), and the change from zero is undefined.
"""

from __future__ import annotations

from datetime import date


def half_label(year: int, half: int) -> str:
    """``(2019, 2)`` → ``"H2 2019"``."""
    return f"H{half} {year}"


def previous_half(year: int, half: int) -> tuple[int, int]:
    """The half-year before ``(year, half)``."""
    return (year, 1) if half == 2 else (year - 1, 2)


def half_start_end(year: int, half: int) -> tuple[date, date]:
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (
            date(year, 7, 1),
            date(year, 12, 31),
        )
    )


def covers(coverage: tuple[date, date] | None, year: int, half: int) -> bool:
    """Whether the dataset's coverage (first, last event date) spans the whole half."""
    if coverage is None:
        return False
    start, end = half_start_end(year, half)
    first, last = coverage
    return first <= start and end <= last


def half_year_change(previous: float | None, current: float | None) -> tuple[float | None, str]:
    """Percent change from ``previous`` to ``current`` and, when undefined, why."""
    if previous is None or current is None:
        return None, "a half-year has no data"
    if previous == 0:
        return None, "the previous half-year is zero, so a percentage change is undefined"
    return round((current - previous) / previous * 100.0, 1), ""
