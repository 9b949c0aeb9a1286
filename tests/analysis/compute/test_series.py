import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.series import cagr, percent_change, rate_per_day, series


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2015-01-05", "2015-01-20", "2015-03-02", "2015-03-03"]),
            "killed": [1.0, np.nan, np.nan, 2.0],
            "injured": [0.0, 1.0, np.nan, np.nan],
            "province": ["Punjab", "Sindh", None, "Punjab"],
        }
    )


def test_missing_months_are_zero_not_absent(events):
    got = series(events, "month")
    expected = pd.DataFrame(
        {
            "period": pd.to_datetime(["2015-01-01", "2015-02-01", "2015-03-01"]),
            "events": [2, 0, 2],
            "killed": [1.0, 0.0, 2.0],
            "killed_unknown": [1, 0, 1],
            "injured": [1.0, 0.0, np.nan],
            "injured_unknown": [0, 0, 2],
        }
    )
    assert_frame_equal(got, expected)


def test_by_dimension_zero_fills_every_group(events):
    got = series(events, "month", by="province", measures=("events", "killed"))
    expected = pd.DataFrame(
        {
            "period": pd.to_datetime(["2015-01-01", "2015-02-01", "2015-03-01"] * 3),
            "province": ["Punjab"] * 3 + ["Sindh"] * 3 + ["unknown"] * 3,
            "events": [1, 0, 1, 1, 0, 0, 0, 0, 1],
            # Sindh's only event has unknown deaths: NaN, not 0.
            "killed": [1.0, 0.0, 2.0, np.nan, 0.0, 0.0, 0.0, 0.0, np.nan],
            "killed_unknown": [0, 0, 0, 1, 0, 0, 0, 0, 1],
        }
    )
    assert_frame_equal(got, expected)


def test_window_extends_zero_filled_years(events):
    got = series(events, "year", measures=("events",), start="2014-01-01", end="2016-12-31")
    expected = pd.DataFrame(
        {"period": pd.to_datetime(["2014-01-01", "2015-01-01", "2016-01-01"]), "events": [0, 4, 0]}
    )
    assert_frame_equal(got, expected)


def test_end_date_is_inclusive_of_the_whole_day():
    ev = pd.DataFrame({"date": pd.to_datetime(["2015-01-31 18:30", "2015-02-01 00:00"])})
    got = series(ev, "day", measures=("events",), start="2015-01-30", end="2015-01-31")
    assert got["events"].tolist() == [0, 1]


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"freq": "week"}, "bad_freq", "freq"),
        ({"freq": "month", "by": "district"}, "missing_column", "district"),
        ({"freq": "month", "measures": ("events", "hostages")}, "missing_column", "hostages"),
        ({"freq": "month", "start": "2016-01-01", "end": "2015-01-01"}, "bad_window", "end"),
    ],
)
def test_bad_arguments_raise_compute_error(events, kwargs, code, field):
    with pytest.raises(ComputeError) as exc:
        series(events, **kwargs)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_empty_table_without_window_is_refused():
    with pytest.raises(ComputeError) as exc:
        series(pd.DataFrame({"date": pd.to_datetime([])}), "month", measures=("events",))
    assert exc.value.code == "empty"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (1206, 625, -48.1758),  # PIPS 2014 → 2015 attacks
        (1723, 1069, -37.9571),  # PIPS casualties
        (2148, 1206, -43.8547),  # PIPS 2008 → 2014 attacks
        (625, 229, -63.36),  # 2015 → 2019
        (100, 150, 50.0),
    ],
)
def test_percent_change(old, new, expected):
    assert percent_change(old, new) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [(0, 5, "zero_base"), (None, 5, "missing_value"), (5, math.nan, "missing_value")],
)
def test_percent_change_refuses_undefined(old, new, code):
    with pytest.raises(ComputeError) as exc:
        percent_change(old, new)
    assert exc.value.code == code


@pytest.mark.parametrize(
    ("first", "last", "years", "expected"),
    [
        (2148, 1206, 6, -9.1722),  # 2008 → 2014
        (100, 200, 1, 100.0),
        (100, 400, 2, 100.0),
    ],
)
def test_cagr(first, last, years, expected):
    assert cagr(first, last, years) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(("args", "code"), [((0, 5, 2), "zero_base"), ((5, 5, 0), "bad_years")])
def test_cagr_refuses_undefined(args, code):
    with pytest.raises(ComputeError) as exc:
        cagr(*args)
    assert exc.value.code == code


@pytest.mark.parametrize(
    ("count", "kwargs", "expected"),
    [
        (1206, {"year": 2014}, 1206 / 365),  # 3.30 attacks a day
        (2586, {"year": 2009}, 2586 / 365),
        (366, {"year": 2016}, 1.0),  # leap year
        (62, {"start": "2024-07-01", "end": "2024-08-31"}, 1.0),
    ],
)
def test_rate_per_day(count, kwargs, expected):
    assert rate_per_day(count, **kwargs) == pytest.approx(expected)
    if kwargs.get("year") == 2014:
        assert round(rate_per_day(count, **kwargs), 2) == 3.30


def test_rate_per_day_needs_a_period():
    with pytest.raises(ComputeError) as exc:
        rate_per_day(10, start="2024-01-01")
    assert exc.value.code == "missing_value"
