"""Event aggregates for the API and briefs, as the visibility policy lets the caller see them.

Counts come from the summary tables through ``analysis.services.summarise_visible``,
which applies ``napmon.core.visibility``: for public callers, aggregate-only datasets
appear only on the public grid with every group that contains a small cell withheld
(``"<k"``, killed and injured ``None``), and restricted datasets not at all.
"""

from __future__ import annotations

from napmon.analysis.services.visible import summarise_visible
from napmon.api.errors import ApiError
from napmon.core.visibility import small_cell_k
from napmon.events.services.summary import parse_day

__all__ = ["event_summary", "small_cell_k"]


def event_summary(by: str, filters: dict, public_only: bool = True) -> dict:
    """``{by, k, rows, withheld}`` grouped by year, month, province, actor, family, type
    or dataset. Raises ``EventImportError`` (invalid_date), ``ApiError`` (invalid_date)
    or ``AnalysisError`` (invalid_grouping, invalid_filter), which the API turns into 400."""
    clean = {key: value for key, value in filters.items() if value not in (None, "", False)}
    for name in ("date_from", "date_to"):
        if name in clean:
            clean[name] = parse_day(clean[name], name)
    if clean.get("date_from") and clean.get("date_to") and clean["date_from"] > clean["date_to"]:
        raise ApiError("date_from is after date_to.", code="invalid_date", field="date_from")
    result = summarise_visible(by, clean, public_only)
    rows = [
        {name: row[name] for name in ("key", "events", "killed", "injured", "suppressed")}
        for row in result["rows"]
    ]
    return {"by": by, "k": result["k"], "rows": rows, "withheld": result["withheld"]}
