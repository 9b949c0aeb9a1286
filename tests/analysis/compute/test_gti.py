import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.compute.gti import DESCRIPTION, LABEL, GTIWeights, band_scores, gti_style_index

TINY = pd.DataFrame(
    {
        "province": ["A", "A", "B"],
        "year": [2018, 2019, 2019],
        "incidents": [10, 4, 1],
        "deaths": [2, 0, 0],
        "injuries": [4, 2, np.nan],
    }
)


def test_tiny_table_by_hand():
    got = gti_style_index(TINY)
    # raw = incidents + 3 deaths + 0.5 injuries: A 2018 = 10 + 6 + 2 = 18, A 2019 = 4 + 0 + 1 = 5,
    # B 2019 = 1 (unknown injuries count as 0), B 2018 has no row = 0.
    # weighted = (16 raw(y) + 8 raw(y-1) + ...) / 31: A 2018 = 288/31, A 2019 = (80 + 144)/31.
    # Bands: p = ln(x / min) / ln(max / min) with min = 16/31, max = 288/31;
    # A 2019: p = ln 14 / ln 18 = 0.9131, 19 p = 17.35 → 0.5 + 17/2 = 9.0.
    p_a2019 = math.log(14) / math.log(18)
    expected = pd.DataFrame(
        {
            "province": ["A", "A", "B", "B"],
            "year": [2018, 2019, 2018, 2019],
            "incidents": [10.0, 4.0, 0.0, 1.0],
            "deaths": [2.0, 0.0, 0.0, 0.0],
            "injuries": [4.0, 2.0, 0.0, 0.0],
            "raw": [18.0, 5.0, 0.0, 1.0],
            "weighted": [288 / 31, 224 / 31, 0.0, 16 / 31],
            "score": [10.0, 9.0, 0.0, 0.5],
            "score_continuous": [10.0, 0.5 + 9.5 * p_a2019, 0.0, 0.5],
            "complete_window": [False, False, False, False],
            "has_unknown": [False, False, False, True],
            "label": ["GTI-style"] * 4,
        }
    )
    assert_frame_equal(got, expected)


def test_five_year_weighting_16_8_4_2_1():
    annual = pd.DataFrame(
        {
            "province": ["KP"] * 5,
            "year": [2015, 2016, 2017, 2018, 2019],
            "incidents": [1, 2, 3, 4, 5],
            "deaths": [0] * 5,
            "injuries": [0] * 5,
        }
    )
    got = gti_style_index(annual).set_index("year")
    # 2019: 16*5 + 8*4 + 4*3 + 2*2 + 1*1 = 129; 2017: 16*3 + 8*2 + 4*1 = 68.
    assert got.loc[2019, "weighted"] == pytest.approx(129 / 31)
    assert got.loc[2017, "weighted"] == pytest.approx(68 / 31)
    assert got["complete_window"].tolist() == [False, False, False, False, True]


@pytest.mark.parametrize(
    ("weights", "raw_a2018"),
    [
        (GTIWeights(), 18.0),
        (GTIWeights(incidents=1, deaths=1, injuries=1), 16.0),
        (GTIWeights(incidents=0, deaths=3, injuries=0), 6.0),
    ],
)
def test_configurable_weights(weights, raw_a2018):
    got = gti_style_index(TINY, weights=weights)
    assert got.loc[0, "raw"] == raw_a2018


def test_first_year_before_data_adds_empty_years():
    got = gti_style_index(TINY, first_year=2015)
    assert got["year"].tolist() == [2015, 2016, 2017, 2018, 2019] * 2
    assert got.query("year == 2019")["complete_window"].all()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0, 0.0], [0.0, 0.0]),
        ([0.0, 3.0, 3.0], [0.0, 10.0, 10.0]),
        ([1.0, 10.0, 100.0], [0.5, 5.0, 10.0]),  # log midpoint: p = 0.5, floor(9.5) = 9 → 5.0
        ([1.0, 1.0001, 100.0], [0.5, 0.5, 10.0]),
    ],
)
def test_log_banding(values, expected):
    banded, _ = band_scores(pd.Series(values))
    assert banded.tolist() == expected


def test_every_output_is_labelled_gti_style_not_official():
    got = gti_style_index(TINY)
    assert set(got["label"]) == {LABEL} == {"GTI-style"}
    assert "not the official Global Terrorism Index" in DESCRIPTION


@pytest.mark.parametrize(
    ("table", "code"),
    [
        (TINY.drop(columns="deaths"), "missing_column"),
        (pd.concat([TINY, TINY.iloc[:1]]), "duplicate_rows"),
        (TINY.assign(incidents=[1, -1, 1]), "negative_value"),
        (TINY.assign(incidents=[1, np.nan, 1]), "missing_value"),
    ],
)
def test_bad_tables_are_refused(table, code):
    with pytest.raises(ComputeError) as exc:
        gti_style_index(table)
    assert exc.value.code == code
