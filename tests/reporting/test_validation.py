"""The pure validation rules: plain values in, findings out (no database)."""

from decimal import Decimal as D

import pytest

from napmon.reporting.validation import Rule, blocking, change_pct, check_value, robust_z

RULE = Rule(minimum=D(0), maximum=D(1000), whole_number=True, max_change_pct=D(300))


@pytest.mark.parametrize(
    ("value", "previous", "explanation", "codes"),
    [
        (D(10), None, "", []),
        (D(-1), None, "", ["below_minimum"]),
        (D(1001), None, "", ["above_maximum"]),
        (D("2.5"), None, "", ["not_whole"]),
        (D(100), D(90), "", []),
        (D(100), D(60), "", ["change_needs_explanation"]),
        (D(100), D(60), "Two new units reported.", ["change_explained"]),
        (D(500), D(100), "", ["change_too_large"]),
        (D(10), D(0), "", []),
        (None, D(10), "", []),
    ],
)
def test_check_value_codes(value, previous, explanation, codes):
    found = check_value(value, RULE, previous=previous, explanation=explanation)
    assert [f.code for f in found] == codes


@pytest.mark.parametrize(
    ("codes_levels", "blocks"),
    [
        ((D(-1), None, ""), True),
        ((D(100), D(60), ""), True),
        ((D(100), D(60), "explained"), False),
        ((D(10), None, ""), False),
    ],
)
def test_blocking(codes_levels, blocks):
    value, previous, explanation = codes_levels
    found = check_value(value, RULE, previous=previous, explanation=explanation)
    assert bool(blocking(found)) is blocks


@pytest.mark.parametrize(
    ("previous", "value", "expected"),
    [
        (D(100), D(150), D(50)),
        (D(100), D(50), D(-50)),
        (D(-100), D(-50), D(50)),
        (D(0), D(5), None),
    ],
)
def test_change_pct(previous, value, expected):
    assert change_pct(previous, value) == expected


@pytest.mark.parametrize(
    ("history", "value", "outlier"),
    [
        ([10, 11, 12, 10, 11], 11, False),
        ([10, 11, 12, 10, 11], 40, True),
        ([10, 11, 12, 10, 11], 14, False),
        ([10, 11, 12], 400, False),  # too little history to judge
        ([10, 10, 10, 10], 10, False),
        ([10, 10, 10, 10], 11, True),
    ],
)
def test_outlier_against_own_history(history, value, outlier):
    rule = Rule(soft_change_pct=None)
    found = check_value(D(value), rule, history=[D(h) for h in history])
    assert ("outlier" in [f.code for f in found]) is outlier
    assert not blocking(found)


def test_robust_z_uses_median_absolute_deviation():
    # median 11, MAD 1 → z = 0.6745 * (15 - 11) / 1
    assert robust_z(D(15), [D(10), D(11), D(12), D(10), D(11)]) == pytest.approx(2.698)
    assert robust_z(D(15), [D(1)]) is None
