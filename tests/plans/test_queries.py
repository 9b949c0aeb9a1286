import pytest

from napmon.core.errors import NotFoundError
from napmon.plans.services import crosswalk, gaps, get_point, point_detail

pytestmark = pytest.mark.django_db


def test_crosswalk_2014_to_2021_accounts_for_every_point():
    rows = crosswalk("2014", "2021")
    from_points = {r["from_point"] for r in rows if r["from_point"]}
    to_points = {r["to_point"] for r in rows if r["to_point"]}
    assert from_points == set(range(1, 21))
    assert to_points == set(range(1, 15))
    assert all(r["made_by"] == "analyst" for r in rows)


def test_crosswalk_relations_from_the_dataset():
    rows = crosswalk("2014", "2021")
    by_from = {}
    for r in rows:
        by_from.setdefault(r["from_point"], []).append((r["relation"], r["to_point"]))
    assert sorted(by_from[20]) == [("split_into", 7), ("split_into", 12)]
    assert by_from[2] == [("dropped", None)]
    assert by_from[10] == [("continued", 9)]
    new = sorted(r["to_point"] for r in rows if r["relation"] == "new")
    assert new == [5, 13]


def test_crosswalk_can_be_read_backwards():
    rows = crosswalk("2021", "2014")
    assert {r["direction"] for r in rows} == {"reverse"}
    assert len(rows) == len(crosswalk("2014", "2021"))


def test_gaps_2014_include_deradicalisation_as_the_paper_says():
    result = gaps("2014")
    by_theme = {g["theme"]: g for g in result["uncovered_themes"]}
    assert "deradicalisation" in by_theme
    assert "de-radicalization and rehabilitation" in by_theme["deradicalisation"]["statement"]
    assert "Basit" in by_theme["deradicalisation"]["source"]["author"]
    assert "terror-finance" not in by_theme  # 2014 point 6 covers it


def test_gaps_2021_report_declared_and_classified_counts():
    result = gaps("2021")
    assert result["declared"] == {"points": 14, "kinetic": 5, "non_kinetic": 9}
    assert result["classified"] == {"kinetic": 0, "non_kinetic": 3, "unknown": 11}
    uncovered = {g["theme"] for g in result["uncovered_themes"]}
    assert "deradicalisation" in uncovered
    assert "narcotics" not in uncovered


def test_point_detail_of_2021_4_has_schedule_iv_with_dates_and_source():
    detail = point_detail(get_point("2021", 4))
    schedule = next(i for i in detail["indicators"] if i["slug"] == "schedule-iv-listed")
    assert [(v["period"], v["value"]) for v in schedule["values"]] == [
        ("2021", 2646.0),
        ("2024", 8374.0),
    ]
    assert schedule["values"][0]["source"]["publisher"].startswith("National Counter Terrorism")


def test_status_history_is_ordered_and_current_is_latest():
    point = get_point("2014", 2)
    assert point.current_status().status == "elapsed"
    assert point_detail(point)["status"]["date_display"] == "31 March 2019"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("1999", 1), "version_not_found"),
        (("2021", 15), "point_not_found"),
        (("2021", "x"), "point_not_found"),
    ],
)
def test_unknown_version_or_point_is_a_clear_error(args, code):
    with pytest.raises(NotFoundError) as caught:
        get_point(*args)
    assert caught.value.code == code
