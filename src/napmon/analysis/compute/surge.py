"""A surge tracker in the style of ACLED's: is an area's latest month far above its own
recent baseline? The threshold is a negative binomial upper quantile calibrated so that
series with no change rarely fire."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ComputeError

BASELINE_MONTHS = 12
QUANTILE = 0.99
MIN_EVENTS = 5


@dataclass(frozen=True)
class Surge:
    """One area's latest month against its baseline (the months before it)."""

    area: str
    month: pd.Timestamp
    events: int
    baseline_mean: float
    threshold: int
    surge: bool


def surge_threshold(baseline: np.ndarray, quantile: float = QUANTILE) -> int:
    """The count above which a month is a surge: the ``quantile`` of a negative binomial
    with the baseline's mean and variance (Poisson when the variance is not above the
    mean). Moment fit: ``alpha = (var - mean) / mean^2``.

    Calibration (tests/analysis/compute/test_surge.py): on simulated negative binomial
    series with no change and a 12-month baseline, it fires in under 5% of months.
    """
    from scipy import stats

    mean = float(np.mean(baseline))
    var = float(np.var(baseline, ddof=1)) if len(baseline) > 1 else mean
    if mean <= 0:
        return 0
    if var <= mean:
        return int(stats.poisson.ppf(quantile, mean))
    size = mean**2 / (var - mean)
    return int(stats.nbinom.ppf(quantile, size, size / (size + mean)))


def surges(
    table: pd.DataFrame,
    *,
    baseline_months: int = BASELINE_MONTHS,
    quantile: float = QUANTILE,
    min_events: int = MIN_EVENTS,
) -> list[Surge]:
    """For each area, its latest month against the ``baseline_months`` before it.

    ``table`` has columns ``area``, ``month`` and ``events``, zero-filled per area. A
    surge is a latest count above :func:`surge_threshold` and at least ``min_events``
    (one event more than none is not a surge). Areas with fewer than
    ``baseline_months + 1`` months are left out. Sorted: surges first, then by events.

    Raises ComputeError ``missing_column`` and ``bad_window``.
    """
    missing = {"area", "month", "events"} - set(table.columns)
    if missing:
        raise ComputeError(
            f"The table needs columns {', '.join(sorted(missing))}.",
            code="missing_column",
            field=sorted(missing)[0],
        )
    if not 3 <= baseline_months <= 60:
        raise ComputeError(
            "The baseline must be 3 to 60 months.", code="bad_window", field="baseline_months"
        )
    out = []
    for area, rows in table.sort_values("month").groupby("area", sort=True):
        counts = rows["events"].to_numpy(dtype=float)
        if len(counts) < baseline_months + 1:
            continue
        base, latest = counts[-baseline_months - 1 : -1], int(counts[-1])
        threshold = surge_threshold(base, quantile)
        out.append(
            Surge(
                area=str(area),
                month=pd.Timestamp(rows["month"].iloc[-1]),
                events=latest,
                baseline_mean=float(base.mean()),
                threshold=threshold,
                surge=latest > threshold and latest >= min_events,
            )
        )
    return sorted(out, key=lambda s: (not s.surge, -s.events))
