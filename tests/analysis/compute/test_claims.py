import math

import pytest

from napmon.analysis.compute.claims import check_claim, infer_precision
from napmon.analysis.compute.errors import ComputeError


@pytest.mark.parametrize(
    ("kind", "stated", "inputs", "verdict", "computed"),
    [
        # "terrorism has decreased by 48 percent from 1,206 attacks in 2014 to 625 in 2015"
        ("percent_change", -48, {"old": 1206, "new": 625}, "verified", -48.1758),
        ("percent_decrease", 48, {"old": 1206, "new": 625}, "verified", -48.1758),
        # "casualties dropped from 1,723 to 1,069, showing a 38 percent decline"
        ("percent_decrease", "38", {"old": 1723, "new": 1069}, "verified", -37.9571),
        # "3.30 attacks per day" in 2014
        ("rate_per_day", "3.30", {"level": 1206, "days": 365}, "verified", 3.3041),
        # "attacks halved from 2,148 in 2008 to 1,206 in 2014": ratio 0.561 is outside
        # ±0.05 of 0.5 but inside ±0.15, so approximate, not verified.
        ("halved", None, {"old": 2148, "new": 1206}, "approximate", 0.5615),
        ("reduced_by_half", None, {"old": 1206, "new": 625}, "verified", 0.5182),
        ("halved", None, {"old": 2586, "new": 625}, "contradicted", 0.2417),
        ("doubled", None, {"old": 229, "new": 470}, "verified", 2.0524),
        ("tripled", None, {"old": 100, "new": 240}, "approximate", 2.4),
        ("percent_change", -40, {"old": 1723, "new": 1069}, "approximate", -37.9571),
        ("percent_change", -20, {"old": 1723, "new": 1069}, "contradicted", -37.9571),
        ("percent_change", 48, {"old": 1206, "new": 625}, "contradicted", -48.1758),
        ("ratio", 0.52, {"old": 1206, "new": 625}, "verified", 0.5182),
        ("level", 229, {"level": 229}, "verified", 229.0),
        ("level", "2,586", {"level": 2586}, "verified", 2586.0),
        ("level", 3000, {"level": 3021}, "approximate", 3021.0),
    ],
)
def test_verdicts(kind, stated, inputs, verdict, computed):
    got = check_claim(kind, stated, **inputs)
    assert got.verdict == verdict, got.explanation
    assert got.computed == pytest.approx(computed, abs=1e-4)


@pytest.mark.parametrize(
    ("kind", "stated", "inputs"),
    [
        # "a 62% reduction in terrorist attacks by July 2024": no counts supplied.
        ("percent_decrease", 62, {"old": None, "new": None}),
        ("percent_change", -48, {"old": 1206, "new": math.nan}),
        ("rate_per_day", 3.3, {"level": 1206, "days": None}),
        ("halved", None, {"old": None, "new": 1206}),
        ("percent_change", None, {"old": 1206, "new": 625}),
        ("percent_change", 10, {"old": 0, "new": 5}),
        ("rate_per_day", 1, {"level": 5, "days": 0}),
    ],
)
def test_missing_or_undefined_inputs_are_unverifiable(kind, stated, inputs):
    got = check_claim(kind, stated, **inputs)
    assert got.verdict == "unverifiable"
    assert got.computed is None or got.stated is None
    assert got.explanation


def test_explanations_show_both_numbers():
    got = check_claim("percent_decrease", 48, old=1206, new=625)
    assert got.explanation == (
        "Computed -48.18% (1,206 → 625), which rounds to the stated -48% at a precision of 1."
    )
    halved = check_claim("halved", old=2148, new=1206)
    assert "0.561" in halved.explanation and "±0.05" in halved.explanation


@pytest.mark.parametrize(
    ("stated", "precision"),
    [("3.30", 0.01), (3.3, 0.1), (48, 1.0), (-48.0, 1.0), ("2,586", 1.0), ("1.5e3", 1.0)],
)
def test_precision_is_read_from_the_stated_figure(stated, precision):
    assert infer_precision(stated) == pytest.approx(precision)


def test_explicit_precision_overrides():
    # 3.304 does not round to 3.3 at a precision of 0.001, but is within 10%.
    got = check_claim("rate_per_day", 3.3, precision=0.001, level=1206, days=365)
    assert got.verdict == "approximate"


@pytest.mark.parametrize(
    ("kind", "stated", "code"), [("quintupled", None, "bad_kind"), ("level", "many", "bad_stated")]
)
def test_bad_claims_raise(kind, stated, code):
    with pytest.raises(ComputeError) as exc:
        check_claim(kind, stated, level=1)
    assert exc.value.code == code


