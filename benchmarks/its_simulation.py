"""Larger simulation runs of the ITS and before/after tests than CI affords.

Usage: .venv/bin/python benchmarks/its_simulation.py [runs]   (default 500)

Series: 96 months, break at month 48, AR(1) noise (rho 0.4, sd 0.2) on the log rate plus
negative binomial overdispersion (alpha 0.1), mean about 30 a month. Prints, for the
shipped method and for the Newey-West-only baseline measured in the same run, the share of
runs significant at 5% with no effect (false positives) and the coverage of a known level
change (0.6), and the ratio of the two false-positive rates.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "analysis" / "compute"))

from compute_synthetic import ar1_nb_counts  # noqa: E402

from napmon.analysis.compute import its  # noqa: E402
from napmon.analysis.compute.before_after import robust_before_after  # noqa: E402


def _newey_west_only(fit: dict, name: str) -> float:
    """p-value of ``name`` with a Newey-West covariance (Bartlett kernel, lag
    ``floor(4 (n / 100) ** (2 / 9))``, small-sample corrected): the baseline."""
    from scipy import stats

    from napmon.analysis.compute.hac import default_hac_lag

    i = fit["names"].index(name)
    model = fit["result"].model
    lag = default_hac_lag(len(model.endog))
    kwds = {"maxlags": lag, "use_correction": True}
    nw = model.fit(cov_type="HAC", cov_kwds=kwds, use_t=True)
    b, se = float(nw.params[i]), float(nw.bse[i])
    return float(2 * stats.t.sf(abs(b / se), fit["df"]))


def main(runs: int) -> None:
    rng = np.random.default_rng(2026)
    spec = its.ModelSpec(transition=0)
    shipped = {"level": 0, "slope": 0}
    baseline = {"level": 0, "slope": 0}
    for _ in range(runs):
        fit = its._fit(ar1_nb_counts(rng), "2014-01-01", spec)
        for name in shipped:
            shipped[name] += its._estimate(fit, name)[2] < 0.05
            baseline[name] += _newey_west_only(fit, name) < 0.05
    covered = {"level": 0, "slope": 0}
    for _ in range(runs):
        r = its.interrupted_time_series(ar1_nb_counts(rng, level=0.6), "2014-01-01", spec)
        covered["level"] += r.level_ci[0] < 0.6 < r.level_ci[1]
        covered["slope"] += r.slope_ci[0] < 1.0 < r.slope_ci[1]
    ba = sum(
        robust_before_after(ar1_nb_counts(rng, n=48, trend=0.0), "2012-01-01").p_value < 0.05
        for _ in range(runs)
    )
    print(f"runs: {runs}")
    for name in shipped:
        ours, base = shipped[name] / runs, baseline[name] / runs
        ratio = ours / base if base else float("nan")
        print(f"{name}: false positives {ours:.3f} (Newey-West only {base:.3f}; ratio {ratio:.2f})")
    print(f"coverage of a known level change (0.6): {covered['level'] / runs:.3f}")
    print(f"coverage of the true slope change (1.0): {covered['slope'] / runs:.3f}")
    print(f"before/after false positives: {ba / runs:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
