from datetime import date

import pytest

from napmon.analysis.compute.maps import fold_counts, periods, shape_values, should_fold

CODES = ["PK-KP", "PK-TA", "PK-PB"]


@pytest.mark.parametrize(
    ("mode", "start", "end", "folded"),
    [
        ("auto", date(2009, 1, 1), date(2009, 12, 31), False),
        ("auto", date(2019, 1, 1), date(2019, 12, 31), True),
        ("auto", date(2018, 6, 1), date(2018, 12, 31), True),
        ("auto", date(2018, 1, 1), date(2018, 12, 31), False),  # spans the merger
        ("auto", None, None, False),
        ("separate", date(2019, 1, 1), date(2019, 12, 31), False),
        ("fold", date(2009, 1, 1), date(2009, 12, 31), True),
    ],
)
def test_fata_is_folded_after_the_merger_or_when_chosen(mode, start, end, folded):
    assert should_fold(mode, start, end) is folded


def test_unknown_fold_mode_is_refused():
    with pytest.raises(ValueError, match="use one of auto, separate, fold"):
        should_fold("merge", None, None)


def test_separate_fata_keeps_its_own_figures():
    counts = {"PK-KP": {"events": 5, "killed": 9}, "PK-TA": {"events": 7, "killed": 20}}
    values = shape_values(counts, CODES, fold=False, start=date(2009, 1, 1))
    assert [(v.code, v.group, v.events, v.killed) for v in values] == [
        ("PK-KP", "PK-KP", 5, 9),
        ("PK-TA", "PK-TA", 7, 20),
        ("PK-PB", "PK-PB", 0, 0),  # no events recorded: zero, the dataset covers Pakistan
    ]


def test_folded_fata_shows_the_figures_of_khyber_pakhtunkhwa():
    counts = {"PK-KP": {"events": 12, "killed": 29}}
    values = shape_values(counts, CODES, fold=True, start=date(2019, 1, 1))
    assert [(v.code, v.group, v.events) for v in values[:2]] == [
        ("PK-KP", "PK-KP", 12),
        ("PK-TA", "PK-KP", 12),
    ]


def test_fata_kept_separate_after_the_merger_has_no_figure_not_zero():
    values = shape_values({}, CODES, fold=False, start=date(2019, 1, 1))
    fata = values[1]
    assert (fata.events, fata.killed) == (None, None)


def test_periods_by_year_and_half_year():
    assert periods(2009, 2010, "year") == [
        ("2009", date(2009, 1, 1), date(2009, 12, 31)),
        ("2010", date(2010, 1, 1), date(2010, 12, 31)),
    ]
    halves = periods(2018, 2018, "half")
    assert halves == [
        ("2018-H1", date(2018, 1, 1), date(2018, 6, 30)),
        ("2018-H2", date(2018, 7, 1), date(2018, 12, 31)),
    ]
    assert should_fold("auto", halves[0][1], halves[0][2]) is False
    assert should_fold("auto", halves[1][1], halves[1][2]) is True
    with pytest.raises(ValueError, match="before first year"):
        periods(2010, 2009, "year")


def test_fold_counts_adds_fata_into_kp():
    counts = {
        "PK-TA": {"events": 3, "killed": 10},
        "PK-KP": {"events": 2, "killed": 1},
        "PK-SD": {"events": 1, "killed": 0},
    }
    assert fold_counts(counts) == {
        "PK-KP": {"events": 5, "killed": 11},
        "PK-SD": {"events": 1, "killed": 0},
    }
    assert fold_counts({"PK-TA": {"events": 4, "killed": 2}}) == {
        "PK-KP": {"events": 4, "killed": 2}
    }
