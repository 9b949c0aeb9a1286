"""Summaries by district on the built-in UCDP data: aliases, former FATA, unknown."""

import json

import pytest
from django.core.management import call_command

from napmon.events.models import District
from napmon.events.resolvers import DistrictGazetteer
from napmon.events.services import summarise_events, unresolved_districts
from napmon.events.services.summary import district_of

pytestmark = pytest.mark.django_db


def test_former_fata_agencies_are_kp_districts(reference):
    bajaur = District.objects.get(name="Bajaur")
    assert (bajaur.province.code, bajaur.former_unit.code) == ("PK-KP", "PK-TA")
    assert District.objects.get(name="Quetta").former_unit is None


@pytest.mark.parametrize(
    ("district", "city", "expected"),
    [
        ("Bajaur Agency", "", "Bajaur"),  # UCDP adm_2 of a former agency
        ("FR Kohat", "", "Kohat"),  # a frontier region: its successor district
        ("Jafarabad Distrcit", "", "Jafarabad"),  # UCDP's own misspelling
        ("", "Peshawar", "Peshawar"),  # GTD records a city and no district
        ("", "Islamabad City", "Islamabad"),
        ("Nowhere District", "Quetta", None),  # a recorded district is not guessed
        ("", "Bannu-Miranshah road", None),
    ],
)
def test_recorded_names_resolve_to_districts(reference, district, city, expected):
    assert district_of(DistrictGazetteer(), district, city) == expected


def test_summary_by_district_counts_unresolved_names_as_unknown(ucdp_events):
    rows = {r["key"]: r for r in summarise_events("district", {"dataset": "UCDP GED"})}
    assert sum(r["events"] for r in rows.values()) == 5834
    assert rows["Bajaur"]["events"] == 421
    assert rows["Kohat"]["events"] == 31 + 74  # Kohat District and FR Kohat
    unresolved = unresolved_districts({"dataset": "UCDP GED"})
    listed = {(n["name"], n["field"]): n["events"] for n in unresolved["names"]}
    assert listed[("FR Bannu - Mir Ali", "district")] == 2
    assert listed[("LoC", "city")] == 17
    assert rows["unknown"]["events"] == sum(listed.values()) + unresolved["unrecorded"]
    assert list(rows)[-1] == "unknown"


def test_cli_and_api_summaries_by_district(ucdp_events, capsys, client):
    call_command("events", "summary", "--by", "district", "--dataset", "UCDP GED", "--json")
    cli = json.loads(capsys.readouterr().out)["rows"]
    direct = summarise_events("district", {"dataset": "UCDP GED"})
    assert [{k: r[k] for k in direct[0]} for r in cli] == direct
    assert cli[-1]["key"] == "unknown" and cli[-1]["events"] > 0

    call_command("events", "districts", "--dataset", "UCDP GED")
    out = capsys.readouterr().out
    assert "FR Bannu - Mir Ali" in out and "record neither a district nor a city" in out

    data = client.get("/api/v1/events/summary", {"by": "district", "dataset": "UCDP GED"}).json()
    api = {r["key"]: r["events"] for r in data["rows"]}
    assert data["by"] == "district"
    assert api["Bajaur"] == 421
    # UCDP is open data: its rows are public, so no cell of it is withheld (core.visibility)
    assert api["Ghotki"] == 1
    assert api["unknown"] == cli[-1]["events"]
    # UCDP is open: the public reads the same document as the operator's CLI, k apart
    assert data["rows"] == cli
