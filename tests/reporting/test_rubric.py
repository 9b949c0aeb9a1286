"""The rating rubric: bands, adjustments and thresholds on plain series (no database)."""

from datetime import date

import pytest

from napmon.reporting.rubric import Series, propose, target_band, trend_band


def series(values, direction="higher", baseline=None, target=None):
    points = [(date(2025, i + 1, 28), float(v)) for i, v in enumerate(values)]
    return Series("x", direction, points, baseline, target)


@pytest.mark.parametrize(
    ("values", "direction", "band"),
    [
        ([100, 110], "higher", "improving"),
        ([100, 102], "higher", "stable"),
        ([100, 80], "higher", "worsening"),
        ([100, 80], "lower", "improving"),
        ([100, 120], "lower", "worsening"),
        ([100, 120], "neutral", None),
        ([100], "higher", None),
    ],
)
def test_trend_bands(values, direction, band):
    result = trend_band(series(values, direction))
    assert (result[0] if result else None) == band


@pytest.mark.parametrize(
    ("latest", "band"),
    [
        (200, "achieved"),
        (150, "on_track"),
        (130, "moderate"),
        (105, "limited"),
        (90, "deteriorating"),
    ],
)
def test_target_bands_compare_growth_rates(latest, band):
    s = series([latest], baseline=(2024, 100.0), target=(2025, 200.0))
    assert target_band(s)[0] == band


def test_proposal_shows_its_numbers_and_adjustments():
    proposal = propose([series([100, 110]), series([100, 80], "lower")], reporting_rate=0.3)
    data = proposal.as_dict()
    assert data["base"] == 0.8
    assert data["adjustments"] == [{"reason": "reporting_rate_low", "rate": 0.3, "delta": -0.15}]
    assert data["score"] == 0.65 and data["rating"] == "mixed"
    assert "no_outcome_data" in data["notes"]
    assert [i["band"] for i in data["indicators"]] == ["improving", "improving"]


@pytest.mark.parametrize(
    ("values", "rate", "outcome", "rating"),
    [
        ([100, 110], 1.0, None, "satisfactory"),
        ([100, 102], 1.0, None, "mixed"),
        ([100, 80], 1.0, None, "unsatisfactory"),
        ([100, 102], 1.0, -20.0, "mixed"),  # 0.5 + 0.05 + 0.1 = 0.65: just below satisfactory
        ([100, 80], 1.0, -20.0, "unsatisfactory"),  # 0.2 + 0.05 + 0.1 = 0.35 < 0.4
        ([100, 110], 0.2, 30.0, "mixed"),
    ],
)
def test_rating_thresholds(values, rate, outcome, rating):
    assert propose([series(values)], rate, outcome).rating == rating


def test_no_measurable_indicator_starts_at_mid_point():
    proposal = propose([series([5, 7], "neutral")], None)
    assert proposal.base == 0.5 and proposal.rating == "mixed"
    assert "no_measurable_indicator" in proposal.notes
