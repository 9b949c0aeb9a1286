"""Interrupted time series: segmented Poisson / negative binomial regression on monthly counts."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, stats
from statsmodels.genmod.families import NegativeBinomial, Poisson
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    HessianInversionWarning,
    PerfectSeparationWarning,
)

from ._checks import require_monthly
from ._text import describe_ratio, fmt_p
from .errors import ComputeError

FAMILIES = ("auto", "poisson", "negative_binomial")
SEASONALITY = (None, "fourier", "dummies")
OVERDISPERSION_P = 0.05
ALPHA_BOUNDS = (1e-6, 10.0)
MODEL_WARNINGS = (ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning)


@dataclass(frozen=True)
class ITSResult:
    """Rate ratios from the segmented regression (exp of the coefficients), with 95% CIs.

    ``level_ratio``: the step at the intervention month (post / counterfactual).
    ``slope_ratio``: the change in the month-on-month ratio after the intervention
    (1.01 = the trend is 1% a month higher than before). ``pre_trend_ratio``: the monthly
    ratio before the intervention. ``dispersion`` is the Pearson chi2/df of the Poisson
    fit and ``dispersion_p`` its one-sided test; ``alpha`` is the NB2 dispersion (None
    for Poisson). ``residual_autocorrelation`` is the lag-1 autocorrelation of Pearson
    residuals: values far from 0 mean the CIs are too narrow.
    """

    level_ratio: float
    level_ci: tuple[float, float]
    level_p: float
    slope_ratio: float
    slope_ci: tuple[float, float]
    slope_p: float
    pre_trend_ratio: float
    family: str
    alpha: float | None
    dispersion: float
    dispersion_p: float
    n_before: int
    n_after: int
    intervention_month: pd.Timestamp
    seasonality: str | None
    offset: str | None
    residual_autocorrelation: float
    sentence: str


def _design(idx: pd.PeriodIndex, t0: int, seasonality: str | None, harmonics: int) -> pd.DataFrame:
    """Constant, time, level (post), slope (months since intervention) and seasonal terms."""
    t = np.arange(len(idx), dtype=float)
    post = (t >= t0).astype(float)
    cols = {"const": np.ones(len(idx)), "time": t, "level": post, "slope": (t - t0) * post}
    month = idx.month.to_numpy()
    if seasonality == "fourier":
        for k in range(1, harmonics + 1):
            if k < 6:  # sin(pi * m) is identically zero
                cols[f"sin{k}"] = np.sin(2 * np.pi * k * month / 12)
            cols[f"cos{k}"] = np.cos(2 * np.pi * k * month / 12)
    elif seasonality == "dummies":
        for m in range(2, 13):
            cols[f"month{m}"] = (month == m).astype(float)
    return pd.DataFrame(cols, index=idx)


def _fit(y: np.ndarray, x: pd.DataFrame, family, offset: np.ndarray | None):
    """Fit a GLM; turn estimation warnings into a ComputeError, re-raise any other warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = sm.GLM(y, x.to_numpy(), family=family, offset=offset).fit()
    for w in caught:
        if issubclass(w.category, MODEL_WARNINGS):
            raise ComputeError(
                f"The model did not converge ({w.message}).", code="model_not_converged"
            )
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if not result.converged or not np.all(np.isfinite(result.bse)):
        raise ComputeError("The model did not converge.", code="model_not_converged")
    return result


def _nb_alpha(y: np.ndarray, x: pd.DataFrame, offset: np.ndarray | None) -> float:
    """Maximum-likelihood NB2 alpha, profiling the GLM log-likelihood over log(alpha)."""

    def negative_llf(log_alpha: float) -> float:
        return -_fit(y, x, NegativeBinomial(alpha=math.exp(log_alpha)), offset).llf

    lo, hi = (math.log(b) for b in ALPHA_BOUNDS)
    best = optimize.minimize_scalar(negative_llf, bounds=(lo, hi), method="bounded")
    return float(math.exp(best.x))


