import numpy as np
import pandas as pd
import pytest
from compute_synthetic import INTERVENTION, MONTHS, nb_counts, poisson_counts

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.its import interrupted_time_series

TRUE_LEVEL = 0.5
# The synthetic series are 72 months with the step at month 36: fit them whole, with the
# break month in the fit, so the known answers below hold.
WHOLE = {"window": None, "transition": 0, "seasonality": None}


@pytest.mark.parametrize(
    ("family", "make"),
    [("poisson", poisson_counts), ("negative_binomial", nb_counts), ("auto", nb_counts)],
)
def test_known_level_change_is_recovered(family, make):
    counts = make(seed=0)
    got = interrupted_time_series(counts, INTERVENTION, family=family, subject="Attacks", **WHOLE)
    assert got.level_ci[0] < TRUE_LEVEL < got.level_ci[1]
    assert got.slope_ci[0] < 1.0 < got.slope_ci[1]
    assert got.pre_trend_ratio == pytest.approx(1.0, abs=0.02)
    assert (got.n_before, got.n_after) == (36, 36)
    assert got.intervention_month == pd.Timestamp("2015-01-01")


def test_auto_chooses_negative_binomial_on_overdispersed_data():
    got = interrupted_time_series(nb_counts(seed=0, alpha=0.1), INTERVENTION, **WHOLE)
    assert got.family == "negative_binomial"
    assert got.dispersion > 2 and got.dispersion_p < 0.05
    assert got.alpha == pytest.approx(0.1, abs=0.06)


def test_auto_keeps_poisson_on_poisson_data():
    got = interrupted_time_series(poisson_counts(seed=0), INTERVENTION, **WHOLE)
    assert got.family == "poisson"
    assert got.alpha is None
    assert got.dispersion == pytest.approx(1.0, abs=0.35)


@pytest.mark.parametrize(("family", "make"), [("poisson", poisson_counts), ("auto", nb_counts)])
def test_confidence_intervals_cover_the_true_level_change(family, make):
    # 95% intervals should contain the true ratio in about 95 of 100 simulated series.
    covered = sum(
        lo < TRUE_LEVEL < hi
        for lo, hi in (
            interrupted_time_series(make(seed=s), INTERVENTION, family=family, **WHOLE).level_ci
            for s in range(60)
        )
    )
    assert covered >= 54


def test_poisson_on_overdispersed_counts_is_warned_about():
    got = interrupted_time_series(nb_counts(seed=0), INTERVENTION, family="poisson", **WHOLE)
    assert got.family == "poisson" and got.dispersion > 2
    assert got.warnings[0].startswith(
        f"Poisson was chosen although the counts are overdispersed (Pearson chi2/df "
        f"{got.dispersion:.2f}, p < 0.001)"
    )
    auto = interrupted_time_series(nb_counts(seed=0), INTERVENTION, **WHOLE)
    assert not any("Poisson was chosen" in w for w in auto.warnings)


def test_window_is_symmetric_and_clipped_and_transition_left_out():
    counts = poisson_counts(seed=0)  # Jan 2012 .. Dec 2017, break Jan 2015
    got = interrupted_time_series(counts, INTERVENTION, window=24, transition=2)
    assert (got.window_start, got.window_end) == (pd.Timestamp("2013-01-01"), MONTHS[59])
    assert (got.n_before, got.n_after, got.transition) == (24, 22, 2)
    assert got.first_post_month == pd.Timestamp("2015-03-01")
    assert got.months["in_fit"].tolist().count(False) == 2
    clipped = interrupted_time_series(counts, INTERVENTION, window=48)
    assert (clipped.window_start, clipped.window_end) == (MONTHS[0], MONTHS[-1])
    assert (clipped.n_before, clipped.n_after) == (36, 35)


def test_cumulative_difference_is_expected_minus_counterfactual():
    got = interrupted_time_series(poisson_counts(seed=0), INTERVENTION, **WHOLE)
    post = got.months[got.months["month"] >= INTERVENTION]
    assert got.cumulative_difference == pytest.approx(
        (post["fitted"] - post["counterfactual"]).sum()
    )
    # Half the rate after the break: about half the counterfactual is missing.
    assert got.cumulative_percent == pytest.approx(-50, abs=8)
    assert got.cumulative_ci[0] < got.cumulative_difference < got.cumulative_ci[1] < 0


