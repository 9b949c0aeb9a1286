"""Known answers by simulation: coverage, false positives and placebo p-values.

Small on purpose (fixed seeds, a hundred to three hundred runs each) so CI stays fast; larger runs
are in benchmarks/its_simulation.py. Series: 96 months, break at month 48, AR(1) noise
with rho 0.4 on the log rate plus negative binomial overdispersion.
"""

import numpy as np
import pandas as pd
from compute_synthetic import ar1_nb_counts

from napmon.analysis.compute.before_after import robust_before_after
from napmon.analysis.compute.its import ModelSpec, interrupted_time_series
from napmon.analysis.compute.robustness import placebo_in_time

BREAK = pd.Timestamp("2014-01-01")  # month 48 of series starting January 2010
SPEC = {"transition": 0}


def test_intervals_cover_a_known_level_change():
    # 90-97% of 95% intervals cover the truth (docs/analysis.md: about 95.5% in 800 runs).
    rng = np.random.default_rng(11)
    runs = [
        interrupted_time_series(ar1_nb_counts(rng, level=0.6), BREAK, **SPEC) for _ in range(200)
    ]
    level = sum(r.level_ci[0] < 0.6 < r.level_ci[1] for r in runs)
    slope = sum(r.slope_ci[0] < 1.0 < r.slope_ci[1] for r in runs)
    assert 0.90 * 200 <= level <= 0.97 * 200
    assert 0.90 * 200 <= slope <= 0.97 * 200


def test_no_effect_with_autocorrelation_is_rarely_significant():
    rng = np.random.default_rng(12)
    # 300 runs: with a true size near 5%, 100 runs would exceed 7 by chance one time in five.
    runs = [interrupted_time_series(ar1_nb_counts(rng), BREAK, **SPEC) for _ in range(300)]
    assert sum(r.level_p < 0.05 for r in runs) <= 0.07 * 300
    assert sum(r.slope_p < 0.05 for r in runs) <= 0.07 * 300


def test_placebo_p_value_is_roughly_uniform_without_an_effect():
    rng = np.random.default_rng(13)
    spec = ModelSpec(window=12, transition=0, seasonality=None, min_points=12)
    p_values = []
    for _ in range(40):
        counts = ar1_nb_counts(rng, n=84, at=72, start="2008-01")
        real = interrupted_time_series(counts, "2014-01-01", spec)
        placebo = placebo_in_time(counts, "2014-01-01", spec, real_ratio=real.level_ratio, step=4)
        p_values.append(placebo.p_value)
    p = np.array(p_values)
    assert 0.35 <= p.mean() <= 0.65
    assert 0.03 <= (p <= 0.2).mean() <= 0.4
    assert 0.03 <= (p > 0.8).mean() <= 0.4


def test_before_after_without_a_change_is_rarely_significant():
    rng = np.random.default_rng(14)
    runs = [
        robust_before_after(ar1_nb_counts(rng, n=48, trend=0.0), "2012-01-01", before=12)
        for _ in range(100)
    ]
    assert sum(r.p_value < 0.05 for r in runs) <= 7
