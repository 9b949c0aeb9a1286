"""Outcome analyses, the claims ledger and interventions as the API shows them.

The figures come from ``napmon.analysis.services``; this module shapes them as JSON
(no NaN or infinity: those become ``null``) and applies the small-cell rule of
``api.services.events`` for public callers, to the summaries and to the counts behind
the GTI-style index.
"""

from __future__ import annotations

import math

from napmon.analysis import services as analysis
from napmon.analysis.services.claims import WITHHELD, restricted_subjects, withhold_restricted
from napmon.analysis.services.visible import summary_document, visible_filters
from napmon.core.visibility import small_cell_k
from napmon.plans.services.queries import source_dict

MEASURES = ("events", "killed", "injured", "killed_unknown", "injured_unknown")


def _number(value):
    """A JSON-safe number: ``None`` for NaN and infinity, plain ``int``/``float`` otherwise."""
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def outcome_summary(by: str, filters: dict, public_only: bool = True) -> dict:
    """Events, killed and injured grouped by ``by``: the same document as
    ``/events/summary`` (``analysis.services.visible.summary_document``). Raises
    ``AnalysisError`` (invalid_grouping, invalid_filter, invalid_date)."""
    return summary_document(by, filters, public_only)


def its(filters: dict, public_only: bool = True, **options) -> dict:
    """Interrupted time series of monthly events around a break, as
    ``analysis.its_document`` shapes it (the CLI's ``--json`` shows the same). Raises
    ``AnalysisError`` (422 codes such as ``too_few_points`` and ``no_monthly_data``)."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    # monthly series: aggregate-only datasets stay out for the public
    clean, _withheld = visible_filters(clean, public_only)
    return analysis.its_report(clean, **options)


def before_after(filters: dict, public_only: bool = True, **options) -> dict:
    """Before/after rates as ``analysis.before_after_document`` shapes them. Raises
    ``AnalysisError`` (``window_beyond_data``, ``missing_break``, ``no_data`` ...)."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    # monthly series: aggregate-only datasets stay out for the public
    clean, _withheld = visible_filters(clean, public_only)
    return analysis.before_after_document(analysis.run_before_after(clean, **options))


def stability(filters: dict, last: int = 24, public_only: bool = True) -> dict:
    """Change points and volatility as ``analysis.stability_document`` shapes them."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    # monthly series: aggregate-only datasets stay out for the public
    clean, _withheld = visible_filters(clean, public_only)
    return analysis.stability_document(clean, last=last)


def surges(filters: dict, public_only: bool = True) -> dict:
    """The surge tracker (``analysis.surge_document``); for public callers a latest month
    with fewer than k events shows ``"<k"`` and no baseline."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    doc = analysis.surge_document(clean)
    if public_only:
        k = small_cell_k()
        for row in doc["rows"]:
            if 0 < row["events"] < k:
                row.update(events=f"<{k}", baseline_mean=None)
    return doc


def comparative(filters: dict, public_only: bool = True, **options) -> dict:
    """Comparative ITS as ``analysis.comparative_document`` shapes it."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    # monthly series: aggregate-only datasets stay out for the public
    clean, _withheld = visible_filters(clean, public_only)
    return analysis.comparative_document(clean, **options)


def synthetic(filters: dict, public_only: bool = True, **options) -> dict:
    """Synthetic control as ``analysis.synthetic_document`` shapes it."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    # monthly series: aggregate-only datasets stay out for the public
    clean, _withheld = visible_filters(clean, public_only)
    return analysis.synthetic_document(clean, **options)


def gti(filters: dict, public_only: bool = True) -> dict:
    """The GTI-style index per province and year, labelled as not the official GTI.

    For public callers the index is computed as ``analysis.gti_index(public=True)``
    describes: a row whose five-year window touches a small cell of aggregate-only
    data is withheld whole (counts and scores ``None``).
    """
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    table, description = analysis.gti_index(clean, public=public_only)
    k = small_cell_k()
    rows = []
    for rec in table.to_dict("records"):
        row = {
            "province": str(rec["province"]),
            "year": int(rec["year"]),
            "incidents": _number(rec["incidents"]),
            "deaths": _number(rec["deaths"]),
            "injuries": _number(rec["injuries"]),
            "raw": _number(rec["raw"]),
            "weighted": _number(rec["weighted"]),
            "score": _number(rec["score"]),
            "score_continuous": _number(rec["score_continuous"]),
            "complete_window": bool(rec["complete_window"]),
            "has_unknown": bool(rec["has_unknown"]),
            "label": str(rec["label"]),
            "suppressed": bool(rec.get("suppressed", False)),
        }
        if row["suppressed"]:
            row.update(dict.fromkeys(WITHHELD_INDEX), incidents=None)
        rows.append(row)
    return {
        "label": analysis.GTI_LABEL,
        "description": description,
        "dataset": analysis.dataset_document(table.attrs["dataset"]),
        "unavailable_terms": table.attrs["unavailable"],
        "incomplete_years": table.attrs["incomplete_years"],
        "k": k if public_only else None,
        "rows": rows,
    }


WITHHELD_INDEX = ("deaths", "injuries", "raw", "weighted", "score", "score_continuous")


CLAIM_FIELDS = (
    "id",
    "key",
    "text",
    "source",
    "source_key",
    "source_url",
    "locator",
    "kind",
    "verdict",
    "consistency",
    "independent",
    "stated",
    "computed",
    "explanation",
    "inputs",
    "note",
)


def claims(
    keys: list[str] | None = None,
    verdict: str | None = None,
    public_only: bool = True,
    consistency: str | None = None,
    independent: str | None = None,
) -> list[dict]:
    """The claims ledger checked against the data (see ``analysis.services.check_claims``),
    optionally only rows with the given verdicts; for public callers, claims resting on
    restricted figures show no consistency check."""
    rows = analysis.check_claims(keys or None)
    if public_only:
        hidden = restricted_subjects()
        rows = [withhold_restricted(r, r["subject"], hidden, WITHHELD) for r in rows]
    if verdict:
        rows = [r for r in rows if r["verdict"] == verdict]
    if consistency:
        rows = [r for r in rows if r["consistency"]["verdict"] == consistency]
    if independent:
        rows = [r for r in rows if r["independent"]["verdict"] == independent]
    return [{name: row[name] for name in CLAIM_FIELDS} for row in rows]


def interventions(charts_only: bool = False) -> list[dict]:
    return [
        {
            "key": i.key,
            "label": i.label,
            "description": i.description,
            "date": i.date,
            "date_precision": i.date_precision,
            "end_date": i.end_date,
            "end_precision": i.end_precision or None,
            "period_label": i.period_label(),
            "show_on_charts": i.show_on_charts,
            "source": source_dict(i.source),
        }
        for i in analysis.list_interventions(charts_only=charts_only)
    ]
