"""How unsteady a monthly count series is: coefficient of variation and month-on-month swings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ._checks import require_monthly
from ._text import fmt_pct
from .errors import ComputeError


@dataclass(frozen=True)
class Volatility:
    """Summary of variability over a window of months.

    ``cv`` is None when the mean is 0. Month-on-month changes are undefined after a month
    with 0 events; ``undefined_changes`` counts them and they are left out of the mean and
    maximum swing (which are None when no change is defined).
    """

    start: pd.Timestamp
    end: pd.Timestamp
    n_months: int
    mean: float
    std: float
    cv: float | None
    mean_abs_change_pct: float | None
    max_abs_change_pct: float | None
    max_change_pct: float | None
    max_change_month: pd.Timestamp | None
    undefined_changes: int
    sentence: str


def _window(counts: pd.Series, start, end, last: int | None) -> pd.Series:
    y = require_monthly(counts)
    if start is not None:
        y = y[y.index >= pd.Period(pd.Timestamp(start), freq="M")]
    if end is not None:
        y = y[y.index <= pd.Period(pd.Timestamp(end), freq="M")]
    if last is not None:
        if last < 2:
            raise ComputeError(
                "The window must be at least 2 months.", code="bad_window", field="last"
            )
        y = y.iloc[-last:]
    if len(y) < 2:
        raise ComputeError(
            "Volatility needs at least 2 months in the window.", code="too_few_points"
        )
    return y


def month_on_month(counts: pd.Series) -> pd.Series:
    """Percent change of each month over the month before: ``(y_t - y_{t-1}) / y_{t-1} * 100``.

    The first month, and any month after a month with 0 events, is NaN (undefined).
    Raises ComputeError as :func:`volatility` for malformed series.
    """
    y = require_monthly(counts)
    prev = y.shift(1)
    change = (y - prev) / prev.where(prev > 0) * 100.0
    change.index = change.index.to_timestamp()
    return change


def volatility(
    counts: pd.Series,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    last: int | None = None,
    subject: str = "Events",
) -> Volatility:
    """Coefficient of variation and month-on-month swings of monthly counts over a window.

    Window: months from ``start`` to ``end`` (inclusive, by month), then the ``last`` N of
    those if given. ``cv = sample sd (ddof=1) / mean``. Swings are the month-on-month
    percent changes inside the window (see :func:`month_on_month`); the first month of
    the window has no change. ``mean_abs_change_pct`` is the mean of their absolute
    values and ``max_abs_change_pct`` the largest, with its signed value and month.

    Raises ComputeError: ``empty``, ``bad_input``, ``bad_index``, ``bad_counts``,
    ``gaps_in_series``, ``bad_window`` and ``too_few_points`` (fewer than 2 months).
    """
    y = _window(counts, start, end, last)
    mean, std = float(y.mean()), float(y.std(ddof=1))
    change = month_on_month(y).iloc[1:]
    defined = change.dropna()
    undefined = int(change.isna().sum())
    if defined.empty:
        mean_abs = max_abs = max_signed = max_month = None
    else:
        max_month = defined.abs().idxmax()
        max_signed = float(defined[max_month])
        mean_abs, max_abs = float(defined.abs().mean()), abs(max_signed)
    result = dict(
        start=y.index[0].to_timestamp(), end=y.index[-1].to_timestamp(), n_months=len(y),
        mean=mean, std=std, cv=std / mean if mean > 0 else None,
        mean_abs_change_pct=mean_abs, max_abs_change_pct=max_abs, max_change_pct=max_signed,
        max_change_month=max_month, undefined_changes=undefined,
    )  # fmt: skip
    return Volatility(**result, sentence=_sentence(subject, result))


def rolling_cv(counts: pd.Series, window: int) -> pd.Series:
    """Coefficient of variation (sample sd / mean) over a trailing window of ``window`` months.

    Labelled by the window's last month; NaN until the window is full and where the mean
    is 0. Raises ComputeError ``bad_window`` when ``window`` < 2, and as
    :func:`volatility` for malformed series.
    """
    if window < 2:
        raise ComputeError(
            "The window must be at least 2 months.", code="bad_window", field="window"
        )
    y = require_monthly(counts)
    roll = y.rolling(window)
    mean = roll.mean()
    cv = roll.std(ddof=1) / mean.where(mean > 0)
    cv.index = cv.index.to_timestamp()
    return cv.rename("cv")


def _sentence(subject: str, r: dict) -> str:
    span = f"{r['start']:%B %Y} to {r['end']:%B %Y}"
    head = f"{subject} averaged {r['mean']:.1f} a month from {span}"
    if r["cv"] is None:
        return f"{head}: no events, so no variability to measure."
    text = f"{head} (coefficient of variation {r['cv']:.2f})"
    if r["max_change_pct"] is None:
        return f"{text}; no month-on-month change is defined."
    direction = "rise" if r["max_change_pct"] > 0 else "fall"
    return (
        f"{text}; months moved by {fmt_pct(r['mean_abs_change_pct'])} on average, the largest "
        f"swing a {fmt_pct(r['max_change_pct'])} {direction} in {r['max_change_month']:%B %Y}."
    )
