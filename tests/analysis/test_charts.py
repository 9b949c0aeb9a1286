"""Chart specs that do not mislead: bars for yearly totals, gaps kept, labels apart."""

from dataclasses import dataclass
from datetime import date

import pytest

from napmon.analysis import charts


@dataclass
class Marker:
    date: date
    label: str

    def period_label(self) -> str:
        return self.date.isoformat()


DECEMBER_2014 = [
    Marker(date(2014, 6, 15), "Zarb-e-Azb"),
    Marker(date(2014, 12, 16), "APS attack"),
    Marker(date(2014, 12, 24), "NAP adopted"),
    Marker(date(2015, 1, 7), "Military courts"),
]


@pytest.mark.parametrize(
    ("days", "gap", "lanes"),
    [
        ([0, 100, 200], 50, [0, 0, 0]),
        ([0, 10, 20, 300], 50, [0, 1, 2, 0]),
        ([0, 10, 60, 70], 50, [0, 1, 0, 1]),
        ([], 50, []),
    ],
)
def test_label_lanes_keep_close_labels_apart(days, gap, lanes):
    assert charts.label_lanes(days, min_gap=gap) == lanes


def test_close_interventions_get_numbered_labels_in_separate_lanes():
    rule, text = charts.intervention_marks(DECEMBER_2014, start="1989-01-01", end="2019-12-31")
    values = text["data"]["values"]
    assert [v["n"] for v in values] == ["1", "2", "3", "4"]
    assert [v["label"] for v in values][1:3] == ["APS attack", "NAP adopted"]
    # APS, NAP and military courts fall within weeks: three different lanes.
    assert len({v["lane"] for v in values[1:]}) == 3
    assert text["encoding"]["text"] == {"field": "n"}  # short labels; names in tooltip
    assert rule["mark"]["type"] == "rule"


def test_yearly_totals_are_bars_and_unknown_years_are_not_drawn():
    rows = [
        {"year": 2009, "events": 2586, "injured": None},
        {"year": 2014, "events": 1206, "injured": None},
        {"year": 2015, "events": 625, "injured": None},
    ]
    spec = charts.year_bars(rows, field="events", label="attacks", title="PIPS")
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["timeUnit"] == "year"
    assert [v["y"] for v in bars["data"]["values"]] == [2009, 2014, 2015]
    empty = charts.year_bars(rows, field="injured", label="injured", title="UCDP")
    assert empty["layer"][0]["data"]["values"] == []


def test_comparison_lines_break_at_missing_years():
    rows = [
        {"dataset": "PIPS", "year": 2009, "value": 2586},
        {"dataset": "PIPS", "year": 2014, "value": 1206},
        {"dataset": "PIPS", "year": 2015, "value": 625},
        {"dataset": "PIPS", "year": 2016, "value": None},
        {"dataset": "PIPS", "year": 2017, "value": 370},
        {"dataset": "UCDP GED", "year": 2009, "value": 500},
        {"dataset": "UCDP GED", "year": 2010, "value": 600},
    ]
    spec = charts.comparison_chart(rows, title="compared")
    segments = {}
    for v in spec["data"]["values"]:
        segments.setdefault(v["segment"], []).append(v["y"])
    assert sorted(segments.values()) == [[2009], [2009, 2010], [2014, 2015], [2017]]
    line = spec["layer"][0]
    assert line["encoding"]["detail"]["field"] == "segment"
    # Within a segment the years are consecutive: no line spans a year without data.
    for years in segments.values():
        assert all(b - a == 1 for a, b in zip(years, years[1:], strict=False))


def test_monthly_line_breaks_where_a_value_is_unknown():
    rows = [
        {"period": "2015-01-01", "killed": 3},
        {"period": "2015-02-01", "killed": None},
        {"period": "2015-03-01", "killed": 4},
    ]
    spec = charts.time_chart(
        rows,
        period_field="period",
        field="killed",
        label="killed",
        title="t",
        time_unit="yearmonth",
    )
    values = spec["layer"][0]["data"]["values"]
    assert [(v["period"], v["segment"]) for v in values] == [("2015-01-01", 0), ("2015-03-01", 1)]


def _dash_of(layer: dict) -> dict:
    scale = layer["encoding"]["strokeDash"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_the_counterfactual_and_the_synthetic_control_are_the_dashed_lines():
    """Vega-Lite dashes by alphabetical order unless told: the counterfactual and the
    synthetic control are drawn dashed, the fitted model and the treated area solid."""
    from napmon.analysis import charts

    months = [
        {"month": "2014-11", "observed": 3, "fitted": 3.1, "counterfactual": None},
        {"month": "2014-12", "observed": 2, "fitted": 2.5, "counterfactual": 3.0},
    ]
    lines = charts.its_chart(months, title="ITS", break_month="2014-12")["layer"][1]
    assert _dash_of(lines) == {"model": [1, 0], "counterfactual": [5, 3]}
    periods = [{"start": "2014-12", "treated": 5.0, "synthetic": 7.0}]
    spec = charts.synthetic_chart(periods, area="Punjab", break_month="2014-12", title="SC")
    assert _dash_of(spec["layer"][0]) == {"treated": [1, 0], "synthetic": [5, 3]}
