"""One count on every face: the CLI, the API and the pages show the same summary.

``analysis.services.visible.summary_document`` is the one summary service; these tests
hold `napmon events summary`, `napmon outcomes summary`, /api/v1/events/summary,
/api/v1/outcomes/summary, the outcomes page and the events explorer to the same figures
for the same query.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from napmon.events.models import Dataset

pytestmark = pytest.mark.django_db
FILTERS = {"dataset": "TESTSET", "date_from": "2015-01-01", "date_to": "2016-12-31"}


@pytest.fixture
def events(make_events):
    rows = [
        ("2015-02-03", "PK-KP", 3, None),
        ("2015-06-01", "PK-TA", 2, 1),  # FATA before the merger
        ("2016-01-09", "PK-BA", None, 4),
        ("2016-03-30", "PK-SD", 1, 0),
        ("2016-08-12", None, 0, None),  # no province recorded: "unknown"
        ("2017-01-01", "PK-PB", 9, 9),  # outside the query's dates
    ]
    return make_events("TESTSET", rows)


def cli(command, *args):
    out = StringIO()
    call_command(command, "summary", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def cli_args(by, filters, fold=False):
    args = ["--by", by, "--dataset", filters["dataset"]]
    args += ["--from", filters["date_from"], "--to", filters["date_to"]]
    return args + (["--fold-fata"] if fold else [])


@pytest.mark.parametrize("by", ["year", "month", "province", "dataset"])
@pytest.mark.parametrize("fold", [False, True])
def test_cli_and_api_print_the_same_summary_document(events, client, analyst, token_for, by, fold):
    query = {**FILTERS, "by": by, "fold_fata": fold}
    auth = token_for(analyst)
    api_events = client.get("/api/v1/events/summary", query, **auth).json()
    api_outcomes = client.get("/api/v1/outcomes/summary", query, **auth).json()
    assert cli("events", *cli_args(by, FILTERS, fold)) == api_events
    assert cli("outcomes", *cli_args(by, FILTERS, fold)) == api_outcomes == api_events
    assert sum(r["events"] for r in api_events["rows"]) == 5


def test_the_fata_fold_moves_fata_under_khyber_pakhtunkhwa(events, client):
    query = {**FILTERS, "by": "province"}
    apart = {
        r["key"]: r["events"] for r in client.get("/api/v1/events/summary", query).json()["rows"]
    }
    query["fold_fata"] = True
    folded = {
        r["key"]: r["events"] for r in client.get("/api/v1/events/summary", query).json()["rows"]
    }
    fata = "Federally Administered Tribal Areas"
    assert apart["Khyber Pakhtunkhwa"] == 1 and apart[fata] == 1
    assert folded["Khyber Pakhtunkhwa"] == 2 and fata not in folded


def test_the_pages_show_the_figures_of_the_api(events, client):
    api = client.get("/api/v1/events/summary", {**FILTERS, "by": "province"}).json()
    assert api["k"] is not None  # the public document: the same policy as the pages
    by_key = {r["key"]: r["events"] for r in api["rows"]}

    # The outcomes page has no date filter: the dataset's whole span, as the API counts it.
    whole = client.get("/api/v1/events/summary", {"dataset": "TESTSET", "by": "province"})
    page = client.get("/outcomes/", {"dataset": "TESTSET"})
    shown = {r["key"]: r["events"] for r in page.context["panels"]["province"]["rows"]}
    assert shown == {r["key"]: r["events"] for r in whole.json()["rows"]}
    assert shown["Punjab"] == 1  # the 2017 event

    explorer = client.get("/events/", FILTERS)
    assert explorer.context["totals"]["events"] == sum(by_key.values()) == 5


def test_restricted_data_stays_out_of_every_public_face(events, client):
    Dataset.objects.filter(name="TESTSET").update(licence_tier="restricted")
    api = client.get("/api/v1/events/summary", {**FILTERS, "by": "year"}).json()
    assert api["rows"] == []
    explorer = client.get("/events/", FILTERS)
    assert explorer.context["totals"]["events"] == 0
    # the operator's CLI sees everything, as staff do
    assert sum(r["events"] for r in cli("events", *cli_args("year", FILTERS))["rows"]) == 5
