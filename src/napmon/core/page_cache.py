"""Whole-page caching of public pages for anonymous visitors.

A cached page is keyed on its path and the query parameters its view reads (no
others), the interface language and the
*data stamp*: the id and time of the newest audit entry. Every change to data writes an
audit entry, so any change makes every cached page stale at once, without
tracking which page shows which record. Logged-in users (who may see restricted
material and carry CSRF tokens) are never served from or stored in the cache.

The cache (``NAPMON_CACHE``, default a folder in the data dir) is shared by every
server process and outlives a restart; the time in the stamp keeps a database that was
re-created or restored (whose audit ids start again) from meeting pages cached before.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.utils.translation import gettext as _

from napmon.core.config import env
from napmon.core.models import AuditEntry

TIMEOUT = 600
_WARMERS: list = []


def data_version() -> int:
    """The id of the newest audit entry (0 when there is none): one index lookup."""
    return AuditEntry.objects.aggregate(v=Max("id"))["v"] or 0


def data_stamp() -> str:
    """The data version and the time of its audit entry, as a cache key part: one lookup."""
    newest = AuditEntry.objects.order_by("-id").values_list("id", "timestamp").first()
    return f"{newest[0]}@{newest[1].isoformat()}" if newest else "0"


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    # Flash messages are per visitor; a page showing them must not be shared.
    return "messages" not in request.COOKIES


def _key(request, params: tuple[str, ...]) -> str:
    """Path, the *known* query parameters (sorted) only, language and data stamp.

    Parameters the view does not read cannot change the page, so they must not make a
    new cache entry: otherwise ``?x=random`` turns every request into a miss.
    """
    known = sorted(
        (name, tuple(request.GET.getlist(name))) for name in params if name in request.GET
    )
    raw = f"{request.path}|{known!r}|{getattr(request, 'LANGUAGE_CODE', '')}|{data_stamp()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _over_rate(request) -> int:
    """Seconds to wait when this client has had too many uncached pages this minute, else 0.

    Counted per client address (``core.throttle.client_ip``) in a database counter
    shared by every server process (``core.throttle.count_hit``): ``NAPMON_PAGE_RATE``
    misses a minute (default 60). Cached pages are not counted.
    """
    from napmon.core.throttle import client_ip, count_hit

    limit = int(getattr(settings, "NAPMON_PAGE_RATE", 60))
    window = int(time.time() // 60)
    count = count_hit(f"page:{client_ip(request)}:{window}", (window + 1) * 60)
    return max(1, 60 - int(time.time() % 60)) if count > limit else 0


def cache_public_page(view=None, *, params: tuple[str, ...] = ()):
    """Serve anonymous GETs of ``view`` from the cache while the data is unchanged.

    ``params`` names the query parameters the view reads; the cache keys on those only.
    An anonymous client asking for more than ``NAPMON_PAGE_RATE`` uncached pages a
    minute gets 429 with ``Retry-After``. Use as ``@cache_public_page`` or
    ``@cache_public_page(params=("page", ...))``.
    """
    if view is None:
        return lambda func: cache_public_page(func, params=params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request, params)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        wait = _over_rate(request)
        if wait:
            response = HttpResponse(
                _("Too many requests for pages; try again in a minute."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(wait)
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper


def register_warmer(warmer) -> None:
    """Add ``warmer()`` to what :func:`warm_caches` runs (once per function).

    A warmer fills the shared cache with what the first visitors ask for (the site app
    registers the public pages and API summaries) and returns ``[(what, status)]``."""
    if warmer not in _WARMERS:
        _WARMERS.append(warmer)


def shared_cache() -> bool:
    """Whether the cache is the shared file cache (``NAPMON_CACHE=file``), which every
    server process reads: only then is warming it from another process of any use."""
    return env("NAPMON_CACHE") == "file"


def warm_summary(done: list[tuple[str, int]], seconds: float) -> str:
    """The one line every command prints after warming: how many, how long, what failed."""
    failed = [f"{path} (HTTP {status})" for path, status in done if status != 200]
    return f"Cache warm: {len(done)} pages in {seconds:.1f} s" + (
        f"; not cached: {', '.join(failed)}" if failed else ""
    )


def warm_caches() -> list[tuple[str, int]]:
    """Run every registered warmer; ``napmon serve`` calls it before the server starts, so
    the first request after start-up is served from the cache. Cheap when the cache (which
    outlives restarts) is already warm for the current data. Returns what they report."""
    done: list[tuple[str, int]] = []
    for warmer in _WARMERS:
        done.extend(warmer())
    return done
