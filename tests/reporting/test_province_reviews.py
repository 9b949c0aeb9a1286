"""Per-province ratings inside six-monthly reviews, published on the scorecard."""

import pytest
from django.test import Client
from django.utils import timezone

from napmon.core.models import AuditEntry
from napmon.indicators.models import Rating
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import ProvinceRating
from napmon.reporting.services.province_reviews import record_province_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(users, assigned, period):
    return services.open_review("2025-H1", actor=users["coordinator"])


def rows(review):
    return {r.geography: r for r in ProvinceRating.objects.filter(point_review__review=review)}


def test_review_opens_a_row_per_reporting_province(review, point4):
    row = review.points.get(point=point4)
    assert [p.geography for p in row.provinces.all()] == ["PK-KP", "PK-PB"]
    opened = AuditEntry.objects.get(action="reporting.review.opened")
    assert opened.changes["provinces"] == {str(point4): ["PK-PB", "PK-KP"]}


def test_province_rating_is_recorded_audited_and_published(review, users, point4):
    kp = rows(review)["PK-KP"]
    with pytest.raises(ReportingError) as err:
        record_province_rating(kp, "good", "x", actor=users["reviewer"])
    assert err.value.code == "invalid_rating"
    with pytest.raises(ReportingError) as err:
        record_province_rating(kp, "mixed", "  ", actor=users["reviewer"])
    assert err.value.code == "rationale_required"
    with pytest.raises(ReportingError) as err:
        record_province_rating(kp, "mixed", "Reported.", actor=users["punjab"])
    assert err.value.code == "permission_denied"
    record_province_rating(
        kp,
        "unsatisfactory",
        "Three of six monthly reports missing.",
        evidence_links="https://example.org/kp-h1",
        actor=users["reviewer"],
    )
    entry = AuditEntry.objects.get(action="reporting.province_rating.recorded")
    assert entry.changes["geography"] == "PK-KP"
    assert entry.changes["rating"] == ["", "unsatisfactory"]
    services.record_rating(
        review.points.get(), "mixed", "Half the bodies on time.", actor=users["coordinator"]
    )
    services.finalise_review(review, actor=users["coordinator"])
    published = Rating.objects.get(point=point4, geography="PK-KP")
    assert published.rating == "unsatisfactory"
    assert published.rater_kind == "coordinating_authority"
    assert published.rater == "NACTA review: rev"
    assert published.date == timezone.localdate()
    assert published.evidence_links == "https://example.org/kp-h1"
    # Punjab was left unrated: nothing is published for it.
    assert not Rating.objects.filter(point=point4, geography="PK-PB").exists()
    finalised = AuditEntry.objects.get(action="reporting.review.finalised")
    assert finalised.changes["province_ratings"] == 1
    with pytest.raises(ReportingError) as err:
        record_province_rating(rows(review)["PK-PB"], "mixed", "late", actor=users["reviewer"])
    assert err.value.code == "invalid_state"


def test_province_ratings_through_the_review_page_show_on_the_scorecard(review, users, point4):
    client = Client()
    client.force_login(users["reviewer"])
    kp = rows(review)["PK-KP"]
    page = client.get(f"/reporting/reviews/{review.pk}/")
    assert "Ratings by province" in page.content.decode()
    assert f'id="province-{kp.pk}"' in page.content.decode()
    response = client.post(
        f"/reporting/reviews/{review.pk}/provinces/{kp.pk}/",
        {
            f"g{kp.pk}-rating": "mixed",
            f"g{kp.pk}-rationale": "Operations reported; no figures on funds.",
            f"g{kp.pk}-evidence_links": "https://example.org/kp",
        },
        follow=True,
    )
    assert "Rating recorded for" in response.content.decode()
    kp.refresh_from_db()
    assert (kp.rating, kp.recorded_by) == ("mixed", users["reviewer"])
    # No rating chosen: refused, nothing changes.
    punjab = rows(review)["PK-PB"]
    client.post(
        f"/reporting/reviews/{review.pk}/provinces/{punjab.pk}/",
        {f"g{punjab.pk}-rationale": "No choice."},
    )
    punjab.refresh_from_db()
    assert punjab.rating == ""
    services.record_rating(review.points.get(), "mixed", "Mixed.", actor=users["coordinator"])
    services.finalise_review(review, actor=users["coordinator"])
    html = Client().get("/reporting/scorecard/2021/").content.decode()
    row_start = html.index(f'data-point="{point4.number}" data-geography="PK-KP"')
    row = html[row_start : html.index("</tr>", row_start)]
    assert "mixed" in row and "NACTA review: rev" in row
    assert f"decided {timezone.localdate():%Y-%m-%d}" in row
    assert 'href="https://example.org/kp"' in row
