"""The map page and map services on the built-in UCDP data, imported by the ucdp importer."""

import re

import pytest

from napmon.analysis.services import maps
from napmon.events.services import summarise_events

pytestmark = pytest.mark.django_db
ROW = re.compile(
    r'<tr data-code="(?P<code>[^"]+)"><th scope="row">(?P<label>[^<]+)</th>'
    r'<td class="num">(?P<events>[^<]+)</td><td class="num">(?P<killed>[^<]+)</td>'
)


def _table(html: str) -> dict:
    table = re.search(r'<table id="province-map-table">.*?</table>', html, re.S)[0]
    return {m["label"]: (m["events"], m["killed"]) for m in ROW.finditer(table)}


def test_map_page_table_equals_the_events_summary_by_province(client, ucdp_events):
    html = client.get("/outcomes/map/").content.decode()
    assert "© OpenStreetMap contributors" in html
    assert '<a href="/outcomes/map/">Maps</a>' in html  # in the site navigation
    assert 'data-spec="map-province"' in html and 'id="map-province"' in html
    shown = _table(html)
    expected = {
        r["key"]: (str(r["events"]), str(r["killed"]))
        for r in summarise_events("province", {"dataset": "UCDP GED"})
    }
    expected["province unknown (not on the map)"] = expected.pop("unknown")
    assert shown == expected
    assert shown["Federally Administered Tribal Areas"] == ("3217", "24488")
    assert "1989–2019" in html


def test_2009_map_draws_fata_apart_and_2019_map_folds_it_into_kp(client, ucdp_events):
    html_2009 = client.get("/outcomes/map/", {"year_from": 2009, "year_to": 2009}).content
    rows_2009 = _table(html_2009.decode())
    summary_2009 = {
        r["key"]: r["events"]
        for r in summarise_events(
            "province",
            {"dataset": "UCDP GED", "date_from": "2009-01-01", "date_to": "2009-12-31"},
        )
    }
    assert rows_2009["Federally Administered Tribal Areas"][0] == str(
        summary_2009["Federally Administered Tribal Areas"]
    )
    assert rows_2009["Khyber Pakhtunkhwa"][0] == str(summary_2009["Khyber Pakhtunkhwa"])

    html_2019 = client.get("/outcomes/map/", {"year_from": 2019, "year_to": 2019}).content.decode()
    rows_2019 = _table(html_2019)
    assert "Federally Administered Tribal Areas" not in rows_2019
    assert rows_2019["Khyber Pakhtunkhwa (with former FATA)"] == ("49", "116")
    assert "counted and coloured as part of Khyber Pakhtunkhwa" in html_2019

    separate = client.get(
        "/outcomes/map/", {"year_from": 2019, "year_to": 2019, "fata": "separate"}
    ).content.decode()
    rows = _table(separate)
    assert rows["Federally Administered Tribal Areas"] == ("—", "—")
    assert rows["Khyber Pakhtunkhwa"] == ("49", "116")
    assert "FATA no longer existed in this period" in separate


def test_folded_map_paints_the_fata_shape_with_the_kp_figure(ucdp_events):
    from datetime import date

    result = maps.province_map(
        "UCDP GED", date_from=date(2009, 1, 1), date_to=date(2009, 12, 31), fold_mode="fold"
    )
    shapes = {s["code"]: s["value"] for s in result["shapes"]}
    assert len(shapes) == 8
    assert shapes["PK-TA"] == shapes["PK-KP"]
    folded = summarise_events(
        "province",
        {
            "dataset": "UCDP GED",
            "date_from": date(2009, 1, 1),
            "date_to": date(2009, 12, 31),
            "fold_fata": True,
        },
    )
    assert shapes["PK-KP"] == next(r["events"] for r in folded if r["key"] == "Khyber Pakhtunkhwa")


def test_small_maps_by_half_year_and_points_only_for_open_data(client, ucdp_events, make_events):
    html = client.get(
        "/outcomes/map/", {"year_from": 2018, "year_to": 2019, "step": "half", "measure": "killed"}
    ).content.decode()
    table = re.search(r'<table id="small-maps-table">.*?</table>', html, re.S)[0]
    assert [
        p
        for p in re.findall(r'<th scope="row"><bdi class="ltr" dir="ltr">([^<]+)</bdi></th>', table)
    ] == [
        "2018-H1",
        "2018-H2",
        "2019-H1",
        "2019-H2",
    ]
    assert 'data-spec="map-points"' in html and "without coordinates" in html
    # the 2018-H2 panel already folds FATA into KP; 2018-H1 keeps it apart
    assert "Federally Administered Tribal Areas</th>" in table
    assert "Khyber Pakhtunkhwa (with former FATA)</th>" in table

    make_events("GTD", [("2015-03-01", "PK-PB", 2, 1)] * 6)
    from napmon.events.models import Dataset

    Dataset.objects.filter(name="GTD").update(format="gtd")
    html = client.get("/outcomes/map/", {"dataset": "GTD"}).content.decode()
    assert "The rows of GTD are not public" in html
    assert 'data-spec="map-points"' not in html
    assert _table(html)["Punjab"] == ("6", "12")


def test_map_page_refuses_reversed_years_with_a_message(client, ucdp_events):
    html = client.get("/outcomes/map/", {"year_from": 2012, "year_to": 2010}).content.decode()
    assert "The last year is before the first year." in html
    html = client.get("/outcomes/map/", {"year_from": 1980, "year_to": 1990}).content.decode()
    assert "UCDP GED covers 1989–2019; choose years within that range." in html
    assert 'id="province-map-table"' not in html  # no map of zeros for years without data


def test_map_page_without_events_says_so(client):
    html = client.get("/outcomes/map/").content.decode()
    assert "No events are imported yet" in html
