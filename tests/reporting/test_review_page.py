"""The review page explains the rubric in words and leaves the choice to the reviewer."""

import re

import pytest

from napmon.reporting import explain, services

from .helpers import fill

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("adjustment", "words"),
    [
        (
            {"reason": "reporting_rate_low", "rate": 0.25, "delta": -0.15},
            "Only 25% of the expected monthly reports were approved (below 50%): -0.15",
        ),
        (
            {"reason": "outcome_worse", "change_pct": 14.7, "delta": -0.1},
            "The outcome worsened by 14.7% over the half-year (10% or more): -0.10",
        ),
    ],
)
def test_adjustments_in_words(adjustment, words):
    assert explain.adjustment(adjustment).startswith(words)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(5120, "5,120"), ("250000000.0000", "250,000,000"), ("2.5000", "2.5"), (None, "–")],
)
def test_figures_have_separators_and_no_exponent(value, shown):
    assert explain.figure(value) == shown


def test_review_page_has_no_codes_and_no_preselected_rating(client, report, users):
    services.save_report(report, fill(report, 26160), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    services.approve_report(report, actor=users["reviewer"])
    review = services.open_review("2025-H1", actor=users["coordinator"])
    client.force_login(users["reviewer"])
    html = client.get(f"/reporting/reviews/{review.pk}/").content.decode()
    for code in ("reporting_rate_low", "reporting_rate_high", "change_pct", "no_outcome_data"):
        assert code not in html
    row = review.points.get()
    # Punjab approved, KP did not report: half the expected reports, no adjustment.
    assert row.proposal["adjustments"] == []
    assert "improving by 5% or more" in html or "not enough values" in html
    assert "No outcome data for this point" in html
    form = html[html.index("rating-form") :]
    selected = re.findall(r"<option value=\"([a-z]*)\"[^>]*selected", form)
    # The national form and one per reporting province (Punjab, KP): none pre-selected.
    assert selected == ["", "", ""]
    response = client.post(
        f"/reporting/reviews/{review.pk}/points/{row.pk}/",
        {f"p{row.pk}-rationale": "No choice made."},
        follow=True,
    )
    assert "Choose a rating and give the rationale." in response.content.decode()
    row.refresh_from_db()
    assert row.rating == ""
