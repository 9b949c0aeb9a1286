"""Event counts and casualty totals per period, and the simple change figures built on them.

Conventions used across the package:

* An *event* table has one row per event, a ``date`` column of dtype datetime64, numeric
  measure columns such as ``killed`` and ``injured`` (NaN means *unknown*, never zero) and
  any number of dimension columns (``province``, ``actor`` ...).
* Periods are labelled by their first day (``2015-01-01`` for 2015, ``2015-03-01`` for
  March 2015).
* Percentages are returned as percent (``-48.17``), not fractions.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from .errors import ComputeError

FREQ_ALIASES = {"year": "YS", "month": "MS", "day": "D"}
UNKNOWN_GROUP = "unknown"


def _check_events(events: pd.DataFrame, by: str | None, measures: Sequence[str]) -> list[str]:
    """Validate the event table; return the numeric measures (all but ``events``)."""
    if "date" not in events.columns:
        raise ComputeError(
            "The event table has no 'date' column.", code="missing_column", field="date"
        )
    if not pd.api.types.is_datetime64_any_dtype(events["date"]):
        raise ComputeError(
            "The 'date' column must hold dates (datetime64).", code="bad_dtype", field="date"
        )
    if events["date"].isna().any():
        raise ComputeError("Some events have no date.", code="missing_date", field="date")
    if by is not None and by not in events.columns:
        raise ComputeError(
            f"The event table has no {by!r} column.", code="missing_column", field=by
        )
    numeric = [m for m in measures if m != "events"]
    for m in numeric:
        if m not in events.columns:
            raise ComputeError(
                f"The event table has no {m!r} column.", code="missing_column", field=m
            )
        if not pd.api.types.is_numeric_dtype(events[m]):
            raise ComputeError(f"The {m!r} column must be numeric.", code="bad_dtype", field=m)
        if (events[m] < 0).any():
            raise ComputeError(
                f"The {m!r} column has negative values.", code="negative_value", field=m
            )
    return numeric


def _period_start(dates: pd.Series | pd.DatetimeIndex, freq: str) -> pd.Series:
    """Label each date with the first day of its year, month or day."""
    code = {"year": "Y", "month": "M", "day": "D"}[freq]
    return pd.Series(
        pd.PeriodIndex(dates, freq=code).to_timestamp(), index=getattr(dates, "index", None)
    )


def series(
    events: pd.DataFrame,
    freq: str,
    by: str | None = None,
    measures: Sequence[str] = ("events", "killed", "injured"),
    start: date | str | pd.Timestamp | None = None,
    end: date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Aggregate events into a tidy, zero-filled table of one row per period (and group).

    Method: events with ``start <= date <= end`` (whole days, both inclusive; defaults are
    the first and last event) are labelled with the first day of their ``freq`` period
    ("year", "month" or "day") and grouped by period and, when given, the ``by`` column
    (missing ``by`` values are grouped as ``"unknown"``). Timezone-aware dates are read in
    their own local time. Every period from the start
    period to the end period appears for every group seen in the window: a month with no
    events has ``events == 0`` and ``killed == 0``, it is not absent.

    ``events`` counts rows. A numeric measure ``m`` (e.g. ``killed``) is the sum of the
    *known* values, and ``m_unknown`` counts the events whose ``m`` is NaN (unknown). When
    a period has events but none with a known ``m``, ``m`` is NaN (unknown), not 0. A
    period with known values and some unknown ones therefore gives a lower bound; read it
    together with ``m_unknown``.

    Returns columns ``period`` (Timestamp), ``by`` (if given), ``events`` (int), then for
    each numeric measure ``m`` (float) and ``m_unknown`` (int), sorted by group and period.

    Raises ComputeError: ``bad_freq``, ``missing_column``, ``bad_dtype``, ``missing_date``,
    ``negative_value``, ``bad_window`` (end before start) and ``empty`` (no events and no
    window to zero-fill).
    """
    if freq not in FREQ_ALIASES:
        raise ComputeError(
            f"Unknown frequency {freq!r}; use one of {sorted(FREQ_ALIASES)}.",
            code="bad_freq",
            field="freq",
        )
    numeric = _check_events(events, by, measures)
    if getattr(events["date"].dt, "tz", None) is not None:
        # Periods are calendar periods in the events' own local time.
        events = events.assign(date=events["date"].dt.tz_localize(None))
    lo = _naive(start)
    hi = _naive(end)
    if lo is not None and hi is not None and hi < lo:
        raise ComputeError("The window ends before it starts.", code="bad_window", field="end")

    mask = pd.Series(True, index=events.index)
    if lo is not None:
        mask &= events["date"] >= lo
    if hi is not None:
        mask &= events["date"] < hi.normalize() + pd.Timedelta(days=1)
    cols = ["date", *numeric] + ([by] if by else [])
    df = events.loc[mask, cols].copy()
    if df.empty and (lo is None or hi is None):
        raise ComputeError("There are no events to aggregate.", code="empty")
    lo = lo if lo is not None else df["date"].min()
    hi = hi if hi is not None else df["date"].max()

    df["period"] = _period_start(df["date"], freq)
    keys = ["period"]
    if by:
        df[by] = df[by].astype(object).where(df[by].notna(), UNKNOWN_GROUP)
        keys.append(by)
    out = _aggregate(df, keys, numeric)

    periods = pd.date_range(
        _period_start(pd.DatetimeIndex([lo]), freq).iloc[0],
        _period_start(pd.DatetimeIndex([hi]), freq).iloc[0],
        freq=FREQ_ALIASES[freq],
        name="period",
    )
    if by:
        groups = sorted(df[by].unique(), key=str)
        full = pd.MultiIndex.from_product([periods, groups], names=keys)
    else:
        full = periods
    out = out.reindex(full)
    out["events"] = out["events"].fillna(0).astype("int64")
    for m in numeric:
        out[m] = out[m].astype("float64").where(out["events"] > 0, 0.0)
        out[f"{m}_unknown"] = out[f"{m}_unknown"].fillna(0).astype("int64")
    out = out.reset_index()
    order = [by, "period"] if by else ["period"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)[
        keys + ["events"] + [c for m in numeric for c in (m, f"{m}_unknown")]
    ]


