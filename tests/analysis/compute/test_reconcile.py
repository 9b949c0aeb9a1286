import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.reconcile import reconcile

# PIPS figures from the seeds; "Other" and "Third" are made-up comparison values.
VALUES = pd.DataFrame(
    {
        "dataset": ["PIPS", "Other", "Third", "PIPS", "Other", "PIPS"],
        "region": ["Pakistan"] * 5 + ["Punjab"],
        "period": [2015, 2015, 2015, 2014, 2014, 2015],
        "value": [625.0, 700.0, 1000.0, 1206.0, np.nan, 40.0],
    }
)


def test_one_region_and_period_by_hand():
    got = reconcile(VALUES, region="Pakistan", period=2015)
    expected = pd.DataFrame(
        {
            "region": ["Pakistan"],
            "period": [2015],
            "Other": [700.0],
            "PIPS": [625.0],
            "Third": [1000.0],
            "n_datasets": [3],
            "min": [625.0],
            "max": [1000.0],
            "range": [375.0],
            "median": [700.0],
            "spread": [375 / 700],
        }
    )
    assert_frame_equal(got, expected)


def test_all_regions_and_periods_skip_missing_values():
    got = reconcile(VALUES).set_index(["region", "period"])
    row = got.loc[("Pakistan", 2014)]
    assert row["n_datasets"] == 1
    assert (row["min"], row["max"], row["range"], row["spread"]) == (1206.0, 1206.0, 0.0, 0.0)
    assert np.isnan(got.loc[("Punjab", 2015), "Other"])


def test_zero_median_gives_no_spread():
    values = pd.DataFrame(
        {"dataset": ["A", "B", "C"], "region": "X", "period": 2020, "value": [0.0, 0.0, 3.0]}
    )
    assert np.isnan(reconcile(values).loc[0, "spread"])


@pytest.mark.parametrize(
    ("values", "kwargs", "code"),
    [
        (VALUES.drop(columns="value"), {}, "missing_column"),
        (VALUES, {"region": "Sindh"}, "empty"),
        (pd.concat([VALUES, VALUES.iloc[:1]]), {}, "duplicate_rows"),
        (VALUES.assign(dataset=["min"] * 6), {}, "reserved_name"),
        (VALUES.assign(value="many"), {}, "bad_dtype"),
    ],
)
def test_bad_tables_are_refused(values, kwargs, code):
    with pytest.raises(ComputeError) as exc:
        reconcile(values, **kwargs)
    assert exc.value.code == code
