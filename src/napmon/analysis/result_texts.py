"""The reader's-language wording of the results: the sentences, warnings and limits.

The computation (``napmon.analysis.compute``, no Django) writes these sentences in
English, and the CLI, the API and English pages keep them as they are. In another
language the page words them here, through gettext, from the figures of the same
document (``services.its_document``): every number comes from the document, set in
Unicode isolates so that a right-to-left page keeps it whole.
"""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from napmon.analysis.compute._text import WEIGHT_SHOWN, fmt_p
from napmon.analysis.compute.its_warnings import warning_codes
from napmon.analysis.compute.synthetic_limits import fit_scale, limit_codes
from napmon.analysis.compute_messages import _is_english
from napmon.core.i18n import isolate as _iso

FAMILIES = {
    "poisson": gettext_lazy("Poisson"),
    "quasi_poisson": gettext_lazy("quasi-Poisson"),
    "negative_binomial": gettext_lazy("negative binomial"),
}


def _ratio(value) -> str:
    return _iso("–" if value is None else f"{value:.2f}")


def _p(value) -> str:
    """``fmt_p`` of the computation's sentences, isolated; "not available" translated."""
    return _("p not available") if value is None else _iso(fmt_p(value))


def _signed(value) -> str:
    if value is None:
        return _iso("–")
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return _iso(f"{sign}{abs(value):,.0f}")


def _month(text: str) -> str:
    """``YYYY-MM`` of the document as the month's name and year in the active language."""
    return date_format(date.fromisoformat(f"{text}-01"), "F Y")


def its_text(doc: dict) -> str:
    """The ITS result sentence of ``doc`` in the active language."""
    if _is_english():
        return doc["sentence"]
    level, slope = doc["effects"]["level"], doc["effects"]["slope"]
    total, window = doc["effects"]["cumulative"], doc["window"]
    model = doc["model"]
    return _(
        "Level change at the break in %(month)s against the pre-break trend: rate ratio "
        "%(ratio)s (95%% CI %(low)s to %(high)s, %(p)s). Change of the monthly trend: "
        "rate ratio %(slope)s (%(slope_p)s). Over the %(after)s months after the break the "
        "model expects %(diff)s events against the counterfactual (95%% CI %(diff_low)s "
        "to %(diff_high)s). Model: %(family)s segmented regression, %(start)s to %(end)s "
        "(%(before)s months before, %(after)s after, %(transition)s transition month(s) "
        "left out), autocorrelation-robust (HAC) errors over %(lags)s lags. This is an "
        "association, not proof that the break caused the change."
    ) % {
        "month": _month(doc["intervention_month"]),
        "ratio": _ratio(level["ratio"]),
        "low": _ratio(level["ci_low"]),
        "high": _ratio(level["ci_high"]),
        "p": _p(level["p_value"]),
        "slope": _ratio(slope["ratio"]),
        "slope_p": _p(slope["p_value"]),
        "after": _iso(window["months_after"]),
        "before": _iso(window["months_before"]),
        "transition": _iso(window["transition_months"]),
        "diff": _signed(total["difference"]),
        "diff_low": _signed(total["ci_low"]),
        "diff_high": _signed(total["ci_high"]),
        "family": FAMILIES.get(model["family"], model["family"]),
        "start": _month(window["start"]),
        "end": _month(window["end"]),
        "lags": _iso(model["standard_errors"]["hac_lag"]),
    }


def placebo_text(doc: dict) -> str | None:
    """The placebo-test sentence of the ITS ``doc`` in the active language (None: no test)."""
    placebo = doc.get("placebo")
    if not placebo:
        return None
    if _is_english():
        return placebo["sentence"]
    month, n = _month(doc["intervention_month"]), placebo["n"]
    if placebo["p_value"] is None:
        return _(
            "Only %(n)s placebo break(s) fit before %(month)s, too few for a placebo test."
        ) % {"n": _iso(n), "month": month}
    as_large = round(placebo["p_value"] * (1 + n)) - 1
    return _(
        "Of %(n)s placebo breaks before %(month)s (every %(step)s months), %(large)s gave "
        "a level change at least as large as the real one (placebo p-value %(p)s)."
    ) % {
        "n": _iso(n),
        "month": month,
        "step": _iso(placebo["step_months"]),
        "large": _iso(as_large),
        "p": _ratio(placebo["p_value"]),
    }


