import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from napmon.analysis.compute.changepoints import PoissonCost, change_points
from napmon.analysis.compute.errors import ComputeError

MONTHS = pd.date_range("2012-01-01", periods=72, freq="MS")


def step_series(seed: int, before: float = 40, after: float = 20, at: int = 36) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(rng.poisson(np.where(np.arange(72) >= at, after, before)), index=MONTHS)


@pytest.mark.parametrize("method", ["pelt", "binseg"])
@pytest.mark.parametrize("cost", ["negative_binomial", "poisson", "l2"])
def test_step_is_found_at_the_right_month(method, cost):
    got = change_points(step_series(seed=0), method=method, cost=cost, subject="Attacks")
    assert got.breaks == (pd.Timestamp("2015-01-01"),)
    assert got.segments["months"].tolist() == [36, 36]
    assert got.segments["mean"].iloc[0] == pytest.approx(40, abs=2)
    assert got.segments["mean"].iloc[1] == pytest.approx(20, abs=2)


def test_segments_table_by_hand():
    counts = pd.Series([5, 5, 5, 5, 50, 50, 50, 50], index=MONTHS[:8])
    got = change_points(counts, min_size=2)
    expected = pd.DataFrame(
        {
            "start": pd.to_datetime(["2012-01-01", "2012-05-01"]),
            "end": pd.to_datetime(["2012-04-01", "2012-08-01"]),
            "months": [4, 4],
            "total": [20.0, 200.0],
            "mean": [5.0, 50.0],
        }
    )
    assert_frame_equal(got.segments, expected)
    assert got.sentence == (
        "The level of events changed in May 2012 (January 2012 to April 2012: 5.0 a month; "
        "May 2012 to August 2012: 50.0 a month)."
    )


@pytest.mark.parametrize("seed", range(5))
def test_no_break_in_a_stable_series(seed):
    counts = pd.Series(np.random.default_rng(seed).poisson(30, 72), index=MONTHS)
    got = change_points(counts)
    assert got.breaks == ()
    assert got.sentence.startswith("No change in the level of events was found")


def test_strict_penalty_is_three_log_n_and_bic_two():
    counts = step_series(seed=0)
    assert change_points(counts).penalty == pytest.approx(3 * np.log(72))
    assert change_points(counts, penalty="bic").penalty == pytest.approx(2 * np.log(72))


def test_poisson_cost_by_hand():
    cost = PoissonCost().fit(np.array([2.0, 4.0, 0.0, 0.0]))
    # Segment [2, 4]: S = 6, n = 2 → 2 (6 - 6 log 3); an all-zero segment costs 0.
    assert cost.error(0, 2) == pytest.approx(2 * (6 - 6 * np.log(3)))
    assert cost.error(2, 4) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"method": "window"}, "bad_method"),
        ({"cost": "rbf"}, "bad_cost"),
        ({"penalty": -1.0}, "bad_penalty"),
        ({"penalty": "aic"}, "bad_penalty"),
        ({"min_size": 40}, "too_few_points"),
    ],
)
def test_bad_arguments_are_refused(kwargs, code):
    with pytest.raises(ComputeError) as exc:
        change_points(step_series(seed=0), **kwargs)
    assert exc.value.code == code


def test_overdispersed_series_without_change_rarely_yield_a_change_point():
    from compute_synthetic import ar1_nb_counts

    rng = np.random.default_rng(31)
    clean = sum(
        not change_points(
            ar1_nb_counts(rng, n=96, rho=0.0, sd=1e-4, trend=0.0, alpha=0.1, base=30)
        ).breaks
        for _ in range(60)
    )
    assert clean >= 54  # at least 90%
    step = ar1_nb_counts(rng, n=96, rho=0.0, sd=1e-4, trend=0.0, alpha=0.1, base=30, level=0.4)
    found = change_points(step).breaks
    assert len(found) >= 1 and abs((found[0].year - 2014) * 12 + found[0].month - 1) <= 3


def test_negative_binomial_cost_by_hand():
    from napmon.analysis.compute.changepoints import NegativeBinomialCost

    cost = NegativeBinomialCost(alpha=0.5).fit(np.array([2.0, 4.0, 0.0, 0.0]))
    # r = 2; segment [2, 4]: n = 2, S = 6, m = 3 → -2 (2·2·log(2/5) + 6·log(3/5)).
    assert cost.error(0, 2) == pytest.approx(-2 * (4 * np.log(2 / 5) + 6 * np.log(3 / 5)))
    assert cost.error(2, 4) == 0.0


def test_poisson_cost_on_overdispersed_counts_is_scaled_by_their_dispersion():
    from compute_synthetic import ar1_nb_counts

    from napmon.analysis.compute.changepoints import robust_dispersion

    counts = ar1_nb_counts(np.random.default_rng(3), n=96, rho=0.0, sd=1e-4, trend=0.0)
    got = change_points(counts, cost="poisson")
    assert robust_dispersion(counts.to_numpy()) > 2
    assert got.penalty == pytest.approx(3 * np.log(96) * robust_dispersion(counts.to_numpy()))
