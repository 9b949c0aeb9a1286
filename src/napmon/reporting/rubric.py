"""The rating rubric of six-monthly reviews (pure; documented in docs/rating-rubric.md).

``propose`` turns a point's indicator series, its reporting rate and (when known)
its outcome trend into a proposed rating with every number that produced it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

# Progress bands (Open SDG style): the ratio of the observed compound growth rate
# to the rate needed to reach the target on time.
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.5
SCORES = {
    "achieved": 1.0,
    "on_track": 1.0,
    "moderate": 0.6,
    "limited": 0.3,
    "deteriorating": 0.0,
    "improving": 0.8,
    "stable": 0.5,
    "worsening": 0.2,
}
STABLE_BAND_PCT = 5.0
NO_DATA_BASE = 0.5
LOW_RATE, HIGH_RATE = 0.5, 0.9
LOW_RATE_PENALTY, HIGH_RATE_BONUS = -0.15, 0.05
OUTCOME_BAND_PCT, OUTCOME_STEP = 10.0, 0.1
SATISFACTORY_FROM, MIXED_FROM = 0.67, 0.4


@dataclass(frozen=True)
class Series:
    name: str
    direction: str  # higher / lower / neutral
    points: Sequence[tuple[date, float]]
    baseline: tuple[int, float] | None = None  # (year, value)
    target: tuple[int, float] | None = None


@dataclass
class Proposal:
    rating: str
    score: float
    base: float
    adjustments: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "rating": self.rating,
            "score": round(self.score, 3),
            "base": round(self.base, 3),
            "adjustments": self.adjustments,
            "indicators": self.indicators,
            "notes": self.notes,
        }


def _years(start: date, end: date) -> float:
    return max((end - start).days / 365.25, 1 / 12)


def _cagr(first: float, last: float, years: float) -> float | None:
    if first <= 0 or last <= 0:
        return None
    return (last / first) ** (1 / years) - 1


def target_band(series: Series) -> tuple[str, dict] | None:
    """Band from progress towards the target, or ``None`` when it cannot be computed."""
    if not (series.target and series.baseline and series.points):
        return None
    (b_year, b_value), (t_year, t_value) = series.baseline, series.target
    last_day, last = series.points[-1]
    better = 1 if t_value >= b_value else -1
    if (last - t_value) * better >= 0:
        return "achieved", {"latest": last, "target": t_value}
    start = date(b_year, 1, 1)
    needed = _cagr(b_value, t_value, _years(start, date(t_year, 12, 31)))
    actual = _cagr(b_value, last, _years(start, last_day))
    if needed in (None, 0) or actual is None:
        return None
    ratio = actual / needed
    numbers = {"needed_cagr": round(needed, 4), "actual_cagr": round(actual, 4)}
    numbers["ratio"] = round(ratio, 3)
    if ratio >= ON_TRACK_RATIO:
        return "on_track", numbers
    if ratio >= MODERATE_RATIO:
        return "moderate", numbers
    return ("limited" if ratio >= 0 else "deteriorating"), numbers


def trend_band(series: Series) -> tuple[str, dict] | None:
    """Band from the direction of change between the first and last value."""
    if series.direction not in ("higher", "lower") or len(series.points) < 2:
        return None
    first, last = series.points[0][1], series.points[-1][1]
    if first == 0:
        return None
    pct = (last - first) / abs(first) * 100
    good = pct if series.direction == "higher" else -pct
    numbers = {"first": first, "last": last, "change_pct": round(pct, 1)}
    if good >= STABLE_BAND_PCT:
        return "improving", numbers
    if good > -STABLE_BAND_PCT:
        return "stable", numbers
    return "worsening", numbers


def _rating(score: float) -> str:
    if score >= SATISFACTORY_FROM:
        return "satisfactory"
    if score >= MIXED_FROM:
        return "mixed"
    return "unsatisfactory"


def _adjust(
    rate: float | None,
    outcome_pct: float | None,
    outcome_direction: str,
    outcome_basis: dict | None = None,
):
    adjustments = []
    if rate is not None and rate < LOW_RATE:
        adjustments.append(
            {"reason": "reporting_rate_low", "rate": rate, "delta": LOW_RATE_PENALTY}
        )
    elif rate is not None and rate >= HIGH_RATE:
        adjustments.append(
            {"reason": "reporting_rate_high", "rate": rate, "delta": HIGH_RATE_BONUS}
        )
    if outcome_pct is not None:
        good = -outcome_pct if outcome_direction == "lower" else outcome_pct
        basis = {"basis": outcome_basis} if outcome_basis else {}
        if good >= OUTCOME_BAND_PCT:
            adjustments.append(
                {"reason": "outcome_better", "change_pct": outcome_pct, "delta": OUTCOME_STEP}
                | basis
            )
        elif good <= -OUTCOME_BAND_PCT:
            adjustments.append(
                {"reason": "outcome_worse", "change_pct": outcome_pct, "delta": -OUTCOME_STEP}
                | basis
            )
    return adjustments


def propose(
    series: Sequence[Series],
    reporting_rate: float | None,
    outcome_change_pct: float | None = None,
    outcome_direction: str = "lower",
    outcome_basis: dict | None = None,
) -> Proposal:
    """Proposed rating: mean indicator band score, then rate and outcome adjustments.

    ``outcome_basis`` (what the outcome change was measured on: dataset, measure, halves,
    values) is kept with the outcome adjustment so the stored proposal can be followed.
    """
    indicators, scores, notes = [], [], []
    for item in series:
        band = target_band(item) or trend_band(item)
        row = {"indicator": item.name, "values": len(item.points), "band": None, "score": None}
        if band:
            row.update(band=band[0], score=SCORES[band[0]], numbers=band[1])
            scores.append(SCORES[band[0]])
        indicators.append(row)
    if scores:
        base = sum(scores) / len(scores)
    else:
        base = NO_DATA_BASE
        notes.append("no_measurable_indicator")
    adjustments = _adjust(reporting_rate, outcome_change_pct, outcome_direction, outcome_basis)
    if outcome_change_pct is None:
        notes.append("no_outcome_data")
    score = min(1.0, max(0.0, base + sum(a["delta"] for a in adjustments)))
    return Proposal(_rating(score), score, base, adjustments, indicators, notes)