def comparative_text(doc: dict) -> str:
    """The comparative-ITS sentence of ``doc`` in the active language."""
    if _is_english():
        return doc["sentence"]
    level, slope = doc["level_difference"], doc["slope_difference"]
    return _(
        "Compared with %(control)s, the level of events in %(area)s changed by a factor of "
        "%(level)s (95%% CI %(low)s to %(high)s, %(p)s) at %(month)s, and its monthly "
        "trend by a factor of %(slope)s (95%% CI %(slope_low)s to %(slope_high)s, "
        "%(slope_p)s). A factor near 1 means both areas changed alike. An association, "
        "not proof of cause."
    ) % {
        "control": doc["control_name"],
        "area": doc["province_name"],
        "level": _ratio(level["ratio"]),
        "low": _ratio(level["ci_low"]),
        "high": _ratio(level["ci_high"]),
        "p": _p(level["p_value"]),
        "month": _month(doc["break_date"][:7]),
        "slope": _iso(f"{slope['ratio']:.3f}"),
        "slope_low": _iso(f"{slope['ci_low']:.3f}"),
        "slope_high": _iso(f"{slope['ci_high']:.3f}"),
        "slope_p": _p(slope["p_value"]),
    }


def synthetic_text(doc: dict) -> str:
    """The synthetic-control sentence of ``doc`` in the active language."""
    if _is_english():
        return doc["sentence"]
    n = len(doc["placebos"])
    as_large = round(doc["placebo_p_value"] * (1 + n)) - 1
    figures = {
        "mix": "، ".join(
            f"{w['name']} {_ratio(w['weight'])}"
            for w in doc["weights"]
            if w["weight"] >= WEIGHT_SHOWN
        ),
        "area": doc["province_name"],
        "month": _month(doc["break_date"][:7]),
        "pre": _iso(f"{doc['pre_rmspe']:.1f}"),
        "gap": _iso(f"{doc['mean_gap']:+.1f}"),
        "ratio": _ratio(doc["rmspe_ratio"]),
        "large": _iso(as_large),
        "n": _iso(n),
        "p": _ratio(doc["placebo_p_value"]),
        "min_p": _ratio(doc["min_p_value"]),
    }
    if doc["normalised"]:
        text = _(
            "A weighted mix of other areas (%(mix)s) tracks %(area)s before %(month)s with a "
            "root mean squared error of %(pre)s points (100 = each area's own pre-break "
            "mean). After the break %(area)s was on average %(gap)s points from it; the "
            "post/pre error ratio is %(ratio)s, and %(large)s of %(n)s donor areas refitted "
            "as if treated show a ratio as large (placebo p-value %(p)s, the smallest "
            "possible being %(min_p)s). An association, not proof of cause."
        )
    else:
        text = _(
            "A weighted mix of other areas (%(mix)s) tracks %(area)s before %(month)s with a "
            "root mean squared error of %(pre)s events per 3 months. After the break "
            "%(area)s was on average %(gap)s events per 3 months from it; the post/pre "
            "error ratio is %(ratio)s, and %(large)s of %(n)s donor areas refitted as if "
            "treated show a ratio as large (placebo p-value %(p)s, the smallest possible "
            "being %(min_p)s). An association, not proof of cause."
        )
    return text % figures


