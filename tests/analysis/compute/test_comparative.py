import numpy as np
import pytest
from compute_synthetic import ar1_nb_counts

from napmon.analysis.compute.comparative import comparative_its
from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.its import ModelSpec

SPEC = ModelSpec(transition=0)


def test_a_fall_in_the_treated_area_only_is_the_difference():
    rng = np.random.default_rng(41)
    treated = ar1_nb_counts(rng, level=0.5, rho=0.0, sd=1e-4, alpha=0.01, base=100)
    control = ar1_nb_counts(rng, rho=0.0, sd=1e-4, alpha=0.01, base=100)
    got = comparative_its(treated, control, "2014-01-01", SPEC, treated_label="KP")
    assert got.level_ratio == pytest.approx(0.5, abs=0.1) and got.level_ci[1] < 1
    assert got.slope_ci[0] < 1 < got.slope_ci[1]
    assert got.sentence.startswith("Compared with control, the level of events in KP")


def test_the_same_fall_in_both_areas_is_no_difference():
    rng = np.random.default_rng(42)
    treated = ar1_nb_counts(rng, level=0.5, rho=0.0, sd=1e-4, alpha=0.01, base=100)
    control = ar1_nb_counts(rng, level=0.5, rho=0.0, sd=1e-4, alpha=0.01, base=100)
    got = comparative_its(treated, control, "2014-01-01", SPEC)
    assert got.level_ci[0] < 1 < got.level_ci[1]


def test_series_over_different_months_are_refused():
    rng = np.random.default_rng(43)
    with pytest.raises(ComputeError) as exc:
        comparative_its(ar1_nb_counts(rng), ar1_nb_counts(rng).iloc[1:], "2014-01-01", SPEC)
    assert exc.value.code == "different_months"
