"""Six-monthly reviews: open, propose ratings, record them, finalise and publish."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import diff, snapshot
from napmon.core.geography import NATIONAL
from napmon.indicators.models import RaterKind, Rating, Source, Visibility
from napmon.plans.models import Point
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment, PointReview, Review
from napmon.reporting.services._common import (
    audit,
    move_state,
    require,
    send_after_commit,
)
from napmon.reporting.services.evidence_base import gather, parse_half
from napmon.reporting.services.province_reviews import (
    add_province_rows,
    publish_province_ratings,
)

RATINGS = ("satisfactory", "mixed", "unsatisfactory")
RECORD_FIELDS = ["rating", "rationale", "evidence_links", "dissent"]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _require_open(review: Review) -> None:
    if review.state != Review.State.OPEN:
        raise ReportingError(
            _("The review %(label)s is finalised and can no longer change.")
            % {"label": review.label},
            code="invalid_state",
        )


def open_review(half: str, *, actor=None) -> Review:
    """Open the review of a half-year (``2025-H1``) for every assigned point, with proposals.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_half``,
    ``already_open``, ``no_assignments``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    year, number = parse_half(half)
    point_ids = Assignment.objects.filter(active=True).values("point_id")
    points = list(Point.objects.filter(pk__in=point_ids).select_related("version"))
    if not points:
        raise ReportingError(
            _("No point is assigned to a reporting body, so there is nothing to review."),
            code="no_assignments",
        )
    with transaction.atomic():
        if Review.objects.filter(year=year, half=number).exists():
            raise ReportingError(
                _("The review %(label)s exists already.") % {"label": f"{year}-H{number}"},
                code="already_open",
                field="half",
            )
        review = Review.objects.create(year=year, half=number, opened_by=_user(actor))
        provinces = {}
        for point in points:
            row = PointReview.objects.create(review=review, point=point)
            provinces[str(point)] = [p.geography for p in add_province_rows(row)]
        audit(
            "reporting.review.opened",
            review,
            actor,
            {"points": [str(p) for p in points], "provinces": provinces},
        )
        propose_ratings(review, actor=actor)
        send_after_commit(signals.review_opened, Review, instance=review, actor=actor)
    return review


def propose_ratings(review: Review, *, actor=None) -> list[PointReview]:
    """(Re)compute the rubric's proposed rating for every point of an open review.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_state`` (finalised).
    """
    require(actor, roles.MANAGE_REVIEWS)
    _require_open(review)
    rows = []
    with transaction.atomic():
        for row in review.points.select_related("point"):
            proposal = gather(row.point, review.year, review.half)["proposal"].as_dict()
            if proposal != row.proposal:
                audit(
                    "reporting.rating.proposed",
                    row,
                    actor,
                    {"proposed": [row.proposed, proposal["rating"]], "score": proposal["score"]},
                )
                row.proposed, row.proposal = proposal["rating"], proposal
                row.save(update_fields=["proposed", "proposal"])
            rows.append(row)
    return rows