# --- two verdicts ---------------------------------------------------------------------------

from napmon.analysis.compute.claims import (  # noqa: E402
    IndependentCheck,
    check_date,
    claimed_direction,
    combine_independent,
    consistency_verdict,
    independent_direction,
    independent_figure,
    independent_magnitude,
    independent_maximum,
)


@pytest.mark.parametrize(
    ("verdict", "consistency"),
    [
        ("verified", "matches"),
        ("approximate", "approximate"),
        ("contradicted", "does_not_match"),
        ("unverifiable", "unverifiable"),
    ],
)
def test_consistency_verdicts_never_say_verified(verdict, consistency):
    assert consistency_verdict(verdict) == consistency


@pytest.mark.parametrize(
    ("kind", "stated", "direction"),
    [
        ("halved", None, "decreased"),
        ("percent_decrease", "48", "decreased"),
        ("percent_change", "-48", "decreased"),
        ("percent_change", "12", "increased"),
        ("doubled", None, "increased"),
        ("ratio", "0.5", "decreased"),
        ("level", "229", None),
        ("maximum", "2009", None),
    ],
)
def test_claimed_direction(kind, stated, direction):
    assert claimed_direction(kind, stated) == direction


@pytest.mark.parametrize(
    ("direction", "old", "new", "verdict"),
    [
        ("decreased", 410, 260, "corroborated"),
        ("decreased", 260, 410, "contradicted"),
        ("decreased", 260, 260, "contradicted"),
        ("increased", 12, 18, "corroborated"),
        ("decreased", None, 260, "no_independent_data"),
    ],
)
def test_independent_direction(direction, old, new, verdict):
    check = independent_direction(direction, old, new, what="UCDP GED events", periods="2014-2015")
    assert check.verdict == verdict
    if verdict != "no_independent_data":
        assert "only the direction is compared" in check.explanation


@pytest.mark.parametrize(
    ("stated", "observed", "verdict"),
    [
        (2586, 883, "corroborated"),  # 2.93 times
        (3021, 7460, "corroborated"),  # 0.40 times
        (2586, 200, "contradicted"),  # 12.9 times
        (10, 101, "contradicted"),  # below a tenth
        (10, 100, "corroborated"),  # exactly a tenth
        (10, None, "no_independent_data"),
        (10, 0, "no_independent_data"),
    ],
)
def test_independent_magnitude_is_within_a_factor_of_ten(stated, observed, verdict):
    check = independent_magnitude(stated, observed, what="UCDP GED events in 2009")
    assert check.verdict == verdict


def test_independent_maximum_needs_every_period():
    values = {"2008": 664, "2009": 883, "2010": 962}
    assert independent_maximum("2010", values, what="events").verdict == "corroborated"
    check = independent_maximum("2009", values, what="events")
    assert check.verdict == "contradicted"
    assert "2010 is the highest (962 against 883 in 2009)" in check.explanation
    gap = independent_maximum("2009", {**values, "2011": None}, what="events")
    assert gap.verdict == "no_independent_data" and "2011" in gap.explanation


@pytest.mark.parametrize(
    ("stated", "observed", "verdict"),
    [("5", 5, "corroborated"), ("10", 11, "corroborated"), ("3", 7, "contradicted")],
)
def test_independent_figure_of_the_same_measure(stated, observed, verdict):
    assert independent_figure(stated, observed, what="x", found="y.").verdict == verdict


def test_combining_independent_checks():
    yes = IndependentCheck("corroborated", "direction", "a.")
    no = IndependentCheck("contradicted", "maximum", "b.")
    none = IndependentCheck("no_independent_data", "none", "c.")
    assert combine_independent([yes, none]) == ("corroborated", "a. c.")
    assert combine_independent([yes, no])[0] == "mixed"
    assert combine_independent([none])[0] == "no_independent_data"


@pytest.mark.parametrize(
    ("stated", "recorded", "precision", "verdict"),
    [
        ("2014-12-16", "2014-12-16", "day", "verified"),
        ("2022-10", "2022-10-01", "month", "verified"),
        ("2022-10-15", "2022-10-01", "month", "approximate"),
        ("2022-06", "2022-10-01", "month", "contradicted"),
        ("1923", "1923", "year", "verified"),
        ("1923", None, "year", "unverifiable"),
    ],
)
def test_check_date(stated, recorded, precision, verdict):
    assert check_date(stated, recorded, precision).verdict == verdict


def test_check_date_refuses_a_malformed_date():
    with pytest.raises(ComputeError) as info:
        check_date("16 Dec 2014", "2014-12-16")
    assert info.value.code == "bad_stated"
