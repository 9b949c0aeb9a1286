from datetime import date

import pytest

from napmon.analysis.compute.halves import covers, half_label, half_year_change, previous_half

UCDP = (date(1989, 1, 1), date(2019, 12, 31))


@pytest.mark.parametrize(
    ("previous", "current", "change", "reason"),
    [
        (167, 90, -46.1, ""),
        (137, 327, 138.7, ""),
        (0, 4, None, "the previous half-year is zero, so a percentage change is undefined"),
        (None, 4, None, "a half-year has no data"),
        (12, None, None, "a half-year has no data"),
    ],
)
def test_half_year_change(previous, current, change, reason):
    assert half_year_change(previous, current) == (change, reason)


@pytest.mark.parametrize(
    ("year", "half", "covered"),
    [(2019, 2, True), (1989, 1, True), (2020, 1, False), (1988, 2, False), (2025, 1, False)],
)
def test_coverage_must_span_the_whole_half(year, half, covered):
    assert covers(UCDP, year, half) is covered
    assert covers(None, year, half) is False


def test_previous_half_and_label():
    assert previous_half(2019, 1) == (2018, 2)
    assert previous_half(2019, 2) == (2019, 1)
    assert half_label(2025, 1) == "H1 2025"
