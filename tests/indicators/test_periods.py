from datetime import date

import pytest

from napmon.indicators.periods import PeriodError, format_date, parse_date, parse_period


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "label"),
    [
        ("2023", "year", date(2023, 1, 1), date(2023, 12, 31), "2023"),
        ("2024-H1", "half", date(2024, 1, 1), date(2024, 6, 30), "H1 2024"),
        ("2024-H2", "half", date(2024, 7, 1), date(2024, 12, 31), "H2 2024"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        ("2019-03-31", "day", date(2019, 3, 31), date(2019, 3, 31), "31 March 2019"),
        ("by 2024-10", "as_of", date(2024, 10, 31), date(2024, 10, 31), "by October 2024"),
        ("by 2023", "as_of", date(2023, 12, 31), date(2023, 12, 31), "by 2023"),
        ("2019..2022", "range", date(2019, 1, 1), date(2022, 12, 31), "2019–2022"),
    ],
)
def test_parse_period_reads_each_notation(text, precision, start, end, label):
    period = parse_period(text)
    assert (period.precision, period.start, period.end, period.label) == (
        precision,
        start,
        end,
        label,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "month 13 does not exist"),
        ("2014-02-30", "day is out of range"),
        ("last year", "cannot read 'last year'"),
        ("2022..2019", "ends before it starts"),
    ],
)
def test_parse_period_rejects_bad_text_with_reason(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_explicit_label_overrides_the_printed_period():
    assert parse_period("2001..2025", "since 2001").label == "since 2001"


@pytest.mark.parametrize(
    ("text", "printed"),
    [("2020", "2020"), ("2018-05", "May 2018"), ("2019-03-31", "31 March 2019")],
)
def test_dates_print_at_their_precision(text, printed):
    assert format_date(*parse_date(text)) == printed
