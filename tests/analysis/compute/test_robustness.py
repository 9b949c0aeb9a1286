import numpy as np
import pandas as pd
import pytest
from compute_synthetic import ar1_nb_counts

from napmon.analysis.compute.its import ModelSpec, interrupted_time_series
from napmon.analysis.compute.robustness import Placebo, Sensitivity, placebo_in_time, verdict


def _grid(cells):
    """cells: (window, break, ratio, p) → a Sensitivity table."""
    rows = pd.DataFrame(
        [
            {"break": pd.Timestamp(b), "break_label": b, "window": w, "family": "nb",
             "ratio": r, "ci_low": None, "ci_high": None, "p": p, "error": None}
            for w, b, r, p in cells
        ]
    )  # fmt: skip
    return Sensitivity(rows, int((rows["p"] < 0.05).sum()), len(rows))


def _placebo(p_value):
    return Placebo(pd.Timestamp("2014-12-01"), 0.5, pd.DataFrame(), p_value, 6, 0, "")


@pytest.mark.parametrize(
    ("cells", "placebo_p", "main_p", "expected"),
    [
        ([(24, "2014-06", 0.5, 0.01), (48, "2014-12", 0.6, 0.02)], 0.02, 0.01, "robust"),
        ([(24, "2014-06", 0.5, 0.01), (24, "2014-12", 0.6, 0.02),
          (48, "2014-06", 0.9, 0.40), (48, "2014-12", 0.5, 0.01)], 0.02, 0.01,
         "depends_on_break"),
        ([(24, "2014-06", 0.5, 0.01), (24, "2014-12", 0.6, 0.02),
          (48, "2014-06", 0.9, 0.40), (48, "2014-12", 0.9, 0.30)], 0.02, 0.01,
         "depends_on_window"),
        ([(24, "2014-06", 0.5, 0.01)], 0.02, 0.20, "not_supported"),
        ([(24, "2014-06", 0.5, 0.01)], 0.40, 0.01, "not_supported"),
        ([(24, "2014-06", 1.5, 0.01), (48, "2014-06", 0.9, 0.5), (48, "2014-12", 0.9, 0.5)],
         0.02, 0.01, "not_supported"),
    ],
)  # fmt: skip
def test_verdict_from_the_grid_and_placebo(cells, placebo_p, main_p, expected):
    code, sentence = verdict(0.5, main_p, _placebo(placebo_p), _grid(cells))
    assert code == expected
    assert sentence.split(":")[0] in (
        "Robust", "Depends on the window", "Depends on the break date and model", "Not supported"
    )  # fmt: skip


def test_placebo_p_value_is_small_for_a_large_real_change():
    rng = np.random.default_rng(51)
    counts = ar1_nb_counts(
        rng, n=96, at=72, level=0.2, rho=0.0, sd=1e-4, alpha=0.02, start="2008-01"
    )
    spec = ModelSpec(window=12, transition=0, seasonality=None, min_points=12)
    real = interrupted_time_series(counts, "2014-01-01", spec)
    got = placebo_in_time(counts, "2014-01-01", spec, real_ratio=real.level_ratio, step=3)
    assert len(got.rows) >= 10 and got.p_value == pytest.approx(1 / (1 + len(got.rows)))
    assert got.rows["month"].max() <= pd.Timestamp("2013-01-01")  # windows end before 2014
    assert got.sentence.startswith(f"Of {len(got.rows)} placebo breaks before January 2014")
