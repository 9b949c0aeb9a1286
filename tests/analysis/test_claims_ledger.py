import json
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from napmon.analysis.models import Claim
from napmon.analysis.services import check_claims, seed_reference_data

pytestmark = pytest.mark.django_db
CLAIMS_FILE = Path(__file__).resolve().parents[2] / "src/napmon/analysis/data/claims.yaml"


def _check_json(*keys) -> dict:
    out = __import__("io").StringIO()
    call_command("claims", "check", "--json", *keys, stdout=out)
    return {row["key"]: row for row in json.loads(out.getvalue())}


def test_every_seed_claim_is_checked_with_a_verdict():
    rows = _check_json()
    seeded = {c["key"] for c in yaml.safe_load(CLAIMS_FILE.read_text())["claims"]}
    assert set(rows) == seeded and len(rows) >= 45
    for row in rows.values():
        assert row["verdict"] in ("verified", "approximate", "contradicted", "unverifiable")
        assert {"id", "text", "source", "stated", "computed", "explanation"} <= set(row)
        assert row["explanation"]


def test_the_halved_claim_is_not_verified():
    row = _check_json()["basit-attacks-halved-2008-2014"]
    assert row["verdict"] == "approximate"
    assert row["computed"] == pytest.approx(1206 / 2148, abs=1e-4)
    assert "2,148 → 1,206" in row["explanation"]


@pytest.mark.parametrize(
    ("key", "computed"),
    [
        ("basit-attacks-down-48-percent", -48.1758),
        ("basit-casualties-down-38-percent", -37.9571),
        ("basit-2014-attacks-per-day", 3.3041),
    ],
)
def test_the_paper_arithmetic_is_verified(key, computed):
    row = _check_json()[key]
    assert row["verdict"] == "verified"
    assert row["computed"] == pytest.approx(computed, abs=1e-4)


@pytest.mark.parametrize(
    ("key", "verdict"),
    [
        ("basit-2009-most-volatile", "unverifiable"),  # 2010-2013 have no figure
        # Basit's 2015 "casualties" are PIPS's killed, so 1,069 → 357 killings is checkable.
        ("basit-casualties-continued-to-drop", "verified"),
        ("basit-casualties-slumped-2009-2014", "verified"),
        ("basit-attacks-continued-to-drop", "verified"),
        ("article-schedule-iv-expanded", "verified"),
        ("article-madaris-expanded", "verified"),
        ("article-sectarian-rose", "verified"),
        ("article-accounts-blocked-2024", "verified"),
        ("basit-afghan-border-fenced", "unverifiable"),  # "9,00 km": 900 or 9,000
        ("basit-interviews", "approximate"),  # nine interviewees named, "ten interviews"
        ("article-fatf-exit", "verified"),
        ("article-official-secrets-act", "verified"),
        ("article-press-conference-date", "verified"),
        ("article-azm-62-percent", "unverifiable"),  # no event data
        ("article-5-kinetic", "unverifiable"),  # 11 of 14 points unclassified
        ("article-14-points", "verified"),
        ("basit-nap-20-points", "verified"),
        ("basit-2019-attacks", "verified"),
    ],
)
def test_verdicts_of_the_other_seed_claims(key, verdict):
    assert _check_json(key)[key]["verdict"] == verdict


def test_same_document_figures_are_flagged_as_a_consistency_check():
    row = _check_json("basit-2009-attacks")["basit-2009-attacks"]
    assert "consistency, not independent confirmation" in row["explanation"]
    assert row["consistency"]["explanation"] == row["explanation"]


@pytest.mark.parametrize("key", ["article-14-points", "basit-nap-20-points", "article-5-kinetic"])
def test_plan_point_claims_carry_the_consistency_caveat(key):
    row = _check_json(key)[key]
    assert "plan register was recorded from the documents themselves" in row["explanation"]
    assert "consistency, not independent confirmation" in row["explanation"]


def test_casualties_are_checked_as_killed_with_the_pips_report_named():
    row = _check_json("basit-casualties-slumped-2009-2014")["basit-casualties-slumped-2009-2014"]
    assert row["consistency"]["verdict"] == "matches"
    assert "pips-people-killed 2009 = 3,021" in row["explanation"]
    assert "pips-people-killed 2014 = 1,723" in row["explanation"]
    assert "3,143 injured" in row["note"]


def test_the_ambiguous_fence_length_is_not_verified():
    row = _check_json("basit-afghan-border-fenced")["basit-afghan-border-fenced"]
    assert row["consistency"]["verdict"] == "unverifiable"
    assert row["computed"] is None and row["stated"] == "—"
    assert "900 or 9,000" in row["note"]


