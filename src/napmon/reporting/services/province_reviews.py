"""Per-province ratings inside six-monthly reviews.

A review rates each point nationally (``PointReview``) and, beside it, for each
province or territory whose reporting body reports on the point
(``ProvinceRating``). Province ratings go through the same workflow as the national
one: recorded with a rationale and evidence while the review is open, audited, and
published on finalising as public ``indicators.Rating`` rows of that geography,
dated by the day each was recorded and credited to who recorded it. A province left
unrated in a review stays "not rated" on the scorecard; it is never filled in.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import geography, roles
from napmon.core.audit import diff, snapshot
from napmon.indicators.models import RaterKind, Rating, Visibility
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment, ProvinceRating, Review
from napmon.reporting.services._common import audit, require, send_after_commit

RATINGS = ("satisfactory", "mixed", "unsatisfactory")
FIELDS = ["rating", "rationale", "evidence_links"]


def province_codes_for(point) -> list[str]:
    """Provinces and territories with an active body reporting on ``point``, in order."""
    codes = set(
        Assignment.objects.filter(point=point, active=True, body__active=True).values_list(
            "body__geography", flat=True
        )
    )
    return [u.code for u in geography.UNITS if u.code in codes and u.code != geography.NATIONAL]


def add_province_rows(point_review) -> list[ProvinceRating]:
    """Create the province rows of a point in a newly opened review (no audit of its own:
    ``reporting.review.opened`` lists them)."""
    return [
        ProvinceRating.objects.create(point_review=point_review, geography=code)
        for code in province_codes_for(point_review.point)
    ]


def record_province_rating(
    row: ProvinceRating, rating: str, rationale: str, *, evidence_links: str = "", actor=None
) -> ProvinceRating:
    """Record (or change) a point's rating for one province in an open review.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_rating``,
    ``rationale_required``, ``invalid_state`` (the review is finalised).
    """
    require(actor, roles.RECORD_RATING)
    if rating not in RATINGS:
        raise ReportingError(
            _("Choose satisfactory, mixed or unsatisfactory."),
            code="invalid_rating",
            field="rating",
        )
    if not (rationale or "").strip():
        raise ReportingError(
            _("Give the rationale for the rating."), code="rationale_required", field="rationale"
        )
    with transaction.atomic():
        row = (
            ProvinceRating.objects.select_for_update()
            .select_related("point_review__review", "point_review__point")
            .get(pk=row.pk)
        )
        review = row.point_review.review
        if review.state != Review.State.OPEN:
            raise ReportingError(
                _("The review %(label)s is finalised and can no longer change.")
                % {"label": review.label},
                code="invalid_state",
            )
        old = snapshot(row, FIELDS)
        row.rating, row.rationale = rating, rationale.strip()
        row.evidence_links = (evidence_links or "").strip()
        row.recorded_at = timezone.now()
        row.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        row.save()
        changes = {"geography": row.geography, **diff(old, snapshot(row, FIELDS))}
        audit("reporting.province_rating.recorded", row, actor, changes)
        send_after_commit(signals.rating_recorded, ProvinceRating, instance=row, actor=actor)
    return row


def publish_province_ratings(review, source, rater_name, actor) -> int:
    """Publish the recorded province ratings of ``review`` (inside its finalising transaction)."""
    published = 0
    rows = ProvinceRating.objects.filter(point_review__review=review).exclude(rating="")
    for row in rows.select_related("point_review__point", "recorded_by"):
        decided = timezone.localtime(row.recorded_at).date() if row.recorded_at else None
        row.published = Rating.objects.create(
            point=row.point_review.point,
            date=decided or timezone.localdate(),
            rating=row.rating,
            rationale=row.rationale,
            source=source,
            visibility=Visibility.PUBLIC,
            geography=row.geography,
            rater_kind=RaterKind.COORDINATOR,
            rater=rater_name(row.recorded_by, source.publisher),
            evidence_links=row.evidence_links,
        )
        row.save(update_fields=["published"])
        audit("indicators.rating.created", row.published, actor, {"new": snapshot(row.published)})
        published += 1
    return published
