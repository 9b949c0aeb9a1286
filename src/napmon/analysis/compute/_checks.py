"""Input checks shared by the monthly-series computations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import ComputeError


def require_monthly(counts: pd.Series) -> pd.Series:
    """Check ``counts`` is a gap-free monthly count series; return it on a PeriodIndex."""
    if not isinstance(counts, pd.Series):
        raise ComputeError(
            "Monthly counts must be a pandas Series.", code="bad_input", field="counts"
        )
    if counts.empty:
        raise ComputeError("The monthly series is empty.", code="empty", field="counts")
    index = counts.index
    if isinstance(index, pd.DatetimeIndex):
        index = index.to_period("M")
    if not isinstance(index, pd.PeriodIndex):
        raise ComputeError(
            "Monthly counts must be indexed by month.", code="bad_index", field="counts"
        )
    values = pd.to_numeric(counts, errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any() or (values != np.round(values)).any():
        raise ComputeError(
            "Counts must be whole, non-negative numbers.", code="bad_counts", field="counts"
        )
    out = pd.Series(values, index=index).sort_index()
    expected = pd.period_range(out.index[0], out.index[-1], freq="M")
    if len(out) != len(expected) or not (out.index == expected).all():
        raise ComputeError(
            "The monthly series has gaps or repeated months; zero-fill it first (series()).",
            code="gaps_in_series",
            field="counts",
        )
    return out