def interrupted_time_series(
    counts: pd.Series,
    intervention: date | str | pd.Timestamp,
    *,
    family: str = "auto",
    seasonality: str | None = None,
    harmonics: int = 1,
    offset: str | None = "days",
    min_points: int = 6,
    subject: str = "Events",
) -> ITSResult:
    """Segmented regression of monthly counts around an intervention.

    Model: ``log E[y_t] = b0 + b1 t + b2 post_t + b3 (t - t0) post_t [+ seasonal] [+ offset]``
    where ``t`` counts months from the first, ``t0`` is the month containing
    ``intervention`` (the first post-intervention month; pass the first full month if the
    intervention came late in a month) and ``post_t = 1`` from ``t0`` on. ``exp(b2)`` is
    the level-change rate ratio, ``exp(b3)`` the slope-change ratio per month.
    Seasonality: ``"fourier"`` adds ``harmonics`` sine/cosine pairs of the calendar month,
    ``"dummies"`` eleven month-of-year indicators. ``offset="days"`` adds
    ``log(days in month)`` so coefficients are rates per day (``None`` for raw counts).

    Family: a Poisson GLM is always fitted first; its Pearson chi2/df is the dispersion
    statistic, tested one-sided against chi2(df). ``"auto"`` uses negative binomial (NB2,
    variance ``mu + alpha mu^2``) when that test gives p < 0.05, else Poisson. NB alpha is
    the maximum-likelihood value (profile likelihood over GLM fits, alpha in [1e-6, 10]),
    then treated as known for the standard errors. Intervals are Wald 95% intervals on
    the log scale. Assumes counts independent given the covariates; check
    ``residual_autocorrelation``.

    ``counts`` is a gap-free monthly Series indexed by month (DatetimeIndex or
    PeriodIndex), e.g. ``series(events, "month").set_index("period")["events"]``.

    Raises ComputeError: ``empty``, ``bad_input``, ``bad_index``, ``bad_counts``,
    ``gaps_in_series``, ``bad_offset``, ``bad_family``, ``bad_seasonality``,
    ``too_few_points`` (fewer than ``min_points`` months on either side, or too few for
    the model's terms), ``model_not_identifiable``
    (seasonal terms collinear with the trend, e.g. month dummies on exactly one year a
    side), ``no_events_on_one_side`` and ``model_not_converged``.
    """
    if family not in FAMILIES:
        raise ComputeError(
            f"Unknown family {family!r}; use one of {FAMILIES}.", code="bad_family", field="family"
        )
    if offset not in ("days", None):
        raise ComputeError("The offset must be 'days' or None.", code="bad_offset", field="offset")
    if seasonality not in SEASONALITY or not 1 <= harmonics <= 6:
        raise ComputeError(
            "Seasonality must be None, 'fourier' (1 to 6 harmonics) or 'dummies'.",
            code="bad_seasonality",
            field="seasonality",
        )
    y_series = require_monthly(counts)
    month = pd.Period(pd.Timestamp(intervention), freq="M")
    t0 = int((y_series.index < month).sum())
    n_before, n_after = t0, len(y_series) - t0
    if min(n_before, n_after) < min_points:
        raise ComputeError(
            f"An interrupted time series needs at least {min_points} months on each side of "
            f"{month.strftime('%B %Y')}; there are {n_before} before and {n_after} from it.",
            code="too_few_points",
            field="intervention",
        )
    y = y_series.to_numpy()
    if y[:t0].sum() == 0 or y[t0:].sum() == 0:
        raise ComputeError(
            "There are no events on one side of the intervention, so no rate ratio can be "
            "estimated.",
            code="no_events_on_one_side",
        )
    x = _design(y_series.index, t0, seasonality, harmonics)
    if len(y) - x.shape[1] < min_points:
        raise ComputeError(
            f"{len(y)} months are too few for {x.shape[1]} model terms.",
            code="too_few_points",
            field="seasonality",
        )
    if np.linalg.matrix_rank(x.to_numpy()) < x.shape[1]:
        raise ComputeError(
            "The seasonal terms cannot be told apart from the trend with this few months; "
            "use Fourier terms, no seasonality or a longer series.",
            code="model_not_identifiable",
            field="seasonality",
        )
    off = np.log(y_series.index.days_in_month.to_numpy(dtype=float)) if offset == "days" else None

    poisson = _fit(y, x, Poisson(), off)
    dispersion = float(poisson.pearson_chi2 / poisson.df_resid)
    dispersion_p = float(stats.chi2.sf(poisson.pearson_chi2, poisson.df_resid))
    use_nb = family == "negative_binomial" or (family == "auto" and dispersion_p < OVERDISPERSION_P)
    alpha = _nb_alpha(y, x, off) if use_nb else None
    result = _fit(y, x, NegativeBinomial(alpha=alpha), off) if use_nb else poisson

    names = list(x.columns)
    ci = np.exp(result.conf_int(0.05))
    params, pvalues = result.params, result.pvalues
    lvl, slp = names.index("level"), names.index("slope")
    pearson = np.asarray(result.resid_pearson)
    out = dict(
        level_ratio=float(np.exp(params[lvl])), level_ci=(float(ci[lvl, 0]), float(ci[lvl, 1])),
        level_p=float(pvalues[lvl]),
        slope_ratio=float(np.exp(params[slp])), slope_ci=(float(ci[slp, 0]), float(ci[slp, 1])),
        slope_p=float(pvalues[slp]),
        pre_trend_ratio=float(np.exp(params[names.index("time")])),
        family="negative_binomial" if use_nb else "poisson", alpha=alpha,
        dispersion=dispersion, dispersion_p=dispersion_p, n_before=n_before, n_after=n_after,
        intervention_month=month.to_timestamp(), seasonality=seasonality, offset=offset,
        residual_autocorrelation=_lag1(pearson),
    )  # fmt: skip
    return ITSResult(**out, sentence=_sentence(subject, out))


def _lag1(residuals: np.ndarray) -> float:
    """Lag-1 autocorrelation of the residuals (0 when they do not vary)."""
    a, b = residuals[:-1] - residuals[:-1].mean(), residuals[1:] - residuals[1:].mean()
    denom = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def _slope_words(ratio: float, ci: tuple[float, float]) -> str:
    def signed(r: float) -> str:
        return f"{(r - 1) * 100:+.1f}%"

    return f"{signed(ratio)} a month (95% CI {signed(ci[0])} to {signed(ci[1])})"


def _sentence(subject: str, r: dict) -> str:
    level = describe_ratio(subject, r["level_ratio"], *r["level_ci"])
    model = "negative binomial" if r["family"] == "negative_binomial" else "Poisson"
    extras = []
    if r["seasonality"] == "fourier":
        extras.append("Fourier seasonal terms")
    elif r["seasonality"] == "dummies":
        extras.append("month-of-year terms")
    if r["offset"] == "days":
        extras.append("rates per day")
    extra = f", {', '.join(extras)}" if extras else ""
    return (
        f"{level} at the intervention in {r['intervention_month']:%B %Y} "
        f"(level change, rate ratio {r['level_ratio']:.2f}, {fmt_p(r['level_p'])}); "
        f"the monthly trend changed by {_slope_words(r['slope_ratio'], r['slope_ci'])}, "
        f"{fmt_p(r['slope_p'])}. {model.capitalize()} segmented regression on "
        f"{r['n_before'] + r['n_after']} monthly counts ({r['n_before']} before, "
        f"{r['n_after']} from the intervention; Pearson chi2/df {r['dispersion']:.2f}{extra})."
    )