def _naive(value: date | str | pd.Timestamp | None) -> pd.Timestamp | None:
    """A window bound as a timezone-naive Timestamp (local time kept)."""
    if value is None:
        return None
    ts = pd.Timestamp(value)
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _aggregate(df: pd.DataFrame, keys: list[str], numeric: list[str]) -> pd.DataFrame:
    """Count rows and sum known values per key; count unknowns separately."""
    grouped = df.groupby(keys, sort=True, observed=True)
    out = pd.DataFrame({"events": grouped.size()})
    for m in numeric:
        out[m] = grouped[m].sum(min_count=1)
        out[f"{m}_unknown"] = df[m].isna().groupby([df[k] for k in keys], observed=True).sum()
    return out


def _require_number(value: float | None, field: str) -> float:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        raise ComputeError(f"{field!r} is missing.", code="missing_value", field=field)
    return float(value)


def percent_change(old: float, new: float) -> float:
    """Percent change from ``old`` to ``new``: ``(new - old) / old * 100``.

    1,206 → 625 gives -48.17. Raises ComputeError ``missing_value`` when either value is
    None/NaN and ``zero_base`` when ``old`` is 0 (the change is undefined).
    """
    old_f, new_f = _require_number(old, "old"), _require_number(new, "new")
    if old_f == 0:
        raise ComputeError(
            "A percent change from zero is undefined.", code="zero_base", field="old"
        )
    return (new_f - old_f) / old_f * 100.0


def cagr(first: float, last: float, years: float) -> float:
    """Compound annual growth rate in percent: ``((last / first) ** (1 / years) - 1) * 100``.

    Assumes constant proportional change each year; 2,148 (2008) → 1,206 (2014) over
    ``years=6`` is -9.17% a year. Raises ComputeError ``missing_value``; ``zero_base``
    when ``first`` <= 0; ``negative_value`` when ``last`` < 0; ``bad_years`` when
    ``years`` <= 0.
    """
    first_f, last_f = _require_number(first, "first"), _require_number(last, "last")
    years_f = _require_number(years, "years")
    if first_f <= 0:
        raise ComputeError(
            "Growth from zero or a negative value is undefined.", code="zero_base", field="first"
        )
    if last_f < 0:
        raise ComputeError("The last value is negative.", code="negative_value", field="last")
    if years_f <= 0:
        raise ComputeError("The number of years must be positive.", code="bad_years", field="years")
    return ((last_f / first_f) ** (1.0 / years_f) - 1.0) * 100.0


def days_in_year(year: int) -> int:
    """365, or 366 in a leap year."""
    return 366 if calendar.isleap(year) else 365


def rate_per_day(
    count: float,
    start: date | str | pd.Timestamp | None = None,
    end: date | str | pd.Timestamp | None = None,
    *,
    year: int | None = None,
) -> float:
    """Events per day: ``count / days``.

    ``days`` is the number of calendar days from ``start`` to ``end``, both inclusive, or
    the length of calendar ``year`` (365 or 366) when ``year`` is given instead: 1,206
    attacks in 2014 are 1,206 / 365 = 3.30 a day. Raises ComputeError ``missing_value``
    (no count, or neither a year nor both dates), ``bad_window`` (end before start) and
    ``negative_value``.
    """
    count_f = _require_number(count, "count")
    if count_f < 0:
        raise ComputeError("The count is negative.", code="negative_value", field="count")
    if year is not None:
        days = days_in_year(int(year))
    elif start is not None and end is not None:
        days = (pd.Timestamp(end).normalize() - pd.Timestamp(start).normalize()).days + 1
        if days <= 0:
            raise ComputeError("The window ends before it starts.", code="bad_window", field="end")
    else:
        raise ComputeError(
            "Give either a year or both start and end dates.", code="missing_value", field="year"
        )
    return count_f / days
