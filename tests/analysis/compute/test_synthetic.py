"""Synthetic control with known answers on simulated panels."""

import numpy as np
import pandas as pd
import pytest

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.synthetic import donor_weights, synthetic_control

MONTHS = pd.period_range("2010-01", periods=60, freq="M")
BREAK = "2013-01-01"  # month 36


def _donors(seed: int, k: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = np.arange(len(MONTHS))
    cols = {}
    for j in range(k):
        wave = 20 + 10 * np.sin(2 * np.pi * (t + 7 * j) / (18 + 3 * j)) + 0.2 * j * t
        cols[f"D{j}"] = wave + rng.normal(0, 1, len(t))
    return pd.DataFrame(cols, index=MONTHS)


def test_an_exact_convex_combination_recovers_its_weights():
    panel = _donors(1)
    truth = {"D0": 0.5, "D2": 0.3, "D4": 0.2}
    panel["T"] = sum(w * panel[d] for d, w in truth.items())
    got = synthetic_control(panel, "T", BREAK, normalise=False)
    for donor, weight in got.weights.items():
        assert weight == pytest.approx(truth.get(donor, 0.0), abs=0.01)
    assert sum(got.weights.values()) == pytest.approx(1.0)
    assert got.pre_rmspe == pytest.approx(0.0, abs=0.05)
    assert got.mean_gap == pytest.approx(0.0, abs=0.05)


def test_an_injected_effect_is_estimated_and_ranks_first():
    panel = _donors(2)
    panel["T"] = 0.6 * panel["D1"] + 0.4 * panel["D3"]
    post = np.asarray(panel.index >= pd.Period(BREAK, "M"))
    panel.loc[post, "T"] -= 8.0
    got = synthetic_control(panel, "T", BREAK, normalise=False)
    assert got.mean_gap == pytest.approx(-8.0, abs=0.5)
    assert got.ratio > got.placebos["ratio"].max()
    assert got.p_value == pytest.approx(1 / 7)  # the smallest possible with 6 donors
    assert got.min_p_value == pytest.approx(1 / 7)
    assert "cannot be below 0.14" in got.limits[0]
    assert "An association, not proof of cause." in got.sentence


def test_weights_are_non_negative_and_sum_to_one_when_no_mix_fits():
    rng = np.random.default_rng(3)
    donors = rng.normal(10, 2, size=(30, 4))
    target = rng.normal(30, 2, size=30)  # far outside the donors' convex hull
    w = donor_weights(target, donors)
    assert (w >= 0).all() and w.sum() == pytest.approx(1.0)


def test_a_unit_outside_the_convex_hull_is_flagged():
    panel = _donors(4)
    panel["T"] = panel.max(axis=1) * 3  # bigger than every donor
    raw = synthetic_control(panel, "T", BREAK, normalise=False)
    assert any("convex hull" in s and "poor" in s for s in raw.limits)
    scaled = synthetic_control(panel, "T", BREAK, normalise=True)
    assert scaled.pre_rmspe < raw.pre_rmspe / 3  # in shape, the mix fits


def test_normalised_fit_reports_percent_of_the_pre_break_mean():
    panel = _donors(5)
    panel["T"] = 2 * (0.5 * panel["D0"] + 0.5 * panel["D5"])
    got = synthetic_control(panel, "T", BREAK, labels={"T": "Treated"})
    assert got.months["treated"][: got.n_pre].mean() == pytest.approx(100.0)
    assert "(100 = each area's own pre-break mean)" in got.sentence and "Treated" in got.sentence


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda p: p[["T", "D0"]], "too_few_donors"),
        (lambda p: p.iloc[32:40], "too_few_points"),
        (lambda p: p.assign(D0=np.nan), "bad_counts"),
        (lambda p: p.assign(D0=0.0), "no_events_before"),
    ],
)
def test_impossible_panels_are_refused(change, code):
    panel = _donors(6)
    panel["T"] = panel.mean(axis=1)
    with pytest.raises(ComputeError) as exc:
        synthetic_control(change(panel), "T", BREAK)
    assert exc.value.code == code
