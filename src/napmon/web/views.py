"""Public pages of the plan register. Thin: they call the plan services."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from napmon.core.errors import NotFoundError
from napmon.core.page_cache import cache_public_page
from napmon.core.visibility import public_only
from napmon.indicators.models import Source
from napmon.plans import services
from napmon.plans.models import Plan
from napmon.reporting.services import actions as action_service
from napmon.reporting.services import funding as funding_service


def _public_only(request) -> bool:
    """The public edition unless the user may see restricted material (core.visibility)."""
    return public_only(request.user)


def _or_404(func, *args):
    try:
        return func(*args)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@require_GET
@cache_public_page
def home(request):
    plan = Plan.objects.prefetch_related("versions__points").order_by("id").first()
    versions = list(plan.versions.all()) if plan else []
    return render(request, "web/home.html", {"plan": plan, "versions": versions})


@require_GET
@cache_public_page
def version_page(request, label):
    version = _or_404(services.get_version, label)
    rows = services.version_overview(version, public_only=_public_only(request))
    summary = services.gaps(label)
    return render(
        request, "web/version.html", {"version": version, "rows": rows, "summary": summary}
    )


@require_GET
@cache_public_page
def point_page(request, label, number):
    point = _or_404(services.get_point, label, number)
    detail = services.point_detail(point, public_only=_public_only(request))
    context = {
        "point": point,
        "detail": detail,
        "action_rows": action_service.action_rows(
            action_service.visible_actions(request.user).filter(point=point)
        ),
        "funding": funding_service.point_funding(point),
    }
    return render(request, "web/point.html", context)


@require_GET
@cache_public_page
def crosswalk_page(request, from_label, to_label):
    rows = _or_404(services.crosswalk, from_label, to_label)
    return render(
        request,
        "web/crosswalk.html",
        {"rows": rows, "from_label": from_label, "to_label": to_label},
    )


@require_GET
@cache_public_page
def gaps_page(request, label):
    result = _or_404(services.gaps, label)
    plan = Plan.objects.order_by("id").first()
    labels = list(plan.versions.values_list("label", flat=True)) if plan else []
    return render(request, "web/gaps.html", {"result": result, "labels": labels})


@require_GET
@cache_public_page
def sources_page(request):
    sources = Source.objects.select_related("cited_in").order_by("publisher", "title", "key")
    return render(request, "web/sources.html", {"sources": sources})


@require_GET
def switch_language(request):
    """Remember the chosen interface language in a cookie and go back.

    A GET form, so that public pages carry no CSRF token and can be cached whole
    for anonymous visitors; a language preference is not a state change that
    needs CSRF protection. Django's POST view at /i18n/setlang/ remains available.
    """
    language = request.GET.get("language", "")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


# Error pages: the site frame and navigation, translated, with the right status code.
_ERRORS = {
    403: (
        _("Not allowed"),
        _(
            "Your account does not have permission to see this page. Log in with another "
            "account or ask the coordinator for access."
        ),
    ),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the link may be wrong."),
    ),
    500: (
        _("Something went wrong"),
        _(
            "The server could not finish this request. The error has been logged; please try "
            "again in a few minutes."
        ),
    ),
}


def _error_page(request, status: int):
    title, message = _ERRORS[status]
    context = {"status": status, "title": title, "message": message}
    return render(request, "web/error.html", context, status=status)


def permission_denied(request, exception=None):
    """403 with the site navigation (``handler403``)."""
    return _error_page(request, 403)


def page_not_found(request, exception=None):
    """404 with the site navigation (``handler404``)."""
    return _error_page(request, 404)


def server_error(request):
    """500 with the site navigation (``handler500``).

    The page frame reads the session and user; if that is what failed, fall back to a
    plain page rather than raising inside the error handler.
    """
    try:
        return _error_page(request, 500)
    except Exception:  # noqa: BLE001 - the handler of last resort must not raise
        title, message = _ERRORS[500]
        body = f"<!DOCTYPE html><title>{title!s}</title><h1>{title!s}</h1><p>{message!s}</p>"
        return HttpResponseServerError(body)
