"""A GTI-style terrorism index per region and year.

This is NAP Monitor's own index, *inspired by* the published method of the Global
Terrorism Index; it is not the official Global Terrorism Index of the Institute for
Economics and Peace, uses different data and omits its property-damage and hostage
terms, and its scores are not comparable with the official ones. Every output says so:
each row has ``label == "GTI-style"`` and :data:`DESCRIPTION` is the full wording.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ComputeError

LABEL = "GTI-style"
DESCRIPTION = (
    "GTI-style index computed by NAP Monitor from the events in this database; "
    "not the official Global Terrorism Index and not comparable with it."
)
COUNT_COLUMNS = ("incidents", "deaths", "injuries")
BANDS = 19  # equal log-width bands between the smallest and largest non-zero score


@dataclass(frozen=True)
class GTIWeights:
    """Weights of the yearly raw score and of the five-year weighting.

    ``raw = incidents * incidents_w + deaths * deaths_w + injuries * injuries_w``;
    ``years[0]`` weighs the current year, ``years[4]`` the year four years earlier.
    """

    incidents: float = 1.0
    deaths: float = 3.0
    injuries: float = 0.5
    years: tuple[float, ...] = (16.0, 8.0, 4.0, 2.0, 1.0)


def _validate(annual: pd.DataFrame, by: str, weights: GTIWeights) -> None:
    for col in (by, "year", *COUNT_COLUMNS):
        if col not in annual.columns:
            raise ComputeError(
                f"The annual table has no {col!r} column.", code="missing_column", field=col
            )
    if annual.duplicated([by, "year"]).any():
        raise ComputeError(f"Each {by} and year must appear once.", code="duplicate_rows", field=by)
    if (annual[list(COUNT_COLUMNS)] < 0).any().any():
        raise ComputeError("Counts cannot be negative.", code="negative_value")
    if annual["incidents"].isna().any():
        raise ComputeError(
            "Every row needs an incident count.", code="missing_value", field="incidents"
        )
    if not weights.years or any(
        w < 0 for w in (weights.incidents, weights.deaths, weights.injuries, *weights.years)
    ):
        raise ComputeError(
            "Weights must be non-negative and years non-empty.", code="bad_weights", field="weights"
        )


def band_scores(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map non-negative weighted scores onto 0–10 with a log scale; return (banded, continuous).

    0 stays 0 (no terrorism). For ``x > 0``, with ``lo`` and ``hi`` the smallest and
    largest non-zero values in ``values``: ``p = (ln x - ln lo) / (ln hi - ln lo)`` and the
    continuous score is ``0.5 + 9.5 p``; the banded score is ``0.5 + floor(19 p) / 2``,
    i.e. 19 equal bands on the log scale scored 0.5, 1.0, ..., 9.5, with the largest value
    alone at 10. When all non-zero values are equal they score 10. The scale is relative
    to ``values``: adding regions or years changes every score.
    """
    x = values.astype(float)
    positive = x[x > 0]
    banded = pd.Series(0.0, index=x.index)
    continuous = pd.Series(0.0, index=x.index)
    if positive.empty:
        return banded, continuous
    lo, hi = math.log(positive.min()), math.log(positive.max())
    if hi == lo:
        banded[x > 0] = 10.0
        continuous[x > 0] = 10.0
        return banded, continuous
    p = ((np.log(positive) - lo) / (hi - lo)).clip(0.0, 1.0)
    banded[positive.index] = 0.5 + np.floor(p * BANDS + 1e-9) / 2
    continuous[positive.index] = 0.5 + 9.5 * p
    return banded, continuous


def gti_style_index(
    annual: pd.DataFrame,
    *,
    by: str = "province",
    weights: GTIWeights | None = None,
    first_year: int | None = None,
) -> pd.DataFrame:
    """GTI-style score per ``by`` (e.g. province) and year. Not the official GTI.

    Input: one row per region and year with ``incidents``, ``deaths`` and ``injuries``
    (e.g. ``series(events, "year", by="province")`` renamed); unknown deaths/injuries
    (NaN) count as 0 and set ``has_unknown``. Years without a row between ``first_year``
    (default: the earliest year in the table, taken as the start of the data) and the
    last year count as 0 for that region.

    Method: ``raw`` is the weighted sum of the year's counts (defaults: incidents 1,
    deaths 3, injuries 0.5; see :class:`GTIWeights`). ``weighted`` is the weighted average
    of the raw scores of the year and the four before it, weights 16, 8, 4, 2, 1 (current
    year first) divided by their sum (31). Years before ``first_year`` are unknown and
    count as 0; ``complete_window`` is False for the rows they affect. ``score`` is the
    log-banded 0–10 value of ``weighted`` over the whole output (:func:`band_scores`),
    ``score_continuous`` its unbanded value. ``label`` is ``"GTI-style"`` on every row.

    Raises ComputeError: ``missing_column``, ``duplicate_rows``, ``negative_value``,
    ``missing_value`` (no incident count) and ``bad_weights``.
    """
    weights = weights or GTIWeights()
    _validate(annual, by, weights)
    start = int(annual["year"].min()) if first_year is None else int(first_year)
    end = int(annual["year"].max())
    regions = sorted(annual[by].unique(), key=str)
    grid = pd.MultiIndex.from_product([regions, range(start, end + 1)], names=[by, "year"])
    table = annual.assign(year=annual["year"].astype(int)).set_index([by, "year"]).reindex(grid)
    unknown = table[["deaths", "injuries"]].isna().any(axis=1) & table["incidents"].notna()
    counts = table[list(COUNT_COLUMNS)].fillna(0.0).astype(float)
    raw = counts["incidents"] * weights.incidents + counts["deaths"] * weights.deaths
    raw = raw + counts["injuries"] * weights.injuries

    raw_wide = raw.unstack(by)
    unknown_wide = unknown.unstack(by).astype(float)
    weighted = pd.DataFrame(0.0, index=raw_wide.index, columns=raw_wide.columns)
    any_unknown = pd.DataFrame(0.0, index=raw_wide.index, columns=raw_wide.columns)
    for lag, w in enumerate(weights.years):
        weighted += raw_wide.shift(lag).fillna(0.0) * w
        any_unknown += unknown_wide.shift(lag).fillna(0.0)
    weighted /= sum(weights.years)

    out = counts.reset_index()
    out["raw"] = raw.to_numpy()
    out["weighted"] = weighted.stack().reorder_levels([by, "year"]).reindex(grid).to_numpy()
    out["score"], out["score_continuous"] = band_scores(out["weighted"])
    out["complete_window"] = out["year"] - (len(weights.years) - 1) >= start
    out["has_unknown"] = (
        any_unknown.stack().reorder_levels([by, "year"]).reindex(grid).to_numpy() > 0
    )
    out["label"] = LABEL
    return out
