"""Summaries add up to an independent count of the sample file."""

import csv
from collections import Counter

import pytest

from napmon.events.errors import EventImportError
from napmon.events.services import import_events, summarise_events

pytestmark = pytest.mark.django_db

PROVINCE_OF = {
    "Khyber Pakhtunkhwa": "Khyber Pakhtunkhwa",
    "NWFP": "Khyber Pakhtunkhwa",
    "Khyber Pakhtunkwa": "Khyber Pakhtunkhwa",
    "Balochistan": "Balochistan",
    "Baluchistan": "Balochistan",
    "Sindh": "Sindh",
    "Punjab": "Punjab",
    "Capital": "Islamabad Capital Territory",
    "Federally Administered Tribal Areas": "Federally Administered Tribal Areas",
}


def _rows(path):
    with path.open(encoding="cp1252", newline="") as fh:
        return list(csv.DictReader(fh))


def _number(text):
    return int(text) if text and int(text) >= 0 else 0


@pytest.fixture
def gtd(reference, data_dir):
    """The sample's rows located in Pakistan: what summaries count unless told otherwise."""
    path = data_dir / "gtd/valid/gtd_pakistan.csv"
    import_events(path, "gtd")
    return [r for r in _rows(path) if r["country_txt"] == "Pakistan"]


def test_summary_by_year_matches_the_file(gtd):
    expected = Counter(r["iyear"] for r in gtd)
    killed = {}
    for r in gtd:
        known = r["nkill"] and int(r["nkill"]) >= 0
        if known or r["iyear"] not in killed:
            killed[r["iyear"]] = (killed.get(r["iyear"]) or 0) + int(r["nkill"]) if known else None

    rows = summarise_events("year", {"dataset": "GTD"})

    assert {r["key"]: r["events"] for r in rows} == dict(expected)
    assert {r["key"]: r["killed"] for r in rows} == dict(killed)


def test_summary_by_province_counts_unknown_and_folds_fata(gtd):
    expected = Counter()
    for r in gtd:
        name = PROVINCE_OF.get(r["provstate"]) if r["country_txt"] == "Pakistan" else None
        if name == "Federally Administered Tribal Areas" and r["iyear"] >= "2019":
            name = "Khyber Pakhtunkhwa"  # after the merger of 31 May 2018
        expected[name or "unknown"] += 1

    rows = {r["key"]: r["events"] for r in summarise_events("province", {"dataset": "GTD"})}
    assert rows == dict(expected)
    assert sum(rows.values()) == len(gtd)

    folded = {r["key"]: r["events"] for r in summarise_events("province", {"fold_fata": True})}
    assert "Federally Administered Tribal Areas" not in folded
    assert folded["Khyber Pakhtunkhwa"] == (
        expected["Khyber Pakhtunkhwa"] + expected["Federally Administered Tribal Areas"]
    )


@pytest.mark.parametrize("by", ["actor", "family", "type", "month", "dataset"])
def test_every_grouping_adds_up_to_all_events(gtd, by):
    rows = summarise_events(by, {"dataset": "GTD"})
    assert sum(r["events"] for r in rows) == len(gtd)
    assert sum(r["killed"] or 0 for r in rows) == sum(_number(r["nkill"]) for r in gtd)


def test_family_groups_splinters_under_ttp(gtd):
    families = {r["key"]: r["events"] for r in summarise_events("family", {"dataset": "GTD"})}
    ttp_family = {"Tehrik-i-Taliban Pakistan (TTP)", "Jamaat-ul-Ahrar", "Hizb-ul-Ahrar"}
    assert families["Tehrik-i-Taliban Pakistan"] == sum(1 for r in gtd if r["gname"] in ttp_family)


def test_filters_and_retired_events(reference, data_dir):
    import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled")
    import_events(data_dir / "acled/valid/acled_2023-02-28.csv", "acled")
    rows = summarise_events("year", {"dataset": "ACLED"})
    # ACLED records no injuries: unknown (None), never 0.
    assert rows == [
        {
            "key": "2023",
            "events": 4,
            "killed": 4 + 5 + 0 + 3,
            "injured": None,
            "killed_unknown": 0,
            "injured_unknown": 4,
        }
    ]
    january = summarise_events("month", {"date_to": "2023-01-31", "country": "pakistan"})
    assert january == [
        {
            "key": "2023-01",
            "events": 3,
            "killed": 9,
            "injured": None,
            "killed_unknown": 0,
            "injured_unknown": 3,
        }
    ]


def test_multi_country_file_counts_pakistan_unless_asked(reference, data_dir):
    path = data_dir / "gtd/valid/gtd_multi_country.csv"
    report = import_events(path, "gtd")
    rows = _rows(path)
    foreign = [r for r in rows if r["country_txt"] != "Pakistan"]
    assert (report.imported, report.outside_pakistan) == (16, len(foreign)) == (16, 5)

    pakistan = summarise_events("year", {"dataset": "GTD"})
    expected = Counter(r["iyear"] for r in rows if r["country_txt"] == "Pakistan")
    assert {r["key"]: r["events"] for r in pakistan} == dict(expected)
    assert sum(r["events"] for r in pakistan) == 11

    everywhere = summarise_events("year", {"dataset": "GTD", "country": "all"})
    assert sum(r["events"] for r in everywhere) == 16
    afghanistan = summarise_events("year", {"country": "Afghanistan"})
    assert {r["key"]: r["events"] for r in afghanistan} == {"2014": 1, "2015": 1, "2018": 1}
    # An Afghan event has no Pakistani province: nothing foreign lands in "unknown" either.
    by_province = summarise_events("province", {"dataset": "GTD"})
    assert sum(r["events"] for r in by_province) == 11


def test_unknown_grouping_is_refused():
    with pytest.raises(EventImportError) as caught:
        summarise_events("colour")
    assert caught.value.code == "invalid_grouping"
