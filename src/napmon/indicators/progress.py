"""Progress status of an indicator towards its target (pure; no Django import).

Method (after Open SDG's CAGR-based progress measure; docs/progress-status.md):

1. No target value and year: ``no_target``.
2. No baseline or no value after the baseline: ``unknown`` (never a guess).
3. The latest value has reached the target (in the indicator's direction): ``on_track``.
4. The latest value is further from the target than the baseline was: ``deteriorating``.
5. Otherwise compare the compound annual growth rate (CAGR) observed since the
   baseline with the CAGR needed to reach the target in its year. A ratio of
   observed to needed of at least 0.95 is ``on_track``, anything less ``off_track``.
   When a value is zero or negative (CAGR undefined) the same ratio is taken of
   the linear yearly change instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ON_TRACK_RATIO = 0.95
NO_TARGET, UNKNOWN, ON_TRACK, OFF_TRACK, DETERIORATING = (
    "no_target",
    "unknown",
    "on_track",
    "off_track",
    "deteriorating",
)


@dataclass(frozen=True)
class Progress:
    status: str
    numbers: dict = field(default_factory=dict)


def _years(start: date, end: date) -> float:
    return max((end - start).days / 365.25, 1 / 12)


def _rate(first: float, last: float, years: float) -> tuple[float, str]:
    if first > 0 and last > 0:
        return (last / first) ** (1 / years) - 1, "cagr"
    return (last - first) / years, "linear"


def progress_status(
    baseline: tuple[int, float] | None,
    target: tuple[int, float] | None,
    latest: tuple[date, float] | None,
) -> Progress:
    """The status of one indicator; ``baseline``/``target`` are (year, value)."""
    if target is None or target[1] is None or target[0] is None:
        return Progress(NO_TARGET)
    if baseline is None or baseline[1] is None or baseline[0] is None or latest is None:
        return Progress(UNKNOWN)
    (b_year, b_value), (t_year, t_value) = baseline, target
    last_day, last = latest
    start = date(b_year, 12, 31)
    if last_day <= start:
        return Progress(UNKNOWN, {"reason": "no value after the baseline"})
    sign = 1 if t_value >= b_value else -1
    numbers = {"baseline": b_value, "target": t_value, "latest": last}
    if (last - t_value) * sign >= 0:
        return Progress(ON_TRACK, {**numbers, "reached": True})
    if abs(t_value - last) > abs(t_value - b_value):
        return Progress(DETERIORATING, numbers)
    span, elapsed = _years(start, date(t_year, 12, 31)), _years(start, last_day)
    needed, method = _rate(b_value, t_value, span)
    actual, actual_method = _rate(b_value, last, elapsed)
    if method != actual_method:
        # Compare like with like: linear yearly change for both.
        needed, actual, method = (t_value - b_value) / span, (last - b_value) / elapsed, "linear"
    ratio = actual / needed if needed else 0.0
    numbers.update(method=method, needed=round(needed, 4), actual=round(actual, 4))
    numbers["ratio"] = round(ratio, 3)
    return Progress(ON_TRACK if ratio >= ON_TRACK_RATIO else OFF_TRACK, numbers)
