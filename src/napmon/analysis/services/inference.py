"""Inference on outcome series: the interrupted time series with its placebo test,
sensitivity grid and verdict, and the one JSON document every face shows.

Reads the monthly series through ``outcomes.month_series`` and calls the pure functions
of :mod:`napmon.analysis.compute.its` and :mod:`~napmon.analysis.compute.robustness`.
The CLI's ``--json``, the API and the ``/outcomes/`` page all show :func:`its_document`.
Methods, assumptions and limits: docs/analysis.md.
"""

from __future__ import annotations

import hashlib
import json
import math

import pandas as pd
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.services.outcomes import (
    _break_date,
    _compute,
    _subject,
    dataset_info,
    month_series,
    one_dataset,
)
from napmon.analysis.services.summaries import UNKNOWN, clean_filters, summarise

PLACEBO_STEP = 6
SE_METHOD = (
    "parametric HAC sandwich: ARMA(1,1) correlation of the Pearson residuals "
    "(latent AR(1) rate, Zeger 1988)"
)
SEASONALITY_CHOICES = ("fourier", "dummies", "none")


def caveats() -> list[str]:
    """What every conclusion about the plan must carry, in plain words (translated)."""
    return [
        _(
            "Association, not proof of cause: these figures show what changed around the "
            "break, not why it changed."
        ),
        _(
            "The Army Public School attack (16 December 2014) and the National Action Plan "
            "(24 December 2014) fall in the same month: their effects cannot be told apart."
        ),
        _(
            "Operation Zarb-e-Azb began in June 2014, six months before the plan; part of "
            "any change may be its doing."
        ),
        _("Military courts tried terrorism cases from January 2015, a further change."),
        _(
            "FATA merged into Khyber Pakhtunkhwa in 2018, changing the geography: province "
            "figures before and after 2018 are not like for like."
        ),
        _(
            "The counts are the events one dataset recorded; changes in reporting change "
            "the counts as well."
        ),
    ]


def how_to_read(panel: str) -> str:
    """The "how to read this" note of a panel (``its``, ``placebo``, ``sensitivity``,
    ``before_after``, ``change_points``, ``volatility``, ``surge``, ``comparative``,
    ``synthetic``)."""
    notes = {
        "its": _(
            "The dashed line is what the months before the break predict would have "
            "happened (the counterfactual). The level change is the jump at the break, the "
            "slope change the change of the monthly trend, the cumulative difference the "
            "events above or below the counterfactual after the break. An interval that "
            "includes 1 (or 0 for the difference) means no clear change."
        ),
        "placebo": _(
            "Each point is the change the same model finds at a date before the plan, when "
            "it could not have acted. If many points lie as far from 1 as the real one, the "
            "change at the plan is ordinary."
        ),
        "sensitivity": _(
            "The same model with other break dates, windows and model families. A result "
            "worth quoting holds in every row."
        ),
        "before_after": _(
            "This compares the average monthly rate in two windows. It ignores any trend "
            "already under way before the break, so a fall that had begun earlier looks like "
            "an effect: use the interrupted time series for that. The same comparison at "
            "earlier years (placebo years) shows how large an ordinary change is."
        ),
        "change_points": _(
            "Months where the average level of events shifts, found without knowing the "
            "dates of the plan. The method allows for counts that vary more than chance "
            "alone would make them, so it finds a shift only when it is large."
        ),
        "volatility": _(
            "How unsteady the monthly counts are: the coefficient of variation is the "
            "spread relative to the average; larger means more volatile."
        ),
        "surge": _(
            "A province is flagged when its latest month is far above what its previous "
            "twelve months make likely (threshold calibrated to fire rarely by chance)."
        ),
        "comparative": _(
            "The change in one area compared with the change in another over the same "
            "months. If both changed alike, the change cannot be put down to anything that "
            "acted on one area only; a national plan acts on both, so this is no control "
            "for the plan itself."
        ),
        "synthetic": _(
            "The chosen area is compared with a weighted mix of other areas (the synthetic "
            "control) that tracked it before the break. After the break, the gap between them "
            "is the estimate. The p-value ranks the gap against the same method applied to each "
            "other area; with few areas it cannot be small. A poor fit before the break means "
            "the gap says little."
        ),
    }
    return notes[panel]


