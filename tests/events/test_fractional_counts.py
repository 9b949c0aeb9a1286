"""GTD's fractional casualty counts (wounded 8.5) are kept, summed exactly and shown as such."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from napmon.analysis.services import summarise, summary_totals
from napmon.events.importers.values import RowError, to_amount, to_count
from napmon.events.models import Dataset, Event
from napmon.events.services import import_events, summarise_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def fractional(reference, data_dir):
    report = import_events(data_dir / "gtd/valid/gtd_fractional.csv", "gtd")
    Dataset.objects.filter(name="GTD").update(licence_tier="open")
    return report


def test_the_fractional_wounded_row_imports_whole(fractional):
    assert fractional.imported == 3
    assert fractional.problems == []
    event = Event.objects.get(key="201501010001")
    assert event.injured == 8.5
    assert event.killed == 2
    assert isinstance(event.killed, int)  # whole counts stay whole numbers
    assert Event.objects.get(key="201503010001").injured is None  # -99: unknown, not 0


def test_summaries_include_the_half(fractional):
    by_year = summarise_events("year", {})
    assert by_year == [
        {
            "key": "2015",
            "events": 3,
            "killed": 94,
            "injured": 12.5,
            "killed_unknown": 1,  # the third row gives no killed figure
            "injured_unknown": 1,  # and -99 wounded: unknown, not 0
        }
    ]
    assert summarise("year", {})[0]["injured"] == 12.5
    assert summary_totals({})["injured"] == 12.5


def test_cli_and_api_show_the_fractional_total(fractional, client):
    out = StringIO()
    call_command("events", "summary", "--by", "year", stdout=out)
    assert "12.5" in out.getvalue()
    out = StringIO()
    call_command("events", "summary", "--by", "year", "--json", stdout=out)
    assert json.loads(out.getvalue())["rows"][0]["injured"] == 12.5
    rows = client.get("/api/v1/events/summary?by=year").json()["rows"]
    assert [(r["key"], r["injured"]) for r in rows] == [("2015", 12.5)]


def test_importing_again_changes_nothing(fractional, data_dir):
    again = import_events(data_dir / "gtd/valid/gtd_fractional.csv", "gtd")
    assert (again.imported, again.updated, again.duplicates) == (0, 0, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8.5", 8.5), ("17.0", 17), ("1,234.25", 1234.25), ("3", 3), ("-99", None), ("", None)],
)
def test_counts_keep_fractions_and_whole_numbers(text, expected):
    assert to_amount(text, "nwound", frozenset({"-99"})) == expected


def test_more_than_two_places_is_refused_not_rounded():
    with pytest.raises(RowError, match="more than two decimal places"):
        to_amount("0.333", "nwound")


def test_at_least_fraction_and_whole_hostages():
    assert to_count("8.5+", "injured") == (8.5, True)
    with pytest.raises(RowError, match="not a whole number"):
        to_count("2.5", "hostages", whole=True)
