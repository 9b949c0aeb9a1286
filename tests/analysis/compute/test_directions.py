import math

import pytest

from napmon.analysis.compute.directions import check_direction, check_maximum
from napmon.analysis.compute.errors import ComputeError


@pytest.mark.parametrize(
    ("direction", "old", "new", "verdict", "computed"),
    [
        ("increased", 2646, 8374, "verified", 216.4777),
        ("decreased", 5489, 5089, "verified", -7.2873),
        ("increased", 5489, 5089, "contradicted", -7.2873),
        ("decreased", 12, 12, "contradicted", 0.0),
        ("decreased", None, 12, "unverifiable", None),
        ("increased", 12, math.nan, "unverifiable", None),
        ("increased", 0, 3, "verified", None),
    ],
)
def test_check_direction(direction, old, new, verdict, computed):
    result = check_direction(direction, old, new)
    assert result.verdict == verdict
    if computed is None:
        assert result.computed is None
    else:
        assert result.computed == pytest.approx(computed, abs=1e-4)


@pytest.mark.parametrize(
    ("values", "claimed", "verdict"),
    [
        ({"2008": 2148, "2009": 2586, "2010": 2000}, "2009", "verified"),
        ({"2008": 2148, "2009": 2586, "2010": 2586}, "2009", "approximate"),
        ({"2008": 2700, "2009": 2586}, "2009", "contradicted"),
        ({"2008": 2148, "2009": 2586, "2010": None}, "2009", "unverifiable"),
    ],
)
def test_check_maximum(values, claimed, verdict):
    assert check_maximum(values, claimed).verdict == verdict


def test_bad_inputs_raise():
    with pytest.raises(ComputeError) as info:
        check_direction("rose", 1, 2)
    assert info.value.code == "bad_kind"
    with pytest.raises(ComputeError) as info:
        check_maximum({"2008": 1}, "2009")
    assert info.value.code == "bad_input"