def _spec(family, seasonality, window, transition, hac_lag, min_points):
    from napmon.analysis.compute.its import ModelSpec, check_spec

    if seasonality not in (*SEASONALITY_CHOICES, None):
        raise AnalysisError(
            f"Unknown seasonality {seasonality!r}; use fourier, dummies or none.",
            code="bad_seasonality",
            field="seasonality",
        )
    spec = ModelSpec(
        family=family,
        seasonality=None if seasonality in (None, "none") else seasonality,
        window=None if window in (None, 0, "all") else int(window),
        transition=int(transition),
        hac_lag=None if hac_lag is None else int(hac_lag),
        min_points=int(min_points),
    )
    _compute(check_spec, spec)
    return spec


def run_its(
    filters: dict | None = None,
    *,
    at=None,
    intervention=None,
    family: str = "auto",
    seasonality: str | None = "fourier",
    window: int | str | None = 48,
    transition: int = 1,
    hac_lag: int | None = None,
    min_points: int = 12,
    robustness: bool = True,
) -> dict:
    """Interrupted time series of monthly event counts around a break, with its checks.

    Fits :func:`compute.its.interrupted_time_series` on the zero-filled monthly series
    (window ``window`` months a side, ``"all"`` or None for the whole series); with
    ``robustness`` also the placebo breaks every 6 months before the break, the
    sensitivity grid (June 2014, December 2014, January 2015 and this break × 24, 48 and
    all months × negative binomial and quasi-Poisson) and the verdict. Returns a dict:
    ``break``, ``break_label``, ``result``, ``placebo``, ``sensitivity``, ``verdict``
    (code, sentence), ``spec``, ``table``, ``excluded_year_only``. Raises AnalysisError
    ``no_monthly_data``, ``missing_break``, ``not_found``, ``bad_seasonality`` and the
    compute codes (``too_few_points``, ``bad_window`` ...).
    """
    from napmon.analysis.compute import robustness as rb
    from napmon.analysis.compute.its import interrupted_time_series
    from napmon.analysis.compute_messages import verdict_text

    filters = clean_filters(one_dataset(filters))
    spec = _spec(family, seasonality, window, transition, hac_lag, min_points)
    when, label = _break_date(at, intervention)
    table, unknown = month_series(filters)
    counts = table.set_index("period")["events"]
    result = _compute(interrupted_time_series, counts, when, spec, subject=_subject(filters))
    out = {
        "break": when,
        "break_label": label,
        "dataset": filters["dataset"],
        "result": result,
        "spec": spec,
        "placebo": None,
        "sensitivity": None,
        "verdict": None,
        "table": table,
        "excluded_year_only": unknown,
    }
    if robustness:
        placebo = _compute(
            rb.placebo_in_time, counts, when, spec, real_ratio=result.level_ratio, step=PLACEBO_STEP
        )
        breaks = [*rb.GRID_BREAKS]
        if not any(pd.Timestamp(b).to_period("M") == pd.Period(when, "M") for b, _l in breaks):
            breaks.append((when.isoformat(), label))
        grid = _compute(rb.sensitivity_grid, counts, spec, breaks)
        figures = rb.verdict_figures(result.level_ratio, result.level_p, placebo, grid)
        out.update(
            placebo=placebo,
            sensitivity=grid,
            verdict=(figures["code"], verdict_text(figures)),
        )
    return out


def number(value):
    """A JSON-safe number: None for None, NaN and infinity; ``int`` when whole."""
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _month(ts) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m")


def _estimate(ratio, ci, p) -> dict:
    return {
        "ratio": number(ratio),
        "ci_low": number(ci[0]),
        "ci_high": number(ci[1]),
        "p_value": number(p),
    }


