"""Warming the shared cache: the public pages and API summaries the first visitors ask for.

``napmon serve`` runs :func:`napmon.core.page_cache.warm_caches` before the server starts;
this module registers :func:`warm_public_pages` with it (``SiteConfig.ready``). Each page is
asked for as an anonymous visitor would ask, through the whole middleware stack, so what
is cached is exactly what a visitor gets (keyed on the data stamp: a later change to the
data makes it stale, never wrong). With a million events a cold cache takes seconds per
page; a cache already warm for the current data takes milliseconds.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

# The API's summaries, and its analyses as a client asks for them by default: around the
# break the outcomes page shows first (NAP adopted), for the default dataset.
BREAK = "intervention=nap-adopted"
API_PATHS = (
    *(
        f"/api/v1/events/summary?by={by}"
        for by in ("year", "month", "province", "district", "actor", "family", "type", "dataset")
    ),
    "/api/v1/outcomes/summary",
    f"/api/v1/outcomes/its?{BREAK}",
    f"/api/v1/outcomes/before-after?{BREAK}",
    f"/api/v1/outcomes/synthetic-control?{BREAK}",
    "/api/v1/outcomes/change-points",
    "/api/v1/outcomes/surges",
    "/api/v1/outcomes/index",
    "/api/v1/claims",
)


def public_paths() -> list[str]:
    """The public pages that read events (default view, no filters) and each plan
    version's scorecard."""
    from napmon.plans.models import PlanVersion

    names = (
        "home",
        "events:explorer",
        "analysis:outcomes",
        "analysis:map",
        "analysis:comparison",
        "analysis:index",
        "analysis:claims",
    )
    labels = PlanVersion.objects.values_list("label", flat=True)
    return [
        *(reverse(name) for name in names),
        *(reverse("reporting:scorecard", kwargs={"label": label}) for label in labels),
    ]


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def warm_public_pages() -> list[tuple[str, int]]:
    """Ask for the public pages in every language of the site, then for the API's
    summaries and analyses (in the default language, as API clients send no language
    cookie), as an anonymous visitor: ``[(path, status)]``; a page in another language
    than the default is reported as ``path [code]``."""
    from django.test import Client

    headers = {}
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        headers[settings.SECURE_PROXY_SSL_HEADER[0]] = settings.SECURE_PROXY_SSL_HEADER[1]
    secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    pages, done = public_paths(), []
    for code, _name in settings.LANGUAGES:
        client = Client(raise_request_exception=False, HTTP_HOST=_host(), **headers)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        default = code == settings.LANGUAGE_CODE
        paths = [*pages, *API_PATHS] if default else pages
        label = "{}" if default else f"{{}} [{code}]"
        done += [(label.format(p), client.get(p, secure=secure).status_code) for p in paths]
    return done
