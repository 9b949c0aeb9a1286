"""Answers of the read-only analysis endpoints, computed once per question and data state.

An analysis (before/after, change points, surges, comparisons, the index, the claims
ledger) takes from tens of milliseconds to seconds with a million events, and readers ask
for the same few again and again. :func:`cached_document` keeps each answer in the shared
cache (``NAPMON_CACHE``) under the path, the query parameters, the caller's scope
(``public_only``: a signed-in reader who may see restricted data never gets the public
answer, nor the reverse) and ``analysis.services.visible.data_state`` (summary tables,
licence tiers, k, data stamp, language). Errors are not cached.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache

from napmon.analysis.services.visible import cache_key

TIMEOUT = 24 * 3600


def cached_document(view):
    """Serve ``view``'s answer (a dict or list) from the cache while the data is unchanged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        question = [request.path, sorted(request.GET.lists())]
        key = cache_key("api", question, request.auth.public_only)
        answer = cache.get(key)
        if answer is None:
            answer = view(request, *args, **kwargs)
            if isinstance(answer, dict | list):
                cache.set(key, answer, TIMEOUT)
        return answer

    return wrapper