DATASET_FIELDS = ("name", "measure", "producer", "licence", "citation", "url", "records_injuries")


def dataset_document(name: str) -> dict:
    """What an inference result was computed on: the dataset, what it measures, its licence
    and citation (every face shows them beside the figures)."""
    info = dataset_info(name)
    return {k: info[k] for k in DATASET_FIELDS}


def its_document(run: dict) -> dict:
    """The ITS result as JSON-ready data: the one serialiser of the CLI, the API and the page.

    Every number is finite or None (never NaN); months are ``YYYY-MM``.
    """
    r = run["result"]
    doc = {
        "dataset": dataset_document(run["dataset"]),
        "break_date": run["break"].isoformat(),
        "break_label": run["break_label"],
        "intervention_month": _month(r.intervention_month),
        "first_post_month": _month(r.first_post_month),
        "window": {
            "months_each_side": r.window,
            "start": _month(r.window_start),
            "end": _month(r.window_end),
            "months_before": r.n_before,
            "months_after": r.n_after,
            "transition_months": r.transition,
        },
        "model": {
            "family": r.family,
            "family_reason": r.family_reason,
            "alpha": number(r.alpha),
            "seasonality": r.seasonality,
            "harmonics": r.harmonics if r.seasonality == "fourier" else None,
            "offset": r.offset,
            "standard_errors": {
                "method": SE_METHOD,
                "hac_lag": r.hac_lag,
                "ar1_rho": number(r.ar1_rho),
                "ar_decay": number(r.ar_decay),
            },
        },
        "dispersion_test": {
            "statistic": number(r.dispersion),
            "p_value": number(r.dispersion_p),
            "overdispersed": bool(r.dispersion_p < 0.05),
        },
        "diagnostics": {
            "residual_autocorrelation": number(r.residual_autocorrelation),
            "ljung_box": {
                "statistic": number(r.ljung_box_stat),
                "p_value": number(r.ljung_box_p),
                "lags": r.ljung_box_lags,
            },
        },
        "effects": {
            "level": _estimate(r.level_ratio, r.level_ci, r.level_p),
            "slope": _estimate(r.slope_ratio, r.slope_ci, r.slope_p),
            "cumulative": {
                "difference": number(r.cumulative_difference),
                "ci_low": number(r.cumulative_ci[0]),
                "ci_high": number(r.cumulative_ci[1]),
                "percent_of_counterfactual": number(r.cumulative_percent),
                "counterfactual": number(r.counterfactual_total),
                "observed": number(r.observed_post_total),
                "months": r.n_after,
            },
        },
        "pre_trend_ratio": number(r.pre_trend_ratio),
        "placebo": _placebo_doc(run["placebo"]),
        "sensitivity": _grid_doc(run["sensitivity"]),
        "verdict": (
            {"code": run["verdict"][0], "sentence": run["verdict"][1]} if run["verdict"] else None
        ),
        "warnings": list(r.warnings),
        "caveats": caveats(),
        "how_to_read": how_to_read("its"),
        "sentence": r.sentence,
        "excluded_year_only": int(run["excluded_year_only"]),
        "months": [
            {
                "month": _month(m.month),
                "observed": number(m.observed),
                "fitted": number(m.fitted),
                "counterfactual": number(m.counterfactual),
                "in_fit": bool(m.in_fit),
            }
            for m in r.months.itertuples(index=False)
        ],
    }
    return doc


ROBUST_KEYS = (
    "rate_ratio", "ci_low", "ci_high", "p_value", "family", "dispersion", "hac_lag",
    "ar1_rho", "before_months", "after_months", "before_total", "after_total",
    "placebo_p_value", "sentence",
)  # fmt: skip


