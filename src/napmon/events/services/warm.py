"""After an import: warm the shared cache for the new data (``NAPMON_WARM_AFTER_IMPORT``)."""

from __future__ import annotations

import time

from napmon.core.config import env
from napmon.core.page_cache import shared_cache, warm_caches, warm_summary


def warm_after_import(report, announce=None) -> str | None:
    """Warm the public pages and API answers when ``report`` changed data.

    Returns the one summary line (``warm_summary``), or ``None`` when nothing was done:
    a dry run or an import that changed nothing, ``NAPMON_WARM_AFTER_IMPORT=0``, or a
    per-process cache (``NAPMON_CACHE=memory``) that this process cannot fill for others.
    ``announce(message)`` is called before warming starts (it takes seconds with much data).
    """
    changed = report.imported or report.updated or report.retired
    if report.dry_run or not changed:
        return None
    if not env("NAPMON_WARM_AFTER_IMPORT") or not shared_cache():
        return None
    if announce:
        announce("Warming the cache of public pages and summaries for the new data ...")
    started = time.monotonic()
    done = warm_caches()
    return warm_summary(done, time.monotonic() - started)
