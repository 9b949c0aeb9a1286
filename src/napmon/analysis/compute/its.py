"""Interrupted time series: segmented regression on monthly counts, as the literature does it.

Bernal, Cummins and Gasparrini (2017): a window around the break, seasonality, an
overdispersion-aware family chosen by a shown test, standard errors robust to
autocorrelation (a parametric HAC sandwich for a latent AR(1) process, Zeger 1988) and an
optional transition period. docs/analysis.md
explains each choice and its limits. statsmodels and scipy are imported inside the
functions: importing this module costs nothing at start-up.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ._checks import require_monthly
from ._text import describe_ratio, fmt_int, fmt_p
from .errors import ComputeError
from .hac import serial_sandwich
from .its_warnings import OVERDISPERSION_P, its_warnings

FAMILIES = ("auto", "poisson", "quasi_poisson", "negative_binomial")
FAMILY_LABELS = {
    "poisson": "Poisson",
    "quasi_poisson": "quasi-Poisson",
    "negative_binomial": "negative binomial",
}
SEASONALITY = (None, "fourier", "dummies")
DEFAULT_WINDOW = 48
DEFAULT_TRANSITION = 1
DEFAULT_HARMONICS = 2
ALPHA_FLOOR = 1e-8


@dataclass(frozen=True)
class ModelSpec:
    """The choices of one ITS fit; the defaults are what the pages and commands use.

    ``window``: months on each side of the break (``None``: all the data), clipped to the
    data. ``transition``: months from the break left out of the fit (the break month is
    a mix of before and after; 0 for none). ``hac_lag``: the number of lags of residual
    autocorrelation the robust covariance sums (``None``: all the lags in the window; 0
    ignores autocorrelation); see :func:`serial_sandwich`.
    """

    family: str = "auto"
    seasonality: str | None = "fourier"
    harmonics: int = DEFAULT_HARMONICS
    offset: str | None = "days"
    window: int | None = DEFAULT_WINDOW
    transition: int = DEFAULT_TRANSITION
    hac_lag: int | None = None
    min_points: int = 12


@dataclass(frozen=True)
class LevelSlopeEffects:
    """The two effects every interrupted time series reports, as rate ratios with 95%
    intervals and p-values: the step (``level_*``) and the change of trend (``slope_*``).
    Shared by the single-area (``ITSResult``) and comparative (``ComparativeITS``) fits."""

    level_ratio: float
    level_ci: tuple[float, float]
    level_p: float
    slope_ratio: float
    slope_ci: tuple[float, float]
    slope_p: float


@dataclass(frozen=True)
class ITSResult(LevelSlopeEffects):
    """Effects of the segmented regression with autocorrelation-robust (HAC) 95% intervals.

    ``level_ratio``: the step at the end of the transition (post / counterfactual).
    ``slope_ratio``: the change in the month-on-month ratio after it (1.01 = the trend
    is 1% a month higher). ``cumulative_difference``: expected events over the fitted
    post-period minus the counterfactual (no level or slope change) over the same
    months, with ``cumulative_ci`` (delta method) and ``cumulative_percent`` of the
    counterfactual. ``dispersion`` is the Pearson chi2/df of the Poisson fit and
    ``dispersion_p`` its one-sided test; ``alpha`` the NB2 dispersion (None otherwise).
    Diagnostics are of the Pearson residuals of the chosen model. ``warnings`` are
    sentences a reader must see. ``months`` has one row per month of the window:
    ``month``, ``observed``, ``fitted``, ``counterfactual`` (None before the break) and
    ``in_fit`` (False in the transition).
    """

    cumulative_difference: float
    cumulative_ci: tuple[float, float]
    cumulative_percent: float
    counterfactual_total: float
    observed_post_total: float
    pre_trend_ratio: float
    family: str
    family_reason: str
    alpha: float | None
    dispersion: float
    dispersion_p: float
    hac_lag: int
    ar1_rho: float
    ar_decay: float
    residual_autocorrelation: float
    ljung_box_stat: float
    ljung_box_p: float
    ljung_box_lags: int
    window: int | None
    window_start: pd.Timestamp
    window_end: pd.Timestamp
    n_before: int
    n_after: int
    transition: int
    intervention_month: pd.Timestamp
    first_post_month: pd.Timestamp
    seasonality: str | None
    harmonics: int
    offset: str | None
    months: pd.DataFrame = field(repr=False)
    warnings: tuple[str, ...] = ()
    sentence: str = ""


def check_spec(spec: ModelSpec) -> None:
    """Raise ComputeError (``bad_family``, ``bad_seasonality``, ``bad_offset``,
    ``bad_window``, ``bad_transition``, ``bad_hac_lag``) for an impossible choice."""
    if spec.family not in FAMILIES:
        raise ComputeError(
            f"Unknown family {spec.family!r}; use one of {', '.join(FAMILIES)}.",
            code="bad_family",
            field="family",
        )
    if spec.offset not in ("days", None):
        raise ComputeError("The offset must be 'days' or None.", code="bad_offset", field="offset")
    if spec.seasonality not in SEASONALITY or not 1 <= spec.harmonics <= 6:
        raise ComputeError(
            "Seasonality must be none, 'fourier' (1 to 6 harmonics) or 'dummies'.",
            code="bad_seasonality",
            field="seasonality",
        )
    if spec.window is not None and not 6 <= int(spec.window) <= 600:
        raise ComputeError(
            "The window must be between 6 and 600 months on each side.",
            code="bad_window",
            field="window",
        )
    if not 0 <= int(spec.transition) <= 24:
        raise ComputeError(
            "The transition period must be between 0 and 24 months.",
            code="bad_transition",
            field="transition",
        )
    if spec.hac_lag is not None and not 0 <= int(spec.hac_lag) <= 36:
        raise ComputeError(
            "The autocorrelation lag must be between 0 and 36 months.",
            code="bad_hac_lag",
            field="hac_lag",
        )


def _design(idx: pd.PeriodIndex, t0: int, seasonality: str | None, harmonics: int) -> pd.DataFrame:
    """Constant, time, level (post), slope (months since the break) and seasonal terms."""
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


def _glm(y, x, family, offset, lag: int | None, scale=None):
    """Fit a GLM with HAC errors; estimation trouble becomes ``model_not_converged``."""
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import (
        ConvergenceWarning,
        HessianInversionWarning,
        PerfectSeparationWarning,
    )

    bad = (ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning)
    kwargs = {"scale": scale} if scale is not None else {}
    if lag is not None:
        kwargs.update(cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": True})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = sm.GLM(y, x, family=family, offset=offset).fit(use_t=lag is not None, **kwargs)
        except (np.linalg.LinAlgError, ValueError) as exc:
            raise ComputeError(
                f"The model could not be fitted ({exc}).", code="model_not_converged"
            ) from exc
    for w in caught:
        if issubclass(w.category, bad):
            raise ComputeError(
                f"The model did not converge ({w.message}).", code="model_not_converged"
            )
        if not issubclass(w.category, RuntimeWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if not result.converged or not np.all(np.isfinite(result.bse)):
        raise ComputeError("The model did not converge.", code="model_not_converged")
    return result


def moment_alpha(y: np.ndarray, mu: np.ndarray) -> float:
    """NB2 dispersion by the Cameron-Trivedi auxiliary regression on a Poisson fit.

    Regress ``((y - mu)^2 - y) / mu`` on ``mu`` without a constant:
    ``alpha = sum((y - mu)^2 - y) / sum(mu^2)``, floored just above 0. One closed-form
    step (no profile likelihood), so placebo and sensitivity loops stay fast.
    """
    return max(ALPHA_FLOOR, float(((y - mu) ** 2 - y).sum() / (mu**2).sum()))


def _window(y_series: pd.Series, month: pd.Period, spec: ModelSpec) -> pd.Series:
    if spec.window is None:
        return y_series
    lo, hi = month - int(spec.window), month + int(spec.window) - 1
    return y_series[(y_series.index >= lo) & (y_series.index <= hi)]


def _lag1(residuals: np.ndarray) -> float:
    """Lag-1 autocorrelation of the residuals (0 when they do not vary)."""
    a, b = residuals[:-1] - residuals[:-1].mean(), residuals[1:] - residuals[1:].mean()
    denom = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def _ljung_box(residuals: np.ndarray) -> tuple[float, float, int]:
    from statsmodels.stats.diagnostic import acorr_ljungbox

    lags = int(min(12, max(1, len(residuals) // 5)))
    table = acorr_ljungbox(residuals, lags=[lags])
    return float(table["lb_stat"].iloc[0]), float(table["lb_pvalue"].iloc[0]), lags


def _prepare(counts: pd.Series, intervention, spec: ModelSpec):
    check_spec(spec)
    y_all = require_monthly(counts)
    month = pd.Period(pd.Timestamp(intervention), freq="M")
    y_win = _window(y_all, month, spec)
    t0 = int((y_win.index < month).sum())
    keep = np.ones(len(y_win), dtype=bool)
    keep[t0 : t0 + int(spec.transition)] = False
    n_before, n_after = t0, int(keep[t0:].sum())
    if min(n_before, n_after) < spec.min_points:
        raise ComputeError(
            f"An interrupted time series needs at least {spec.min_points} months on each side "
            f"of {month.strftime('%B %Y')} (after the transition); the window has {n_before} "
            f"before and {n_after} after.",
            code="too_few_points",
            field="intervention",
            params={
                "test": "its",
                "needed": spec.min_points,
                "month": str(month),
                "before": n_before,
                "after": n_after,
            },
        )
    y = y_win.to_numpy()
    if y[:t0].sum() == 0 or y[keep & (np.arange(len(y)) >= t0)].sum() == 0:
        raise ComputeError(
            "There are no events on one side of the break, so no rate ratio can be estimated.",
            code="no_events_on_one_side",
        )
    return y_win, month, t0, keep


def _family_choice(spec: ModelSpec, dispersion_p: float) -> tuple[str, str]:
    overdispersed = dispersion_p < OVERDISPERSION_P
    if spec.family != "auto":
        return spec.family, "chosen by the user"
    if overdispersed:
        return "negative_binomial", "the dispersion test rejected Poisson (p < 0.05)"
    return "poisson", "the dispersion test did not reject Poisson (p >= 0.05)"


def interrupted_time_series(
    counts: pd.Series,
    intervention: date | str | pd.Timestamp,
    spec: ModelSpec | None = None,
    *,
    subject: str = "Events",
    **choices,
) -> ITSResult:
    """Segmented regression of monthly counts around a break, with HAC intervals.

    Model (on the window, transition months left out):
    ``log E[y_t] = b0 + b1 t + b2 post_t + b3 (t - t1) post_t + seasonal + log(days)``,
    where ``t0`` is the month containing ``intervention``, ``t1 = t0 + transition`` the
    first month after the transition and ``post_t = 1`` from ``t1`` on. ``exp(b2)`` is
    the level-change rate ratio, ``exp(b3)`` the slope-change ratio per month.

    Family: a Poisson GLM is always fitted first; its Pearson chi2/df is the dispersion
    statistic, tested one-sided against chi2(df). ``"auto"`` uses negative binomial (NB2,
    alpha by :func:`moment_alpha`) when that test gives p < 0.05, else Poisson.
    ``"quasi_poisson"`` is the Poisson fit with the Pearson scale. Choosing Poisson on
    overdispersed counts adds a warning. Standard errors are the parametric HAC sandwich
    of :func:`serial_sandwich` (summing ``spec.hac_lag`` lags, all by default); intervals
    and p-values use t with the residual degrees of freedom, on the log scale.

    ``spec`` (or keyword ``choices`` naming its fields) sets the window, transition,
    seasonality, family and lag. ``counts`` is a gap-free monthly Series indexed by month.

    Raises ComputeError: ``empty``, ``bad_input``, ``bad_index``, ``bad_counts``,
    ``gaps_in_series``, the codes of :func:`check_spec`, ``too_few_points``,
    ``model_not_identifiable``, ``no_events_on_one_side`` and ``model_not_converged``.
    """
    spec = ModelSpec(**{**(spec.__dict__ if spec else {}), **choices})
    fit = _fit(counts, intervention, spec)
    return _result(fit, spec, subject)


def _fit(counts: pd.Series, intervention, spec: ModelSpec) -> dict:
    """Fit the model of :func:`interrupted_time_series`; return the pieces as a dict."""
    from scipy import stats
    from statsmodels.genmod.families import NegativeBinomial, Poisson

    y_win, month, t0, keep = _prepare(counts, intervention, spec)
    t1 = t0 + int(spec.transition)
    x_all = _design(y_win.index, t1, spec.seasonality, spec.harmonics)
    x, y = x_all.to_numpy()[keep], y_win.to_numpy()[keep]
    if len(y) - x.shape[1] < spec.min_points:
        raise ComputeError(
            f"{len(y)} months are too few for {x.shape[1]} model terms.",
            code="too_few_points",
            field="window",
            params={"test": "model_terms", "found": len(y), "terms": x.shape[1]},
        )
    if np.linalg.matrix_rank(x) < x.shape[1]:
        raise ComputeError(
            "The seasonal terms cannot be told apart from the trend with this few months; "
            "use Fourier terms, no seasonality or a longer window.",
            code="model_not_identifiable",
            field="seasonality",
        )
    days = y_win.index.days_in_month.to_numpy(dtype=float)
    off_all = np.log(days) if spec.offset == "days" else np.zeros(len(y_win))
    off = off_all[keep]
    poisson = _glm(y, x, Poisson(), off, None)
    dispersion = float(poisson.pearson_chi2 / poisson.df_resid)
    dispersion_p = float(stats.chi2.sf(poisson.pearson_chi2, poisson.df_resid))
    family, reason = _family_choice(spec, dispersion_p)
    alpha = None
    if family == "negative_binomial":
        alpha = moment_alpha(y, poisson.fittedvalues)
        result = _glm(y, x, NegativeBinomial(alpha=alpha), off, None)
    elif family == "quasi_poisson":
        result = _glm(y, x, Poisson(), off, None, scale="X2")
    else:
        result = _glm(y, x, Poisson(), off, None)
    names = list(x_all.columns)
    months = np.arange(len(keep), dtype=float)[keep]
    cov, rho, decay, lag = serial_sandwich(result, x, months, spec.hac_lag)
    return dict(
        result=result, names=names, cov=cov, rho=rho, decay=decay, df=len(y) - x.shape[1],
        x_all=x_all.to_numpy(), off_all=off_all, y_win=y_win, keep=keep, t0=t0, t1=t1,
        month=month, family=family, reason=reason, alpha=alpha, dispersion=dispersion,
        dispersion_p=dispersion_p, lag=lag,
    )  # fmt: skip


def _cumulative(fit: dict) -> tuple[float, tuple[float, float], float, float, float]:
    """Expected minus counterfactual events over the fitted post-period, with a delta-method
    95% interval from the robust covariance; the percent of the counterfactual; totals."""
    result, names = fit["result"], fit["names"]
    beta, cov = np.asarray(result.params), fit["cov"]
    post = fit["keep"] & (np.arange(len(fit["keep"])) >= fit["t1"])
    x = fit["x_all"][post]
    x_cf = x.copy()
    x_cf[:, [names.index("level"), names.index("slope")]] = 0.0
    off = fit["off_all"][post]
    mu, mu_cf = np.exp(x @ beta + off), np.exp(x_cf @ beta + off)
    diff = float(mu.sum() - mu_cf.sum())
    grad = (mu[:, None] * x).sum(0) - (mu_cf[:, None] * x_cf).sum(0)
    se = math.sqrt(max(0.0, float(grad @ cov @ grad)))
    cf_total = float(mu_cf.sum())
    observed = float(fit["y_win"].to_numpy()[post].sum())
    pct = diff / cf_total * 100 if cf_total > 0 else float("nan")
    q = _quantile(fit["df"])
    return diff, (diff - q * se, diff + q * se), pct, cf_total, observed


def _months_table(fit: dict) -> pd.DataFrame:
    result, names = fit["result"], fit["names"]
    beta = np.asarray(result.params)
    x, off = fit["x_all"], fit["off_all"]
    x_cf = x.copy()
    x_cf[:, [names.index("level"), names.index("slope")]] = 0.0
    after = np.arange(len(x)) >= fit["t0"]
    cf = np.exp(x_cf @ beta + off)
    return pd.DataFrame(
        {
            "month": fit["y_win"].index.to_timestamp(),
            "observed": fit["y_win"].to_numpy(),
            "fitted": np.exp(x @ beta + off),
            "counterfactual": np.where(after, cf, np.nan),
            "in_fit": fit["keep"],
        }
    )


def _quantile(df: int) -> float:
    from scipy import stats

    return float(stats.t.ppf(0.975, df))


def _estimate(fit: dict, name: str) -> tuple[float, tuple[float, float], float]:
    """Rate ratio, 95% interval and two-sided p-value (t with the residual df)."""
    from scipy import stats

    i = fit["names"].index(name)
    b, se = float(fit["result"].params[i]), math.sqrt(float(fit["cov"][i, i]))
    q = _quantile(fit["df"])
    p = float(2 * stats.t.sf(abs(b / se), fit["df"])) if se > 0 else float("nan")
    return math.exp(b), (math.exp(b - q * se), math.exp(b + q * se)), p


def level_estimate(counts: pd.Series, intervention, spec: ModelSpec) -> dict:
    """Only the level change of one fit (for placebo and sensitivity loops):
    ``{"ratio", "ci", "p", "family"}``. Raises ComputeError as the full fit."""
    fit = _fit(counts, intervention, spec)
    ratio, ci, p = _estimate(fit, "level")
    return {"ratio": ratio, "ci": ci, "p": p, "family": fit["family"]}


def _result(fit: dict, spec: ModelSpec, subject: str) -> ITSResult:
    result, names = fit["result"], fit["names"]
    level, level_ci, level_p = _estimate(fit, "level")
    slope, slope_ci, slope_p = _estimate(fit, "slope")
    diff, diff_ci, pct, cf_total, observed = _cumulative(fit)
    pearson = np.asarray(result.resid_pearson)
    lb_stat, lb_p, lb_lags = _ljung_box(pearson)
    idx = fit["y_win"].index
    out = dict(
        level_ratio=level, level_ci=level_ci, level_p=level_p,
        slope_ratio=slope, slope_ci=slope_ci, slope_p=slope_p,
        cumulative_difference=diff, cumulative_ci=diff_ci, cumulative_percent=pct,
        counterfactual_total=cf_total, observed_post_total=observed,
        pre_trend_ratio=math.exp(float(result.params[names.index("time")])),
        family=fit["family"], family_reason=fit["reason"], alpha=fit["alpha"],
        dispersion=fit["dispersion"], dispersion_p=fit["dispersion_p"], hac_lag=fit["lag"],
        ar1_rho=fit["rho"], ar_decay=fit["decay"],
        residual_autocorrelation=_lag1(pearson), ljung_box_stat=lb_stat, ljung_box_p=lb_p,
        ljung_box_lags=lb_lags, window=spec.window, window_start=idx[0].to_timestamp(),
        window_end=idx[-1].to_timestamp(), n_before=fit["t0"],
        n_after=int(fit["keep"][fit["t0"]:].sum()), transition=int(spec.transition),
        intervention_month=fit["month"].to_timestamp(),
        first_post_month=idx[fit["t1"]].to_timestamp() if fit["t1"] < len(idx) else None,
        seasonality=spec.seasonality, harmonics=spec.harmonics, offset=spec.offset,
        months=_months_table(fit),
    )  # fmt: skip
    out["warnings"] = tuple(its_warnings(out))
    return ITSResult(**out, sentence=_sentence(subject, out))


def _slope_words(ratio: float, ci: tuple[float, float]) -> str:
    def signed(r: float) -> str:
        return f"{(r - 1) * 100:+.1f}%"

    return f"{signed(ratio)} a month (95% CI {signed(ci[0])} to {signed(ci[1])})"


def _sentence(subject: str, r: dict) -> str:
    level = describe_ratio(subject, r["level_ratio"], *r["level_ci"])
    model = FAMILY_LABELS[r["family"]]
    season = {"fourier": ", Fourier seasonal terms", "dummies": ", month-of-year terms"}.get(
        r["seasonality"], ""
    )
    diff, (lo, hi) = r["cumulative_difference"], r["cumulative_ci"]
    return (
        f"{level} at the break in {r['intervention_month']:%B %Y} compared with the pre-break "
        f"trend (level change, rate ratio {r['level_ratio']:.2f}, {fmt_p(r['level_p'])}); "
        f"the monthly trend changed by {_slope_words(r['slope_ratio'], r['slope_ci'])}, "
        f"{fmt_p(r['slope_p'])}. Over the {r['n_after']} months after the break the model "
        f"expects {_signed_int(diff)} events against the counterfactual (95% CI "
        f"{_signed_int(lo)} to {_signed_int(hi)}). {model[0].upper()}{model[1:]} segmented "
        f"regression on {r['window_start']:%b %Y} to {r['window_end']:%b %Y} "
        f"({r['n_before']} months before, {r['n_after']} after, {r['transition']} "
        f"transition month(s) left out{season}; autocorrelation-robust (HAC) errors over "
        f"{r['hac_lag']} lags, residual lag-1 correlation {r['ar1_rho']:.2f} decaying by "
        f"{r['ar_decay']:.2f} a month)."
        " This is an association, not proof that the break caused the change."
    )


def _signed_int(value: float) -> str:
    return f"{'+' if value > 0 else '−' if value < 0 else ''}{fmt_int(abs(value))}"
