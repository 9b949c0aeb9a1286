"""The province-by-point scorecard: public, with a form for those who may rate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from napmon.analysis import maps
from napmon.core import geography, roles
from napmon.core.errors import NotFoundError
from napmon.core.page_cache import cache_public_page
from napmon.indicators.models import RaterKind
from napmon.plans.services import get_version
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import PointRatingForm
from napmon.reporting.services import scorecard as service
from napmon.reporting.services import scorecard_map


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
@cache_public_page(params=("geography", "map_kind", "map_point"))
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
    public_only = not request.user.has_perm(roles.VIEW_ALL)
    card = service.scorecard(version, geography_code=chosen, public_only=public_only)
    full = card if chosen is None else service.scorecard(version, public_only=public_only)
    context = {
        "version": version,
        "card": card,
        "chosen": chosen,
        "units": [(u.code, u.name) for u in geography.UNITS if u.kind != "former"],
        "form": form,
        "map": _rating_map(request, full),
    }
    return render(request, "reporting/scorecard.html", context)


def _rating_map(request, card) -> dict:
    """The map of one point's ratings per province beside the table (``map_point``,
    ``map_kind`` in the query; by default the first point with a provincial rating)."""
    kinds = [k for k, _label in RaterKind.choices]
    kind = request.GET.get("map_kind")
    kind = kind if kind in kinds else RaterKind.COORDINATOR
    points = scorecard_map.map_points(card)
    number = request.GET.get("map_point", "")
    point = next((p for p in points if str(p.number) == number), None)
    point = point or scorecard_map.default_point(card, kind)
    lang = "ur" if (get_language() or "").startswith("ur") else "en"
    rows = scorecard_map.rating_rows(card, point, kind, lang)
    kind_label = scorecard_map.kind_label(kind)
    title = _("Point %(point)s by province: %(kind)s") % {
        "point": point.number if point else "–",
        "kind": kind_label,
    }
    text = scorecard_map.text_alternative(rows, point, kind_label)
    spec = maps.category_map(
        [{"code": r["code"], "label": r["label"], "category": r["rating_label"]} for r in rows],
        legend_title=_("Rating"),
        title=title,
        description=text,
        categories=scorecard_map.categories(),
    )
    return {
        "title": title,
        "text": text,
        "rows": rows,
        "spec": spec,
        "point": point,
        "points": points,
        "kind": kind,
        "kinds": RaterKind.choices,
    }