def its_warnings(doc: dict) -> list[str]:
    """The model warnings of the ITS ``doc`` in the active language: the same warnings as
    ``doc["warnings"]`` (``compute.its_warnings.warning_codes`` on the document's figures)."""
    if _is_english():
        return doc["warnings"]
    dispersion, box = doc["dispersion_test"], doc["diagnostics"]["ljung_box"]
    texts = {
        "overdispersed_poisson": lambda: (
            _(
                "Poisson was chosen although the counts are overdispersed (Pearson chi2/df "
                "%(ratio)s, %(p)s): its p-values are too small. Use the negative binomial or "
                "quasi-Poisson family."
            )
            % {"ratio": _ratio(dispersion["statistic"]), "p": _p(dispersion["p_value"])}
        ),
        "residual_autocorrelation": lambda: (
            _(
                "The residuals are still autocorrelated (Ljung-Box %(p)s at %(lags)s lags); the "
                "robust intervals allow for this only in part, so treat borderline p-values with "
                "caution."
            )
            % {"p": _p(box["p_value"]), "lags": _iso(box["lags"])}
        ),
    }
    codes = warning_codes(doc["model"]["family"], dispersion["p_value"], box["p_value"])
    return [texts[code]() for code in codes]


def synthetic_limits(doc: dict) -> list[str]:
    """The limits of the synthetic-control ``doc`` in the active language: the
    computation's (``compute.synthetic_limits.limit_codes`` on the document's figures),
    then the service's, which the document already has in the page's language."""
    if _is_english():
        return doc["limits"]
    n, scale = len(doc["placebos"]), fit_scale(doc["pre_mean"], doc["normalised"])
    texts = {
        "min_p_value": lambda: (
            _(
                "With %(n)s donor units the placebo p-value cannot be below %(min_p)s: no "
                "result can be 'significant' at 5%%."
            )
            % {"n": _iso(n), "min_p": _ratio(doc["min_p_value"])}
        ),
        "no_untreated_donor": lambda: _(
            "A national plan acts on every province, so no donor is untreated: the "
            "synthetic control shows whether the treated area changed differently from a "
            "weighted mix of the others, not what would have happened without the plan."
        ),
        "outside_hull": lambda: _(
            "Raw counts are matched: a unit with more events than any donor lies outside "
            "their convex hull and cannot be matched."
        ),
        "poor_fit": lambda: (
            _(
                "The pre-period fit is poor (RMSPE %(rmspe)s against a pre-period mean of "
                "%(mean)s): the treated area lies outside what the donors can reproduce (the "
                "convex hull), so the post-period gap is not reliable."
            )
            % {"rmspe": _iso(f"{doc['pre_rmspe']:.1f}"), "mean": _iso(f"{scale:.1f}")}
        ),
    }
    codes = limit_codes(doc["pre_rmspe"], doc["pre_mean"], doc["normalised"])
    return [texts[code]() for code in codes] + doc["limits"][len(codes) :]


def synthetic_units(doc: dict) -> str:
    """The units of the synthetic-control ``doc`` (its gaps and RMSPE) in the active
    language."""
    if _is_english():
        return doc["units"]
    if doc["normalised"]:
        return _("percent of the pre-break mean")
    return _("events per %(months)s months") % {"months": _iso(doc["period_months"])}


def robust_before_after_text(result) -> str:
    """The sentence of a ``compute.before_after.RobustBeforeAfter`` in the active language."""
    if _is_english():
        return result.sentence
    text = _(
        "Rate ratio %(ratio)s (95%% CI %(low)s to %(high)s, %(p)s) for the %(after)s months "
        "from %(month)s against the %(before)s months before; the intervals allow for "
        "overdispersion and autocorrelation."
    ) % {
        "ratio": _ratio(result.rate_ratio),
        "low": _ratio(result.ci_low),
        "high": _ratio(result.ci_high),
        "p": _p(result.p_value),
        "after": _iso(result.after_months),
        "before": _iso(result.before_months),
        "month": date_format(result.date.date(), "F Y"),
    }
    if result.placebo_p is not None:
        text += " " + _(
            "The same comparison in %(n)s earlier years gave ratios of %(min)s to %(max)s "
            "(placebo p-value %(p)s)."
        ) % {
            "n": _iso(len(result.placebo)),
            "min": _ratio(float(result.placebo["ratio"].min())),
            "max": _ratio(float(result.placebo["ratio"].max())),
            "p": _ratio(result.placebo_p),
        }
    return (
        text
        + " "
        + _(
            "This ignores any trend already under way before the break; the interrupted "
            "time series allows for it. An association, not proof of cause."
        )
    )


