import math

import pytest
from compute_synthetic import events_on
from scipy import stats

from napmon.analysis.compute.before_after import before_after, rate_ratio_ci
from napmon.analysis.compute.errors import ComputeError

Z = 1.959963984540054


def test_pips_2014_against_2015_by_hand(pips_attacks):
    got = before_after(pips_attacks, "2015-01-01", before=12, unit="months", subject="Attacks")
    # Hand computation: equal 365-day windows, so RR = 625 / 1206.
    rr = 625 / 1206
    se = math.sqrt(1 / 1206 + 1 / 625)
    assert (got.before_count, got.after_count) == (1206, 625)
    assert (got.before_days, got.after_days) == (365, 365)
    assert got.before_rate_per_day == pytest.approx(3.3041, abs=1e-4)
    assert got.rate_ratio == pytest.approx(rr)
    assert got.ci_low == pytest.approx(rr * math.exp(-Z * se))
    assert got.ci_high == pytest.approx(rr * math.exp(Z * se))
    assert (round(got.ci_low, 3), round(got.ci_high, 3)) == (0.471, 0.571)
    assert got.percent_change == pytest.approx(-48.1758, abs=1e-4)
    assert not got.continuity_corrected
    assert got.sentence.startswith("Attacks fell by 48% (95% CI 43% to 53%)")


def test_unequal_month_lengths_use_rates_per_day():
    # 28 events in February 2015 (28 days) against 31 in March (31 days): same rate.
    ev = events_on({"2015-02-10": 28, "2015-03-10": 31})
    got = before_after(ev, "2015-03-01", before=1, unit="months")
    assert (got.before_days, got.after_days) == (28, 31)
    assert got.rate_ratio == pytest.approx(1.0)


def test_day_windows_and_intervention_day_counts_after():
    ev = events_on({"2024-06-12": 10, "2024-06-22": 4, "2024-06-25": 2})
    got = before_after(ev, "2024-06-22", before=10, after=10, unit="days")
    assert (got.before_count, got.after_count) == (10, 6)
    assert got.rate_ratio == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("a", "b", "expected_ratio"),
    [
        (0, 8, (8.5 / 10) / (0.5 / 10)),  # 0.5 added to both counts
        (8, 0, (0.5 / 10) / (8.5 / 10)),
    ],
)
def test_wald_zero_count_uses_documented_continuity_correction(a, b, expected_ratio):
    ratio, low, high, p, corrected = rate_ratio_ci(a, 10, b, 10)
    se = math.sqrt(1 / (a + 0.5) + 1 / (b + 0.5))
    assert corrected
    assert ratio == pytest.approx(expected_ratio)
    assert (low, high) == pytest.approx((ratio * math.exp(-Z * se), ratio * math.exp(Z * se)))


@pytest.mark.parametrize(
    ("a", "b", "open_end"),
    [(0, 8, "high"), (8, 0, "low")],
)
def test_exact_zero_count_gives_open_interval(a, b, open_end):
    ratio, low, high, p, corrected = rate_ratio_ci(a, 10, b, 10, method="exact")
    assert not corrected
    if open_end == "high":
        assert math.isinf(ratio) and math.isinf(high) and low > 1
    else:
        assert ratio == 0 and low == 0 and high < 1


def test_exact_interval_matches_clopper_pearson_by_hand():
    # Conditional on 30 events, after-share p ~ Beta quantiles; equal exposures so RR = p/(1-p).
    ratio, low, high, p, _ = rate_ratio_ci(20, 100, 10, 100, method="exact")
    p_low = stats.beta.ppf(0.025, 10, 21)
    p_high = stats.beta.ppf(0.975, 11, 20)
    assert ratio == pytest.approx(0.5)
    assert (low, high) == pytest.approx((p_low / (1 - p_low), p_high / (1 - p_high)))
    assert p == pytest.approx(stats.binomtest(10, 30, 0.5).pvalue)


def test_no_events_in_either_window_has_no_ratio():
    got = before_after(events_on({"2010-01-01": 3}), "2015-01-01", before=6)
    assert got.rate_ratio is None and got.ci_low is None
    assert got.sentence.startswith("No events in either window")


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"before": 0}, "bad_window", "before"),
        ({"before": 6, "unit": "weeks"}, "bad_unit", "unit"),
        ({"before": 6, "method": "bayes"}, "bad_method", "method"),
        ({"before": 12, "coverage": ("2014-06-01", "2015-12-31")}, "window_beyond_data", "before"),
        ({"before": 12, "coverage": ("2014-01-01", "2015-06-30")}, "window_beyond_data", "after"),
    ],
)
def test_bad_windows_are_refused(pips_attacks, kwargs, code, field):
    with pytest.raises(ComputeError) as exc:
        before_after(pips_attacks, "2015-01-01", **kwargs)
    assert (exc.value.code, exc.value.field) == (code, field)