def before_after_document(run: dict) -> dict:
    """The before/after result as JSON-ready data (the CLI's ``--json`` and the API): the
    Poisson window counts and, under ``robust``, the overdispersion-aware monthly rate
    ratio with its placebo years (or ``{"message", "code"}`` when unavailable)."""
    r = run["result"]
    robust = run.get("robust")
    if robust is None or isinstance(robust, dict):
        robust_doc = robust and {
            **dict.fromkeys(ROBUST_KEYS),
            "placebo_years": [],
            "message": robust.get("message"),
            "code": robust.get("code"),
        }
    else:
        robust_doc = {
            "rate_ratio": number(robust.rate_ratio),
            "ci_low": number(robust.ci_low),
            "ci_high": number(robust.ci_high),
            "p_value": number(robust.p_value),
            "family": robust.family,
            "dispersion": number(robust.dispersion),
            "hac_lag": robust.hac_lag,
            "ar1_rho": number(robust.ar1_rho),
            "before_months": robust.before_months,
            "after_months": robust.after_months,
            "before_total": robust.before_total,
            "after_total": robust.after_total,
            "placebo_p_value": number(robust.placebo_p),
            "placebo_years": [
                {"date": _month(row.date), "ratio": number(row.ratio)}
                for row in robust.placebo.itertuples(index=False)
            ],
            "sentence": robust.sentence,
            "message": None,
            "code": None,
        }
    return {
        "break_date": run["break"].isoformat(),
        "break_label": run["break_label"],
        "before_count": r.before_count,
        "after_count": r.after_count,
        "before_days": r.before_days,
        "after_days": r.after_days,
        "poisson_rate_ratio": number(r.rate_ratio),
        "poisson_ci_low": number(r.ci_low),
        "poisson_ci_high": number(r.ci_high),
        "poisson_p_value": number(r.p_value),
        "percent_change": number(r.percent_change),
        "poisson_sentence": r.sentence,
        "robust": robust_doc,
        "excluded_imprecise": int(run["excluded_imprecise"]),
        "how_to_read": how_to_read("before_after"),
        "caveats": caveats(),
    }


def _monthly_counts(filters: dict) -> pd.Series:
    table, _unknown = month_series(filters)
    return table.set_index("period")["events"]


def stability_document(filters: dict | None = None, *, last: int = 24) -> dict:
    """Change points (calibrated for overdispersion) and volatility of the monthly events
    as JSON-ready data: the CLI's ``--json``, the API and the page show this.

    Volatility covers the ``last`` months (default 24) and the whole series. Raises
    AnalysisError ``no_monthly_data`` and the compute codes (``too_few_points`` ...).
    """
    from napmon.analysis.compute.changepoints import change_points
    from napmon.analysis.compute.volatility import volatility

    filters = clean_filters(filters)
    counts = _monthly_counts(filters)
    subject = _subject(filters)
    found = _compute(change_points, counts, subject=subject)
    recent = _compute(volatility, counts, last=int(last), subject=subject)
    whole = _compute(volatility, counts, subject=subject)
    return {
        "change_points": {
            "breaks": [_month(b) for b in found.breaks],
            "segments": [
                {
                    "start": _month(row.start),
                    "end": _month(row.end),
                    "months": int(row.months),
                    "total": number(row.total),
                    "mean": number(row.mean),
                }
                for row in found.segments.itertuples(index=False)
            ],
            "method": found.method,
            "cost": found.cost,
            "penalty": number(found.penalty),
            "sentence": found.sentence,
            "how_to_read": how_to_read("change_points"),
        },
        "volatility": [_volatility_doc(v) for v in (recent, whole)],
        "volatility_how_to_read": how_to_read("volatility"),
    }


def _volatility_doc(v) -> dict:
    return {
        "start": _month(v.start),
        "end": _month(v.end),
        "months": v.n_months,
        "mean": number(v.mean),
        "sd": number(v.std),
        "cv": number(v.cv),
        "mean_abs_change_pct": number(v.mean_abs_change_pct),
        "max_change_pct": number(v.max_change_pct),
        "max_change_month": _month(v.max_change_month),
        "sentence": v.sentence,
    }