def before_after_text(result) -> str:
    """The sentence of a ``compute.before_after.BeforeAfter`` (Poisson windows)."""
    if _is_english():
        return result.sentence
    figures = {
        "after": _iso(f"{result.after_count:,}"),
        "before": _iso(f"{result.before_count:,}"),
        "after_rate": _iso(f"{result.after_rate_per_day:.2f}"),
        "before_rate": _iso(f"{result.before_rate_per_day:.2f}"),
        "date": date_format(result.date.date(), "j F Y"),
        "days_after": _iso(result.after_days),
        "days_before": _iso(result.before_days),
    }
    counts = (
        _(
            "%(after)s events in the %(days_after)s days from %(date)s (%(after_rate)s a day) "
            "against %(before)s in the %(days_before)s days before (%(before_rate)s a day)"
        )
        % figures
    )
    if result.rate_ratio is None:
        return _("No events in either window, so no change can be estimated: %(counts)s.") % {
            "counts": counts
        }
    if result.rate_ratio == float("inf"):
        return _("Events rose from none: %(counts)s; lower 95%% bound of the rate ratio "
                 "%(low)s.") % {"counts": counts, "low": _ratio(result.ci_low)}  # fmt: skip
    return _("%(counts)s; rate ratio %(ratio)s (95%% CI %(low)s to %(high)s, %(p)s).") % {
        "counts": counts,
        "ratio": _ratio(result.rate_ratio),
        "low": _ratio(result.ci_low),
        "high": _ratio(result.ci_high),
        "p": _p(result.p_value),
    }


def change_points_text(found: dict) -> str:
    """The sentence of the ``change_points`` part of a stability document."""
    if _is_english():
        return found["sentence"]
    segments = found["segments"]
    if len(segments) == 1:
        return _("No change in the level of events was found (%(mean)s a month).") % {
            "mean": _iso(f"{segments[0]['mean']:.1f}")
        }
    parts = "؛ ".join(
        _("%(start)s to %(end)s: %(mean)s a month")
        % {"start": _month(s["start"]), "end": _month(s["end"]), "mean": _iso(f"{s['mean']:.1f}")}
        for s in segments
    )
    breaks = "، ".join(_month(b) for b in found["breaks"])
    return _("The level of events changed in %(breaks)s (%(segments)s).") % {
        "breaks": breaks,
        "segments": parts,
    }


def volatility_text(v: dict) -> str:
    """The sentence of one ``volatility`` row of a stability document."""
    if _is_english():
        return v["sentence"]
    figures = {
        "mean": _iso(f"{v['mean']:.1f}"),
        "start": _month(v["start"]),
        "end": _month(v["end"]),
        "cv": _ratio(v["cv"]),
    }
    if v["cv"] is None:
        return (
            _(
                "Events averaged %(mean)s a month from %(start)s to %(end)s: no events, so no "
                "variability to measure."
            )
            % figures
        )
    if v["max_change_pct"] is None:
        return (
            _(
                "Events averaged %(mean)s a month from %(start)s to %(end)s (coefficient of "
                "variation %(cv)s); no month-on-month change is defined."
            )
            % figures
        )
    figures.update(
        change=_iso(f"{abs(v['mean_abs_change_pct']):.0f}%"),
        swing=_iso(f"{abs(v['max_change_pct']):.0f}%"),
        month=_month(v["max_change_month"]),
    )
    if v["max_change_pct"] > 0:
        return (
            _(
                "Events averaged %(mean)s a month from %(start)s to %(end)s (coefficient of "
                "variation %(cv)s); months moved by %(change)s on average, the largest swing a "
                "%(swing)s rise in %(month)s."
            )
            % figures
        )
    return (
        _(
            "Events averaged %(mean)s a month from %(start)s to %(end)s (coefficient of "
            "variation %(cv)s); months moved by %(change)s on average, the largest swing a "
            "%(swing)s fall in %(month)s."
        )
        % figures
    )
