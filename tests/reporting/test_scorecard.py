"""The province-by-point scorecard: raters side by side, national row first."""

from datetime import date

import pytest

from napmon.indicators.models import Rating, Source
from napmon.reporting.errors import ReportingError
from napmon.reporting.services.scorecard import record_point_rating

pytestmark = pytest.mark.django_db


def test_scorecard_shows_raters_side_by_side_per_province(client, assigned, users, punjab):
    issra = Source.objects.create(
        key="issra-2025", kind="research", publisher="ISSRA", title="NAP review"
    )
    record_point_rating(
        assigned,
        geography_code="PK-PB",
        rater_kind="self_assessment",
        rating="satisfactory",
        decided_on=date(2025, 11, 20),
        rationale="All accounts reviewed.",
        evidence_links="https://punjab.example/report.pdf",
        actor=users["punjab"],
    )
    record_point_rating(
        assigned,
        geography_code="PK-PB",
        rater_kind="independent",
        rating="mixed",
        decided_on=date(2025, 10, 2),
        rationale="Follow-up is slow.",
        source=issra,
        rater="ISSRA",
        actor=users["coordinator"],
    )
    html = client.get("/reporting/scorecard/2021/").content.decode()
    row = html[html.index('data-point="4" data-geography="PK-PB"') :]
    row = row[: row.index("</tr>")]
    assert "Satisfactory" in row or "satisfactory" in row
    assert "decided 2025-11-20" in row and "decided 2025-10-02" in row
    assert "ISSRA" in row and "Punjab" in row
    assert 'href="https://punjab.example/report.pdf"' in row
    # The national row comes first and says "not rated" rather than borrowing a rating.
    national = html.index('data-point="4" data-geography="PK"')
    assert national < html.index('data-point="4" data-geography="PK-PB"')
    assert Rating.objects.filter(point=assigned, geography="PK").count() == 0


def test_reporters_rate_only_their_own_province_and_others_need_a_source(assigned, users):
    with pytest.raises(ReportingError) as err:
        record_point_rating(
            assigned,
            geography_code="PK-KP",
            rater_kind="self_assessment",
            rating="mixed",
            decided_on=date(2025, 11, 1),
            rationale="x",
            actor=users["punjab"],
        )
    assert (err.value.code, err.value.field) == ("wrong_geography", "geography")
    with pytest.raises(ReportingError) as err:
        record_point_rating(
            assigned,
            geography_code="PK",
            rater_kind="independent",
            rating="mixed",
            decided_on=date(2025, 11, 1),
            rationale="x",
            actor=users["coordinator"],
        )
    assert (err.value.code, err.value.field) == ("source_required", "source")


def test_scorecard_form_refuses_anonymous_posts_and_names_bad_fields(client, assigned, users):
    assert client.post("/reporting/scorecard/2021/", {}).status_code == 403
    client.force_login(users["coordinator"])
    html = client.post(
        "/reporting/scorecard/2021/",
        {"point": assigned.pk, "geography": "PK", "rater_kind": "coordinating_authority"},
    ).content.decode()
    assert "Rating: This field is required." in html
    assert "Decided on: This field is required." in html
