"""Public pages of the plan register. Thin: they call the plan services."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from napmon.core.errors import NotFoundError
from napmon.indicators.models import Source
from napmon.plans import services
from napmon.plans.models import Plan


def _public_only(request) -> bool:
    """Anonymous visitors see published material only; analysts and staff see all."""
    user = request.user
    return not (
        user.is_authenticated and (user.is_staff or user.has_perm("indicators.view_restricted"))
    )


def _or_404(func, *args):
    try:
        return func(*args)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@require_GET
def home(request):
    plan = Plan.objects.prefetch_related("versions__points").order_by("id").first()
    versions = list(plan.versions.all()) if plan else []
    return render(request, "web/home.html", {"plan": plan, "versions": versions})


@require_GET
def version_page(request, label):
    version = _or_404(services.get_version, label)
    rows = services.version_overview(version, public_only=_public_only(request))
    summary = services.gaps(label)
    return render(
        request, "web/version.html", {"version": version, "rows": rows, "summary": summary}
    )


@require_GET
def point_page(request, label, number):
    point = _or_404(services.get_point, label, number)
    detail = services.point_detail(point, public_only=_public_only(request))
    return render(request, "web/point.html", {"point": point, "detail": detail})


@require_GET
def crosswalk_page(request, from_label, to_label):
    rows = _or_404(services.crosswalk, from_label, to_label)
    return render(
        request,
        "web/crosswalk.html",
        {"rows": rows, "from_label": from_label, "to_label": to_label},
    )


@require_GET
def gaps_page(request, label):
    result = _or_404(services.gaps, label)
    plan = Plan.objects.order_by("id").first()
    labels = list(plan.versions.values_list("label", flat=True)) if plan else []
    return render(request, "web/gaps.html", {"result": result, "labels": labels})


@require_GET
def sources_page(request):
    sources = Source.objects.select_related("cited_in").order_by("publisher", "title", "key")
    return render(request, "web/sources.html", {"sources": sources})
