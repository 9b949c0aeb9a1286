"""Event aggregates for the API, as the visibility policy lets the caller see them.

The document is ``analysis.services.visible.summary_document``: the one shape every face
(API, CLI ``--json``, pages, briefs) shows, read from the summary tables with
``napmon.core.visibility`` applied.
"""

from __future__ import annotations

from napmon.analysis.services.visible import summary_document


def event_summary(by: str, filters: dict, public_only: bool = True) -> dict:
    """``{by, k, rows, withheld}`` grouped by year, month, province, district, actor,
    family, type or dataset (see ``summary_document``). Raises ``AnalysisError``
    (invalid_date, invalid_grouping, invalid_filter), which the API turns into 400."""
    return summary_document(by, filters, public_only)
