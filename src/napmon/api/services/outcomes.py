"""Outcome analyses, the claims ledger and interventions as the API shows them.

The figures come from ``napmon.analysis.services``; this module shapes them as JSON
(no NaN or infinity: those become ``null``) and applies the small-cell rule of
``api.services.events`` for public callers, to the summaries and to the counts behind
the GTI-style index.
"""

from __future__ import annotations

import math

from napmon.analysis import services as analysis
from napmon.analysis.services.visible import summarise_visible, visible_filters
from napmon.core.visibility import small_cell_k
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
    result = summarise_visible(by, clean, public_only)
    rows = [{m: row[m] for m in ("key", *MEASURES, "suppressed")} for row in result["rows"]]
    return {"by": by, "k": result["k"], "rows": rows, "withheld": result["withheld"]}


def _estimate(ratio, ci, p) -> dict:
    return {
        "ratio": _number(ratio),
        "ci_low": _number(ci[0]),
        "ci_high": _number(ci[1]),
        "p_value": _number(p),
    }


def its(filters: dict, public_only: bool = True, **options) -> dict:
    """Interrupted time series of monthly events around a break: estimates with 95% CIs,
    p-values and the sentence. Raises ``AnalysisError`` (422 codes such as
    ``too_few_points`` and ``no_monthly_data`` when the data cannot support it)."""
    clean = {k: v for k, v in filters.items() if v not in (None, "", False)}
    clean, _withheld = visible_filters(clean, public_only)
    run = analysis.run_its(clean, **options)
    r = run["result"]
    return {
        "break_date": run["break"],
        "break_label": run["break_label"],
        "intervention_month": r.intervention_month.date().isoformat()[:7],
        "level_change": _estimate(r.level_ratio, r.level_ci, r.level_p),
        "slope_change": _estimate(r.slope_ratio, r.slope_ci, r.slope_p),
        "pre_trend_ratio": _number(r.pre_trend_ratio),
        "family": r.family,
        "alpha": _number(r.alpha),
        "dispersion": _number(r.dispersion),
        "dispersion_p": _number(r.dispersion_p),
        "seasonality": r.seasonality,
        "offset": r.offset,
        "n_before": r.n_before,
        "n_after": r.n_after,
        "residual_autocorrelation": _number(r.residual_autocorrelation),
        "excluded_year_only": int(run["excluded_year_only"]),
        "sentence": r.sentence,
    }


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
