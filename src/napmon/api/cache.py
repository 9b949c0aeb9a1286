"""Answers of the read-only event and analysis endpoints, rendered once per question and
data state.

An analysis (before/after, change points, surges, comparisons, the index, the claims
ledger) takes from tens of milliseconds to seconds with a million events, and even a
cached summary document costs its validation and rendering on every request. Readers ask
for the same few answers again and again, so :func:`cached_document` keeps each rendered
answer (the JSON bytes) in the shared cache (``NAPMON_CACHE``) under the path, the query
parameters, the caller's scope (``public_only``: a signed-in reader who may see restricted
data never gets the public answer, nor the reverse) and
``analysis.services.visible.data_state`` (summary tables, licence tiers, k, data stamp,
language). Only 200 answers are kept; errors are computed each time.

django-ninja renders the answer after the endpoint returns, so the endpoint's wrapper
marks the request with its key and :func:`keep_answers` (around every API view, see
``api/urls.py``) stores the rendered bytes.

An anonymous GET (no ``Authorization`` header, no signed-in session) whose answer is
already kept is served by :func:`keep_answers` before django-ninja runs, so it is not
counted against the rate limit: the same rule as the public pages, whose cached answers
are not counted either (``core.page_cache``). Counting means a database write on every
request, which under load was most of the cost of a cached answer. Any other request
(a token, a session, an answer not kept yet) goes through authentication and the limit.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from napmon.analysis.services.visible import cache_key

TIMEOUT = 24 * 3600
CONTENT_TYPE = "application/json; charset=utf-8"


def _key(request, public: bool) -> str:
    return cache_key("api", [request.path, sorted(request.GET.lists())], public)


def _anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and "HTTP_AUTHORIZATION" not in request.META
        and not (user is not None and user.is_authenticated)
    )


def cached_document(view):
    """Answer ``view`` from the cache while the data is unchanged (a ninja endpoint)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _key(request, request.auth.public_only)
        body = cache.get(key)
        if body is not None:
            return HttpResponse(body, content_type=CONTENT_TYPE)
        request.napmon_answer_key = key
        return view(request, *args, **kwargs)

    return wrapper


def keep_answers(view):
    """Wrap an API view so a rendered answer marked by :func:`cached_document` is kept."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if _anonymous(request):
            body = cache.get(_key(request, True))
            if body is not None:  # kept for this public question and data state
                return HttpResponse(body, content_type=CONTENT_TYPE)
        response = view(request, *args, **kwargs)
        key = getattr(request, "napmon_answer_key", None)
        if (
            key
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type") == CONTENT_TYPE
        ):
            cache.set(key, response.content, TIMEOUT)
        return response

    return wrapped