def test_a_date_that_differs_does_not_match_its_source():
    claim = Claim.objects.get(key="article-fatf-exit")
    claim.stated = "2022-06"
    claim.save()
    row = check_claims(["article-fatf-exit"])[0]
    assert row["consistency"]["verdict"] == "does_not_match"
    assert row["consistency"]["label"] == "does not match its source"
    assert "The stated date 2022-06 differs from the recorded 2022-10." in row["explanation"]


def test_no_direction_is_claimed_where_the_article_states_none():
    keys = {c["key"] for c in yaml.safe_load(CLAIMS_FILE.read_text())["claims"]}
    assert "article-accounts-blocked" not in keys and "article-funds-frozen" not in keys
    assert {"article-accounts-blocked-2024", "article-funds-frozen-2021"} <= keys


def test_event_data_makes_the_azm_claim_checkable(make_events):
    make_events(
        "Monitor", [("2024-05-10", "PK-KP", 1, 0)] * 100 + [("2024-07-10", "PK-KP", 1, 0)] * 38
    )
    row = check_claims(["article-azm-62-percent"])[0]
    assert row["verdict"] == "verified"
    assert row["computed"] == pytest.approx(-62.0)
    assert "Monitor events in 2024-05 = 100" in row["explanation"]
    # The article gives no figures of its own: the event data are the independent check.
    assert row["consistency"]["verdict"] == "unverifiable"
    assert row["independent"]["verdict"] == "corroborated"


def test_seeding_is_idempotent_and_keeps_edits():
    claim = Claim.objects.get(key="basit-2015-attacks")
    claim.stated = "626"
    claim.save()
    assert seed_reference_data() == {"sources": 0, "interventions": 0, "claims": 0}
    claim.refresh_from_db()
    assert claim.stated == "626"
    assert check_claims(["basit-2015-attacks"])[0]["verdict"] == "approximate"


def test_seeding_fills_independent_checks_of_claims_seeded_before_them():
    claim = Claim.objects.get(key="basit-2009-killings")
    claim.independent = []
    claim.save()
    assert seed_reference_data()["claims"] == 1
    claim.refresh_from_db()
    assert claim.independent == [{"dataset": "UCDP GED", "measure": "killed"}]


@pytest.mark.parametrize(
    ("independent", "field", "message"),
    [
        ([{"measure": "events"}], "independent.dataset", "needs a dataset"),
        ([{"dataset": "UCDP GED", "measure": "injured"}], "independent.measure", "'injured'"),
        (
            [{"dataset": "UCDP GED", "incident": {"date": "11 May 2019", "place": "Gwadar"}}],
            "independent.incident.date",
            "is not YYYY-MM-DD",
        ),
    ],
)
def test_bad_independent_checks_are_refused_naming_the_claim(independent, field, message):
    from napmon.analysis.errors import AnalysisError
    from napmon.analysis.services.reference import claim_values

    spec = {"key": "x-claim", "text": "t", "source": "basit-2020", "subject": {}, "kind": "level"}
    with pytest.raises(AnalysisError) as info:
        claim_values({**spec, "independent": independent}, 1)
    assert info.value.code == "invalid_claim" and info.value.field == field
    assert "Claim 'x-claim'" in info.value.message and message in info.value.message


def test_claims_list_command_prints_a_table():
    out = __import__("io").StringIO()
    call_command("claims", "list", stdout=out)
    assert "basit-attacks-halved-2008-2014" in out.getvalue()


def test_restricted_figures_do_not_decide_public_verdicts(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from napmon.indicators.models import IndicatorValue

    IndicatorValue.objects.filter(
        indicator__slug="pips-terrorist-attacks", period_label="2015"
    ).update(visibility="restricted")
    public = {r["key"]: r for r in check_claims(public_only=True)}
    internal = {r["key"]: r for r in check_claims()}
    key = next(k for k, r in internal.items() if "625" in " ".join(r["inputs"]))
    assert internal[key]["verdict"] == "verified"
    assert public[key]["verdict"] == "unverifiable"
    assert "625" not in " ".join(public[key]["inputs"])

    page = client.get("/outcomes/claims/").content.decode()
    assert "= 625" not in page
    analyst = get_user_model().objects.create_user("an-1", password="a-long-password-1")
    analyst.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    client.force_login(analyst)
    assert "= 625" in client.get("/outcomes/claims/").content.decode()
