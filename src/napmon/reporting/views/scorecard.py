"""The province-by-point scorecard: public, with a form for those who may rate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from napmon.core import geography, roles
from napmon.core.errors import NotFoundError
from napmon.indicators.models import RaterKind
from napmon.plans.services import get_version
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import PointRatingForm
from napmon.reporting.services import scorecard as service


def _may_rate(user) -> bool:
    return user.is_authenticated and (
        user.has_perm(roles.RECORD_RATING)
        or (user.has_perm(roles.SUBMIT) and roles.body_of(user) is not None)
    )


def _initial(user) -> dict:
    body = roles.body_of(user)
    if body is not None and not user.has_perm(roles.RECORD_RATING):
        return {"geography": body.geography, "rater_kind": RaterKind.SELF}
    return {"geography": geography.NATIONAL, "rater_kind": RaterKind.COORDINATOR}


def _record(request, form) -> bool:
    data = form.cleaned_data
    try:
        service.record_point_rating(
            data["point"],
            geography_code=data["geography"],
            rater_kind=data["rater_kind"],
            rating=data["rating"],
            decided_on=data["decided_on"],
            rationale=data["rationale"],
            source=data["source"],
            rater=data["rater"],
            evidence_links=data["evidence_links"],
            actor=request.user,
        )
    except ReportingError as exc:
        if exc.code == "permission_denied":
            raise PermissionDenied(exc.message) from exc
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    messages.success(request, _("Rating recorded."))
    return True


@require_http_methods(["GET", "POST"])
def scorecard(request, label):
    """Public: each point's ratings per province and rater, national row first."""
    try:
        version = get_version(label)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    may_rate = _may_rate(request.user)
    form = None
    if may_rate:
        form = PointRatingForm(version, request.POST or None, initial=_initial(request.user))
    if request.method == "POST":
        if not may_rate:
            raise PermissionDenied
        if form.is_valid() and _record(request, form):
            return redirect("reporting:scorecard", label=label)
        messages.error(request, _("The rating was not recorded: correct the fields marked below."))
    chosen = request.GET.get("geography") or None
    if chosen and chosen not in geography.BY_CODE:
        chosen = None
    context = {
        "version": version,
        "card": service.scorecard(
            version, geography_code=chosen, public_only=not request.user.has_perm(roles.VIEW_ALL)
        ),
        "chosen": chosen,
        "units": [(u.code, u.name) for u in geography.UNITS if u.kind != "former"],
        "form": form,
    }
    return render(request, "reporting/scorecard.html", context)
