"""Event aggregates for the API and exports, with small-cell suppression for the public.

Counts come from ``napmon.events.services.summarise_events``. For public callers a
group with fewer than k events (``settings.NAPMON_SMALL_CELL_K``, default 5) shows
its events as ``"<k"`` and its killed and injured as ``None``, so that a single
incident cannot be singled out from the aggregates.
"""

from __future__ import annotations

from django.conf import settings

from napmon.api.errors import ApiError
from napmon.events.services import summarise_events
from napmon.events.services.summary import parse_day


def small_cell_k() -> int:
    return int(getattr(settings, "NAPMON_SMALL_CELL_K", 5))


def suppress(rows: list[dict], k: int) -> list[dict]:
    """Rows with events below ``k`` replaced by ``"<k"`` (killed, injured: None)."""
    out = []
    for row in rows:
        if 0 < row["events"] < k:
            out.append(
                {**row, "events": f"<{k}", "killed": None, "injured": None, "suppressed": True}
            )
        else:
            out.append({**row, "suppressed": False})
    return out


def event_summary(by: str, filters: dict, public_only: bool = True) -> dict:
    """``{by, k, suppressed, rows}`` grouped by year, month, province, actor, family, type
    or dataset. Raises ``EventImportError`` (invalid_grouping, invalid_date), which the
    API turns into a 400."""
    clean = {key: value for key, value in filters.items() if value not in (None, "")}
    for name in ("date_from", "date_to"):
        if name in clean:
            clean[name] = parse_day(clean[name], name)
    if clean.get("date_from") and clean.get("date_to") and clean["date_from"] > clean["date_to"]:
        raise ApiError("date_from is after date_to.", code="invalid_date", field="date_from")
    rows = summarise_events(by, clean)
    k = small_cell_k()
    shown = suppress(rows, k) if public_only else [{**r, "suppressed": False} for r in rows]
    return {"by": by, "k": k if public_only else None, "rows": shown}