def record_rating(
    point_review: PointReview,
    rating: str,
    rationale: str,
    *,
    evidence_links: str = "",
    dissent: str = "",
    actor=None,
) -> PointReview:
    """Record (or change) the reviewers' rating of a point with its rationale.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_state``
    (the review is finalised), ``invalid_rating``, ``rationale_required``.
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
            PointReview.objects.select_for_update().select_related("review").get(pk=point_review.pk)
        )
        _require_open(row.review)
        old = snapshot(row, RECORD_FIELDS)
        row.rating, row.rationale = rating, rationale.strip()
        row.evidence_links, row.dissent = evidence_links.strip(), dissent.strip()
        row.recorded_at, row.recorded_by = timezone.now(), _user(actor)
        row.save()
        audit("reporting.rating.recorded", row, actor, diff(old, snapshot(row, RECORD_FIELDS)))
        send_after_commit(signals.rating_recorded, PointReview, instance=row, actor=actor)
    return row


def rater_name(user, publisher: str) -> str:
    """``"NACTA review: Ayesha Khan"``: the office and the person who decided."""
    if user is None:
        return _("%(publisher)s review") % {"publisher": publisher}
    name = user.get_full_name() or user.get_username()
    return _("%(publisher)s review: %(name)s") % {"publisher": publisher, "name": name}


def _review_source(review: Review) -> Source:
    publisher = getattr(settings, "NAPMON_REVIEW_PUBLISHER", "NACTA")
    source, _created = Source.objects.get_or_create(
        key=f"{publisher.lower()}-review-{review.year}-h{review.half}",
        defaults={
            "kind": Source.Kind.OFFICIAL,
            "publisher": publisher,
            "title": f"{publisher} six-monthly review H{review.half} {review.year}",
            "date": timezone.localdate().isoformat(),
        },
    )
    return source


def finalise_review(review: Review, *, actor=None, expected_version=None) -> Review:
    """Lock a review and publish its ratings as ``indicators.Rating`` rows.

    Recorded province ratings are published too, each for its province; a province
    left unrated stays "not rated" (see ``province_reviews``).
    The ratings cite a Source of kind "official" created for the review; each is
    dated by the day its rating was recorded and credited to who recorded it. They
    show on the version and point pages and in ``napmon point``.
    Raises ``ReportingError``: ``permission_denied``,
    ``invalid_state``, ``incomplete`` (a point has no recorded rating), ``conflict``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    _require_open(review)
    missing = [str(r.point) for r in review.points.select_related("point") if not r.rating]
    if missing:
        raise ReportingError(
            _("Record a rating for every point before finalising; missing: %(points)s.")
            % {"points": "; ".join(missing)},
            code="incomplete",
        )
    with transaction.atomic():
        move_state(
            review,
            (Review.State.OPEN,),
            Review.State.FINALISED,
            expected_version=expected_version,
            finalised_at=timezone.now(),
            finalised_by=_user(actor),
        )
        source = _review_source(review)
        review.source = source
        review.save(update_fields=["source"])
        for row in review.points.select_related("point", "recorded_by"):
            # Dated by the decision on the point and credited to whoever took it,
            # not to the end of the half-year and the publishing office.
            decided = timezone.localtime(row.recorded_at).date() if row.recorded_at else None
            row.published = Rating.objects.create(
                point=row.point,
                date=decided or timezone.localdate(),
                rating=row.rating,
                rationale=row.rationale,
                source=source,
                visibility=Visibility.PUBLIC,
                geography=NATIONAL,
                rater_kind=RaterKind.COORDINATOR,
                rater=rater_name(row.recorded_by, source.publisher),
                evidence_links=row.evidence_links,
            )
            row.save(update_fields=["published"])
            audit(
                "indicators.rating.created", row.published, actor, {"new": snapshot(row.published)}
            )
        by_province = publish_province_ratings(review, source, rater_name, actor)
        audit(
            "reporting.review.finalised",
            review,
            actor,
            {"state": ["open", "finalised"], "province_ratings": by_province},
        )
        send_after_commit(signals.review_finalised, Review, instance=review, actor=actor)
    return review


def rating_history(point) -> list[dict]:
    """The point's finalised review ratings, oldest first, each with what changed."""
    rows = (
        PointReview.objects.filter(point=point, review__state=Review.State.FINALISED)
        .select_related("review", "published__source")
        .order_by("review__year", "review__half")
    )
    history, previous = [], None
    for row in rows:
        history.append({"row": row, "previous": previous, "changes": changes_since(previous, row)})
        previous = row
    return history


def previous_rating(row: PointReview) -> PointReview | None:
    """The point's rating in the latest finalised review before ``row``'s review."""
    earlier = PointReview.objects.filter(
        point=row.point, review__state=Review.State.FINALISED
    ).exclude(review=row.review)
    earlier = [
        r
        for r in earlier.select_related("review")
        if (r.review.year, r.review.half) < (row.review.year, row.review.half)
    ]
    return max(earlier, key=lambda r: (r.review.year, r.review.half), default=None)


def changes_since(previous: PointReview | None, row: PointReview) -> list[dict]:
    """What differs from the previous review: rating, proposed score, indicator bands."""
    if previous is None:
        return []
    changes = []
    if previous.rating != row.rating:
        changes.append({"what": "rating", "old": previous.rating, "new": row.rating})
    old_score, new_score = previous.proposal.get("score"), row.proposal.get("score")
    if old_score != new_score:
        changes.append({"what": "score", "old": old_score, "new": new_score})
    old_bands = {i["indicator"]: i.get("band") for i in previous.proposal.get("indicators", [])}
    for item in row.proposal.get("indicators", []):
        if old_bands.get(item["indicator"]) != item.get("band"):
            changes.append(
                {
                    "what": item["indicator"],
                    "old": old_bands.get(item["indicator"]),
                    "new": item.get("band"),
                }
            )
    return changes
