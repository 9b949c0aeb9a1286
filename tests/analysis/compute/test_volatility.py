import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_series_equal

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.volatility import month_on_month, rolling_cv, volatility

MONTHS = pd.date_range("2024-05-01", periods=6, freq="MS")
COUNTS = pd.Series([10, 20, 15, 0, 5, 30], index=MONTHS)


def test_volatility_by_hand():
    got = volatility(COUNTS, subject="Attacks")
    assert got.n_months == 6
    assert got.mean == pytest.approx(80 / 6)
    assert got.std == pytest.approx(np.std([10, 20, 15, 0, 5, 30], ddof=1))
    assert got.cv == pytest.approx(got.std / got.mean)
    # Changes +100, -25, -100, (undefined after a zero month), +500.
    assert got.undefined_changes == 1
    assert got.mean_abs_change_pct == pytest.approx((100 + 25 + 100 + 500) / 4)
    assert (got.max_abs_change_pct, got.max_change_pct) == (500.0, 500.0)
    assert got.max_change_month == pd.Timestamp("2024-10-01")
    assert "largest swing a 500% rise in October 2024" in got.sentence


@pytest.mark.parametrize(
    ("kwargs", "n", "mean"),
    [
        ({"start": "2024-07-01"}, 4, 12.5),
        ({"end": "2024-07-31"}, 3, 15.0),
        ({"last": 2}, 2, 17.5),
        ({"start": "2024-06-01", "end": "2024-09-01"}, 4, 10.0),
    ],
)
def test_windows(kwargs, n, mean):
    got = volatility(COUNTS, **kwargs)
    assert (got.n_months, got.mean) == (n, pytest.approx(mean))


def test_all_zero_window_has_no_cv():
    got = volatility(pd.Series([0, 0, 0], index=MONTHS[:3]))
    assert got.cv is None and got.max_change_pct is None
    assert got.undefined_changes == 2


def test_month_on_month_marks_changes_after_zero_undefined():
    expected = pd.Series([math.nan, 100.0, -25.0, -100.0, math.nan, 500.0], index=MONTHS)
    assert_series_equal(month_on_month(COUNTS), expected, check_freq=False)


def test_rolling_cv_by_hand():
    got = rolling_cv(COUNTS, 3)
    assert got.iloc[:2].isna().all()
    assert got.iloc[2] == pytest.approx(np.std([10, 20, 15], ddof=1) / 15)
    assert got.index[2] == pd.Timestamp("2024-07-01")


@pytest.mark.parametrize(
    ("counts", "kwargs", "code"),
    [
        (COUNTS.iloc[:1], {}, "too_few_points"),
        (COUNTS, {"last": 1}, "bad_window"),
        (COUNTS.drop(MONTHS[2]), {}, "gaps_in_series"),
        (pd.Series([1, -1], index=MONTHS[:2]), {}, "bad_counts"),
        (pd.Series([], dtype=float), {}, "empty"),
    ],
)
def test_bad_input_is_refused(counts, kwargs, code):
    with pytest.raises(ComputeError) as exc:
        volatility(counts, **kwargs)
    assert exc.value.code == code
