"""Two verdicts per claim, on the built-in UCDP GED Pakistan file (imported once here)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from napmon.analysis.models import Claim
from napmon.analysis.services import check_claims

pytestmark = pytest.mark.django_db


def _check_json(*keys) -> dict:
    out = StringIO()
    call_command("claims", "check", "--json", *keys, stdout=out)
    return {row["key"]: row for row in json.loads(out.getvalue())}


@pytest.fixture(scope="module")
def rows(ucdp_ged, django_db_blocker):
    with django_db_blocker.unblock():
        return _check_json()


def test_every_claim_has_both_verdicts_with_explanations(rows):
    for row in rows.values():
        assert row["consistency"]["verdict"] in (
            "matches",
            "approximate",
            "does_not_match",
            "unverifiable",
        )
        assert row["independent"]["verdict"] in (
            "corroborated",
            "mixed",
            "contradicted",
            "no_independent_data",
        )
        assert row["consistency"]["explanation"] and row["independent"]["explanation"]
    checked = [r for r in rows.values() if r["independent"]["verdict"] != "no_independent_data"]
    assert len(checked) >= 8
    assert all("UCDP GED" in r["independent"]["explanation"] for r in checked)


def test_most_volatile_year_is_only_partly_corroborated(rows):
    row = rows["basit-2009-most-volatile"]
    assert row["independent"]["verdict"] == "mixed"
    text = row["independent"]["explanation"]
    assert "2010 is the highest (962 against 883 in 2009)" in text  # events
    assert "2009 is the highest (7,460)" in text  # deaths


@pytest.mark.parametrize(
    ("key", "phrase"),
    [
        ("basit-attacks-down-48-percent", "fell from 410 to 260 (-36.6%) over 2014-2015"),
        ("basit-casualties-down-38-percent", "fell from 3,614 to 2,419 (-33.1%) over 2014-2015"),
        ("basit-attacks-continued-to-drop", "fell from 260 to 81 (-68.8%) over 2015-2019"),
        ("basit-casualties-continued-to-drop", "it fell every year"),
    ],
)
def test_declines_are_corroborated_by_direction_only(rows, key, phrase):
    row = rows[key]
    assert row["independent"]["verdict"] == "corroborated"
    assert phrase in row["independent"]["explanation"]
    assert "only the direction is compared" in row["independent"]["explanation"]
    assert row["independent"]["comparisons"] == ["direction"]


def test_a_rise_hidden_between_the_end_points_is_shown(rows):
    text = rows["basit-attacks-continued-to-drop"]["independent"]["explanation"]
    assert "2018: 77, 2019: 81; it rose in 2019" in text


def test_levels_of_a_different_measure_compare_orders_of_magnitude(rows):
    row = rows["basit-2009-attacks"]
    assert row["consistency"]["verdict"] == "matches"
    assert row["consistency"]["label"] == "matches its source"
    assert row["independent"]["verdict"] == "corroborated"
    assert (
        "events in 2009: 883; the stated 2,586 is 2.93 times that"
        in (row["independent"]["explanation"])
    )


@pytest.mark.parametrize(
    ("key", "phrase"),
    [
        (
            "basit-gwadar-pc-killed",
            "1 event(s) in Gwadar on 11 May 2019; deaths (best estimate): 8",
        ),
        (
            "basit-karachi-consulate-attackers-killed",
            "1 event(s) in Karachi on 23 November 2018; deaths (best estimate): 7",
        ),
    ],
)
def test_footnoted_incidents_are_found_by_date_and_place(rows, key, phrase):
    row = rows[key]
    assert row["independent"]["verdict"] == "corroborated"
    assert phrase in row["independent"]["explanation"]
    assert "Same measure" in row["independent"]["explanation"]


def test_injuries_are_not_checked_against_a_dataset_without_them(rows):
    row = rows["basit-dalbandin-bus-injured"]
    assert row["consistency"]["verdict"] == "matches"
    assert row["independent"]["verdict"] == "no_independent_data"
    assert "UCDP records no injuries" in row["independent"]["explanation"]


def test_the_aps_date_is_consistent_and_the_attack_is_in_ucdp(rows):
    row = rows["article-aps-attack-date"]
    assert row["consistency"]["verdict"] == "matches"
    assert "2014-12-16 matches the recorded 2014-12-16" in row["consistency"]["explanation"]
    assert row["independent"]["verdict"] == "corroborated"
    assert "deaths (best estimate): 156" in row["independent"]["explanation"]


def test_claims_after_the_ucdp_coverage_have_no_independent_data(rows):
    assert rows["article-azm-62-percent"]["independent"]["verdict"] == "no_independent_data"
    assert rows["article-kp-operations-2024"]["independent"]["label"] == "no independent data"


def test_cli_table_and_api_show_both_verdicts(ucdp_ged, client):
    out = StringIO()
    call_command("claims", "check", "basit-2009-most-volatile", stdout=out)
    text = out.getvalue()
    assert "cannot be checked against its source" in text and "partly corroborated" in text
    assert "Independent: 1 partly corroborated" in text

    body = client.get("/api/v1/claims?independent=mixed").json()
    assert [r["key"] for r in body] == ["basit-2009-most-volatile"]
    assert body[0]["consistency"]["verdict"] == "unverifiable"

    page = client.get("/outcomes/claims/").content.decode()
    assert "partly corroborated" in page and "matches its source" in page
    assert "only directions and orders of magnitude" in page


def test_a_dataset_that_is_not_imported_gives_no_independent_data():
    claim = Claim.objects.get(key="basit-2009-attacks")
    claim.independent = [{"dataset": "GTD", "measure": "events"}]
    claim.save()
    row = check_claims(["basit-2009-attacks"])[0]
    assert row["independent"]["verdict"] == "no_independent_data"
    assert row["independent"]["explanation"] == "GTD is not imported."
    assert row["consistency"]["verdict"] == "matches"
