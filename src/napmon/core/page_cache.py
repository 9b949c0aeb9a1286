"""Whole-page caching of public pages for anonymous visitors.

A cached page is keyed on its path and query, the interface language and the
*data version*: the id of the newest audit entry. Every change to data writes an
audit entry, so any change makes every cached page stale at once, without
tracking which page shows which record. Logged-in users (who may see restricted
material and carry CSRF tokens) are never served from or stored in the cache.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse

from napmon.core.models import AuditEntry

TIMEOUT = 600


def data_version() -> int:
    """The id of the newest audit entry (0 when there is none): one index lookup."""
    return AuditEntry.objects.aggregate(v=Max("id"))["v"] or 0


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    # Flash messages are per visitor; a page showing them must not be shared.
    return "messages" not in request.COOKIES


def cache_public_page(view):
    """Serve anonymous GETs of ``view`` from the cache while the data is unchanged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        raw = f"{request.get_full_path()}|{getattr(request, 'LANGUAGE_CODE', '')}|{data_version()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
