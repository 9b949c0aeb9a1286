"""Pages of six-monthly reviews and of a point's rating history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from napmon.core import roles
from napmon.core.errors import NotFoundError
from napmon.plans.services import get_point
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import OpenReviewForm, ProvinceRatingForm, RatingForm
from napmon.reporting.models import PointReview, ProvinceRating, Review
from napmon.reporting.services.evidence_base import gather
from napmon.reporting.services.province_reviews import record_province_rating
from napmon.reporting.services.reviews import changes_since, previous_rating
from napmon.reporting.views.common import require_perm, show_error


@login_required
@require_http_methods(["GET", "POST"])
def reviews(request):
    require_perm(request, roles.VIEW_ALL)
    form = OpenReviewForm(request.POST or None)
    if request.method == "POST":
        require_perm(request, roles.MANAGE_REVIEWS)
        if form.is_valid():
            try:
                review = services.open_review(form.cleaned_data["half"], actor=request.user)
                messages.success(request, _("Review %(label)s opened.") % {"label": review.label})
                return redirect("reporting:review", pk=review.pk)
            except ReportingError as exc:
                show_error(request, exc)
                form.add_error("half", exc.message)
    context = {
        "reviews": Review.objects.all(),
        "form": form,
        "can_manage": request.user.has_perm(roles.MANAGE_REVIEWS),
    }
    return render(request, "reporting/reviews.html", context)


def _point_rows(review):
    rows = []
    for row in review.points.select_related("point__version", "recorded_by"):
        previous = previous_rating(row)
        rows.append(
            {
                "row": row,
                "basis": gather(row.point, review.year, review.half),
                "previous": previous,
                "changes": changes_since(previous, row),
                "form": RatingForm(
                    initial={
                        "rating": row.rating,
                        "rationale": row.rationale,
                        "evidence_links": row.evidence_links,
                        "dissent": row.dissent,
                    },
                    prefix=f"p{row.pk}",
                ),
                "provinces": [
                    (province, ProvinceRatingForm(prefix=f"g{province.pk}"))
                    for province in row.provinces.select_related("recorded_by")
                ],
            }
        )
    return rows


@login_required
def review_detail(request, pk):
    require_perm(request, roles.VIEW_ALL)
    review = get_object_or_404(Review, pk=pk)
    context = {
        "review": review,
        "rows": _point_rows(review),
        "can_record": review.state == Review.State.OPEN
        and request.user.has_perm(roles.RECORD_RATING),
        "can_manage": review.state == Review.State.OPEN
        and request.user.has_perm(roles.MANAGE_REVIEWS),
    }
    return render(request, "reporting/review_detail.html", context)


@login_required
@require_POST
def rating_record(request, pk, row_pk):
    require_perm(request, roles.RECORD_RATING)
    row = get_object_or_404(PointReview, pk=row_pk, review_id=pk)
    form = RatingForm(request.POST, prefix=f"p{row.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a rating and give the rationale."))
        return redirect("reporting:review", pk=pk)
    try:
        services.record_rating(row, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Rating recorded for %(point)s.") % {"point": row.point})
    except ReportingError as exc:
        show_error(request, exc)
    return redirect(reverse("reporting:review", args=[pk]) + f"#point-{row.pk}")


@login_required
@require_POST
def province_rating_record(request, pk, row_pk):
    """Record a point's rating for one province in an open review."""
    require_perm(request, roles.RECORD_RATING)
    row = get_object_or_404(
        ProvinceRating.objects.select_related("point_review__point"),
        pk=row_pk,
        point_review__review_id=pk,
    )
    form = ProvinceRatingForm(request.POST, prefix=f"g{row.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a rating and give the rationale."))
        return redirect(reverse("reporting:review", args=[pk]) + f"#province-{row.pk}")
    try:
        record_province_rating(row, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Rating recorded for %(point)s in %(province)s.")
            % {"point": row.point_review.point, "province": row.geography_name},
        )
    except ReportingError as exc:
        show_error(request, exc)
    return redirect(reverse("reporting:review", args=[pk]) + f"#province-{row.pk}")


@login_required
@require_POST
def review_propose(request, pk):
    review = get_object_or_404(Review, pk=pk)
    try:
        services.propose_ratings(review, actor=request.user)
        messages.success(request, _("Proposals recomputed."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:review", pk=pk)


@login_required
@require_POST
def review_finalise(request, pk):
    review = get_object_or_404(Review, pk=pk)
    try:
        services.finalise_review(
            review, actor=request.user, expected_version=request.POST.get("version")
        )
        messages.success(request, _("Review finalised; its ratings are published."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:review", pk=pk)


def point_ratings(request, label, number):
    """Public: finalised ratings are published material; dissent shows to the cell only."""
    try:
        point = get_point(label, number)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    history = services.rating_history(point)
    context = {
        "point": point,
        "history": history,
        "show_dissent": request.user.has_perm(roles.VIEW_ALL),
    }
    return render(request, "reporting/point_ratings.html", context)


def rubric(request):
    """Public summary of the rating rubric (docs/rating-rubric.md has the full text)."""
    return render(request, "reporting/rubric.html")
