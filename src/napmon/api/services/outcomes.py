"""Outcome analyses, the claims ledger and interventions as the API shows them.

The figures come from ``napmon.analysis.services``; this module shapes them as JSON
(no NaN or infinity: those become ``null``) and applies the small-cell rule of
``api.services.events`` for public callers, to the summaries and to the counts behind
the GTI-style index.
"""

from __future__ import annotations

import math

from napmon.analysis import services as analysis
from napmon.api.services.events import small_cell_k, suppress
from napmon.indicators.models import Indicator, IndicatorValue, Visibility
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
    """Events, killed and injured grouped by ``by`` from the summary tables.

    Public callers see a group with fewer than k events as ``"<k"``, with its killed,
    injured and unknown counts left out. Raises ``AnalysisError`` (invalid_grouping,
    invalid_filter, invalid_date).
    """
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    rows = [{m: row[m] for m in ("key", *MEASURES)} for row in analysis.summarise(by, clean)]
    if public_only:
        k = small_cell_k()
        shown = suppress(rows, k)
        for row in shown:
            if row["suppressed"]:
                row["killed_unknown"] = row["injured_unknown"] = None
        return {"by": by, "k": k, "rows": shown}
    return {"by": by, "k": None, "rows": [{**r, "suppressed": False} for r in rows]}


def its(filters: dict, **options) -> dict:
    """Interrupted time series of monthly events around a break, as
    ``analysis.its_document`` shapes it (the CLI's ``--json`` shows the same). Raises
    ``AnalysisError`` (422 codes such as ``too_few_points`` and ``no_monthly_data``)."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    return analysis.its_document(analysis.run_its(clean, **options))


def before_after(filters: dict, **options) -> dict:
    """Before/after rates as ``analysis.before_after_document`` shapes them. Raises
    ``AnalysisError`` (``window_beyond_data``, ``missing_break``, ``no_data`` ...)."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    return analysis.before_after_document(analysis.run_before_after(clean, **options))


def stability(filters: dict, last: int = 24) -> dict:
    """Change points and volatility as ``analysis.stability_document`` shapes them."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
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


def comparative(filters: dict, **options) -> dict:
    """Comparative ITS as ``analysis.comparative_document`` shapes it."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    return analysis.comparative_document(clean, **options)


def gti(filters: dict, public_only: bool = True) -> dict:
    """The GTI-style index per province and year, labelled as not the official GTI.

    For public callers a province-year with fewer than k incidents shows its incidents
    as ``"<k"`` and leaves out the counts and the unbanded scores that would give them
    away; its banded score stays.
    """
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    table, description = analysis.gti_index(clean)
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
            "suppressed": False,
        }
        if public_only and 0 < row["incidents"] < k:
            row.update(
                incidents=f"<{k}",
                deaths=None,
                injuries=None,
                raw=None,
                weighted=None,
                score_continuous=None,
                suppressed=True,
            )
        rows.append(row)
    return {
        "label": analysis.GTI_LABEL,
        "description": description,
        "k": k if public_only else None,
        "rows": rows,
    }


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
    "stated",
    "computed",
    "explanation",
    "inputs",
    "note",
)


def restricted_subjects() -> set[str]:
    """Slugs of indicators that are restricted or have a restricted value.

    The claim checker reads every value of an indicator; a public caller must not learn a
    restricted figure from a claim's computed value, inputs or verdict.
    """
    restricted = Indicator.objects.filter(visibility=Visibility.RESTRICTED).values_list(
        "slug", flat=True
    )
    with_values = IndicatorValue.objects.filter(visibility=Visibility.RESTRICTED).values_list(
        "indicator__slug", flat=True
    )
    return set(restricted) | set(with_values)


def withhold_restricted(row: dict, subject: dict, hidden: set[str], message: str) -> dict:
    """``row`` with its check withheld when the claim's indicator is in ``hidden``."""
    if (subject or {}).get("indicator") not in hidden:
        return row
    return {
        **row,
        "verdict": "unverifiable",
        "computed": None,
        "explanation": message,
        "inputs": [],
    }


WITHHELD = "The figures behind this claim include restricted material, so the check is withheld."


def claims(
    keys: list[str] | None = None, verdict: str | None = None, public_only: bool = True
) -> list[dict]:
    """The claims ledger checked against the data (see ``analysis.services.check_claims``);
    for public callers, claims resting on restricted figures show no check."""
    rows = analysis.check_claims(keys or None)
    if public_only:
        hidden = restricted_subjects()
        rows = [withhold_restricted(r, r["subject"], hidden, WITHHELD) for r in rows]
    if verdict:
        rows = [r for r in rows if r["verdict"] == verdict]
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
