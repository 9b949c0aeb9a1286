import numpy as np
import pandas as pd
import pytest
from compute_synthetic import ar1_nb_counts

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.surge import surge_threshold, surges


def _table(series_by_area: dict) -> pd.DataFrame:
    return pd.concat(
        pd.DataFrame({"area": a, "month": s.index.to_timestamp(), "events": s.to_numpy()})
        for a, s in series_by_area.items()
    )


def test_threshold_rarely_fires_without_a_change():
    rng = np.random.default_rng(21)
    fired = 0
    for _ in range(300):
        y = ar1_nb_counts(rng, n=13, rho=0.0, sd=1e-4, trend=0.0, alpha=0.1, base=20)
        fired += y.iloc[-1] > surge_threshold(y.iloc[:-1].to_numpy())
    assert fired <= 15  # at most 5% of months


def test_a_tripling_is_flagged_and_a_quiet_area_is_not():
    rng = np.random.default_rng(22)
    quiet = ar1_nb_counts(rng, n=24, rho=0.0, sd=1e-4, trend=0.0, base=20)
    surge = quiet.copy()
    surge.iloc[-1] = 70
    got = surges(_table({"Punjab": quiet, "Khyber Pakhtunkhwa": surge}))
    assert [(s.area, s.surge, s.events) for s in got][0] == ("Khyber Pakhtunkhwa", True, 70)
    assert got[1].area == "Punjab" and got[1].surge is False
    assert got[0].baseline_mean == pytest.approx(quiet.iloc[-13:-1].mean())


def test_a_few_events_from_nothing_are_not_a_surge():
    y = pd.Series([0] * 12 + [3], index=pd.period_range("2020-01", periods=13, freq="M"))
    (only,) = surges(_table({"Gilgit-Baltistan": y}))
    assert only.events == 3 and only.surge is False


def test_bad_table_is_refused():
    with pytest.raises(ComputeError) as exc:
        surges(pd.DataFrame({"area": [], "month": []}))
    assert (exc.value.code, exc.value.field) == ("missing_column", "events")