def test_diagnostics_are_reported():
    got = interrupted_time_series(poisson_counts(seed=0), INTERVENTION, **WHOLE)
    assert got.ljung_box_lags == 12 and 0 <= got.ljung_box_p <= 1
    assert -1 < got.residual_autocorrelation < 1 and 0 <= got.ar1_rho <= 0.95
    assert got.hac_lag == len(got.months) - 1 and 0 <= got.ar_decay <= 0.95


@pytest.mark.parametrize("seasonality", ["fourier", "dummies"])
def test_seasonal_terms_recover_level_change(seasonality):
    month = MONTHS.month.to_numpy()
    rng = np.random.default_rng(3)
    season = np.exp(0.3 * np.cos(2 * np.pi * month / 12))
    base = poisson_counts(seed=0)  # only for the index
    counts = pd.Series(
        rng.poisson(40 * season * np.where(np.arange(72) >= 36, 0.5, 1.0)), index=base.index
    )
    got = interrupted_time_series(
        counts,
        INTERVENTION,
        seasonality=seasonality,
        offset=None,
        family="poisson",
        window=None,
        transition=0,
    )
    assert got.level_ci[0] < TRUE_LEVEL < got.level_ci[1]


def test_sentence_states_fall_with_interval_and_model():
    got = interrupted_time_series(poisson_counts(seed=0), INTERVENTION, subject="Attacks", **WHOLE)
    lo, hi = got.level_ci
    fall = f"{(1 - got.level_ratio) * 100:.0f}%"
    assert got.sentence.startswith(
        f"Attacks fell by {fall} (95% CI {(1 - hi) * 100:.0f}% to {(1 - lo) * 100:.0f}%) "
        "at the break in January 2015 compared with the pre-break trend"
    )
    assert (
        "Poisson segmented regression on Jan 2012 to Dec 2017 "
        "(36 months before, 36 after, 0 transition" in got.sentence
    )
    assert got.sentence.endswith("an association, not proof that the break caused the change.")


@pytest.mark.parametrize(("before", "after"), [(5, 30), (30, 5)])
def test_too_few_months_on_either_side_is_refused(before, after):
    counts = poisson_counts(seed=0).iloc[36 - before : 36 + after]
    with pytest.raises(ComputeError) as exc:
        interrupted_time_series(counts, INTERVENTION, min_points=6, **WHOLE)
    assert (exc.value.code, exc.value.field) == ("too_few_points", "intervention")


@pytest.mark.parametrize(
    ("counts", "kwargs", "code"),
    [
        (poisson_counts(seed=0).drop(MONTHS[10]), {}, "gaps_in_series"),
        (poisson_counts(seed=0).astype(float).mask(np.arange(72) == 3, 2.5), {}, "bad_counts"),
        (poisson_counts(seed=0).where(MONTHS < INTERVENTION, 0), {}, "no_events_on_one_side"),
        (poisson_counts(seed=0), {"family": "gaussian"}, "bad_family"),
        (poisson_counts(seed=0), {"offset": "weeks"}, "bad_offset"),
        (poisson_counts(seed=0), {"seasonality": "weekly"}, "bad_seasonality"),
        (poisson_counts(seed=0), {"window": 3}, "bad_window"),
        (poisson_counts(seed=0), {"transition": 30}, "bad_transition"),
        (poisson_counts(seed=0), {"hac_lag": -1}, "bad_hac_lag"),
        (poisson_counts(seed=0).iloc[28:44], {"seasonality": "dummies"}, "too_few_points"),
        (poisson_counts(seed=0).iloc[24:48], {"seasonality": "dummies"}, "model_not_identifiable"),
    ],
)
def test_bad_input_is_refused_with_a_code(counts, kwargs, code):
    with pytest.raises(ComputeError) as exc:
        interrupted_time_series(counts, INTERVENTION, **{**WHOLE, "min_points": 6, **kwargs})
    assert exc.value.code == code