def surge_document(filters: dict | None = None) -> dict:
    """Each province's latest month against its previous twelve (ACLED-style surge
    tracker, :func:`compute.surge.surges`); events without a province are left out.
    The latest month is the last month with data for the filters, for every province.
    Raises AnalysisError ``no_monthly_data``."""
    from napmon.analysis.compute.surge import BASELINE_MONTHS, QUANTILE, surges

    filters = clean_filters(filters)
    rows = [
        r
        for r in summarise(["province", "month"], filters)
        if r["province"] != UNKNOWN and r["month"] != UNKNOWN
    ]
    if not rows:
        raise AnalysisError(
            _("The surge tracker needs imported events with a province and a month."),
            code="no_monthly_data",
        )
    long = pd.DataFrame(
        {
            "area": [r["province"] for r in rows],
            "month": pd.to_datetime([f"{r['month']}-01" for r in rows]),
            "events": [r["events"] for r in rows],
        }
    )
    months = pd.date_range(long["month"].min(), long["month"].max(), freq="MS", name="month")
    full = (
        long.set_index(["area", "month"])["events"]
        .unstack(fill_value=0)
        .reindex(columns=months, fill_value=0)
        .stack()
        .rename("events")
        .reset_index()
    )
    found = _compute(surges, full)
    return {
        "baseline_months": BASELINE_MONTHS,
        "quantile": QUANTILE,
        "rows": [
            {
                "province": s.area,
                "month": _month(s.month),
                "events": s.events,
                "baseline_mean": number(s.baseline_mean),
                "threshold": s.threshold,
                "surge": s.surge,
            }
            for s in found
        ],
        "how_to_read": how_to_read("surge"),
    }


def _placebo_doc(placebo) -> dict | None:
    if placebo is None:
        return None
    return {
        "p_value": number(placebo.p_value),
        "step_months": placebo.step,
        "n": len(placebo.rows),
        "skipped": placebo.skipped,
        "real_ratio": number(placebo.real_ratio),
        "sentence": placebo.sentence,
        "rows": [
            {"month": _month(row.month), "ratio": number(row.ratio), "p_value": number(row.p)}
            for row in placebo.rows.itertuples(index=False)
        ],
    }


def _grid_doc(grid) -> dict | None:
    if grid is None:
        return None
    return {
        "significant": grid.significant,
        "fitted": grid.fitted,
        "rows": [
            {
                "break_date": pd.Timestamp(row["break"]).date().isoformat(),
                "break_label": row["break_label"],
                "window": None
                if row["window"] is None or pd.isna(row["window"])
                else int(row["window"]),
                "family": row["family"],
                "ratio": number(row["ratio"]),
                "ci_low": number(row["ci_low"]),
                "ci_high": number(row["ci_high"]),
                "p_value": number(row["p"]),
                "error": row["error"],
            }
            for row in grid.rows.to_dict("records")
        ],
    }


def its_report(filters: dict | None = None, **options) -> dict:
    """``its_document(run_its(filters, **options))``: what every face shows, computed once
    per data version, language and arguments.

    The fit with its placebo breaks and sensitivity grid takes seconds; the page, the API
    and the briefs ask for the same few documents again and again. The cache key holds
    the data version (the newest audit entry: every import, rollback and edit writes
    one), so a change to the data is never served stale. Raises what ``run_its`` raises
    (errors are not cached).
    """
    from django.core.cache import cache
    from django.utils.translation import get_language

    from napmon.core.page_cache import data_stamp

    raw = json.dumps(
        [filters or {}, options, data_stamp(), get_language()], sort_keys=True, default=str
    )
    key = "napmon:its:" + hashlib.sha256(raw.encode()).hexdigest()
    doc = cache.get(key)
    if doc is None:
        doc = its_document(run_its(filters, **options))
        cache.set(key, doc, 24 * 3600)
    return doc


__all__ = [
    "its_report",
    "before_after_document",
    "stability_document",
    "surge_document",
    "caveats",
    "how_to_read",
    "its_document",
    "number",
    "run_its",
]
