"""Outcomes in the six-monthly review, through the points' declared outcome links.

Figures from the built-in UCDP GED Pakistan file (deaths, best estimate): H1 2018 137,
H2 2018 327, H1 2019 167, H2 2019 90; events in Balochistan: H1 2019 12, H2 2019 4.
"""

import pytest

from napmon.plans.models import OutcomeLink, Point
from napmon.reporting import services
from napmon.reporting.services.evidence_base import gather

pytestmark = pytest.mark.django_db


@pytest.fixture
def point1(db):
    return Point.objects.get(version__label="2021", number=1)


@pytest.fixture
def point10(db):
    return Point.objects.get(version__label="2021", number=10)


def test_the_dataset_declares_outcome_links_with_a_rationale(point1, point10):
    link = OutcomeLink.objects.get(point=point1)
    assert (link.dataset, link.measure, link.province) == ("UCDP GED", "killed", "")
    assert "Zero tolerance for militancy" in link.rationale
    assert link.source.key == "nap-monitor-analysts"
    link = OutcomeLink.objects.get(point=point10)
    assert (link.dataset, link.measure, link.province) == ("UCDP GED", "events", "PK-BA")


def test_review_half_with_data_shows_the_change_and_the_rubric_uses_it(ucdp_ged, point1):
    basis = gather(point1, 2019, 2)
    outcome = basis["outcome"]
    assert outcome["label"] == "UCDP GED deaths (best estimate) in Pakistan"
    assert (outcome["half"], outcome["previous_half"]) == ("H2 2019", "H1 2019")
    assert (outcome["value"], outcome["previous"]) == (90, 167)
    assert outcome["change_pct"] == -46.1
    assert outcome["caveat"] == "association, not proof of cause"
    proposal = basis["proposal"].as_dict()
    adjustment = next(a for a in proposal["adjustments"] if a["reason"].startswith("outcome"))
    assert adjustment == {
        "reason": "outcome_better",
        "change_pct": -46.1,
        "delta": 0.1,
        "basis": {
            "dataset": "UCDP GED",
            "measure": "killed",
            "province": None,
            "half": "H2 2019",
            "previous_half": "H1 2019",
            "value": 90.0,
            "previous": 167.0,
        },
    }
    assert "no_outcome_data" not in proposal["notes"]
    assert proposal["score"] == pytest.approx(proposal["base"] + 0.1)


def test_a_rise_in_deaths_lowers_the_proposal(ucdp_ged, point1):
    proposal = gather(point1, 2018, 2)["proposal"].as_dict()
    adjustment = next(a for a in proposal["adjustments"] if a["reason"].startswith("outcome"))
    assert (adjustment["reason"], adjustment["change_pct"], adjustment["delta"]) == (
        "outcome_worse",
        138.7,
        -0.1,
    )


def test_a_province_link_counts_that_province_only(ucdp_ged, point10):
    outcome = gather(point10, 2019, 2)["outcome"]
    assert outcome["label"] == "UCDP GED events in Balochistan"
    assert (outcome["value"], outcome["previous"], outcome["change_pct"]) == (4, 12, -66.7)


def test_a_review_period_without_outcome_data_says_so(ucdp_ged, point1):
    basis = gather(point1, 2025, 1)
    outcome = basis["outcome"]
    assert outcome["change_pct"] is None and outcome["value"] is None
    assert outcome["reason"] == (
        "UCDP GED covers 1989 to 2019, so it has no data for H1 2025 against H2 2024; "
        "no outcome change is used."
    )
    proposal = basis["proposal"].as_dict()
    assert "no_outcome_data" in proposal["notes"]
    assert not [a for a in proposal["adjustments"] if a["reason"].startswith("outcome")]


def test_a_point_without_a_link_has_no_outcome(ucdp_ged):
    point4 = Point.objects.get(version__label="2021", number=4)
    assert gather(point4, 2019, 2)["outcome"] is None


def test_the_review_page_shows_the_outcome_with_dataset_and_caveat(
    ucdp_ged, users, point1, punjab, client
):
    services.assign_point(punjab, point1, actor=users["coordinator"])
    review = services.open_review("2019-H2", actor=users["coordinator"])
    row = review.points.get(point=point1)
    assert row.proposal["adjustments"][-1]["reason"] == "outcome_better"
    client.force_login(users["reviewer"])
    html = client.get(f"/reporting/reviews/{review.pk}/").content.decode()
    assert "UCDP GED deaths (best estimate) in Pakistan" in html
    assert "H2 2019 90 against H1 2019 167" in html and "-46.1%" in html
    assert "association, not proof of cause" in html
    assert "Zero tolerance for militancy aims at ending militant violence" in html


def test_the_api_gives_reviewers_the_outcome_basis_of_the_proposal(
    ucdp_ged, users, point1, punjab, client
):
    from napmon.api.services.tokens import create_token

    services.assign_point(punjab, point1, actor=users["coordinator"])
    services.open_review("2019-H2", actor=users["coordinator"])
    _token, secret = create_token(users["reviewer"], "read token", "read")
    body = client.get("/api/v1/reviews/2019-H2", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    row = next(r for r in body["ratings"] if r["point"]["number"] == 1)
    outcome = row["proposal"]["adjustments"][-1]
    assert (outcome["reason"], outcome["change_pct"]) == ("outcome_better", -46.1)
    assert outcome["basis"]["dataset"] == "UCDP GED" and outcome["basis"]["value"] == 90
