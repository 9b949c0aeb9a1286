"""Comparative (controlled) interrupted time series: did one area change more than another?

Lopez Bernal, Cummins and Gasparrini (2018): stack the treated and control series and
add group interactions; the effect is the difference between the two areas' level and
slope changes. Pure; statsmodels imported when used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ._checks import require_monthly
from ._text import fmt_p
from .errors import ComputeError
from .hac import default_hac_lag
from .its import LevelSlopeEffects, ModelSpec, _design, _glm, check_spec, moment_alpha


@dataclass(frozen=True)
class ComparativeITS(LevelSlopeEffects):
    """Ratio of the treated area's level change to the control's (``level_ratio``) and of
    their slope changes (``slope_ratio``, per month), with 95% intervals from a
    Newey-West covariance that sums both areas' scores month by month."""

    family: str
    hac_lag: int
    n_before: int
    n_after: int
    window_start: pd.Timestamp
    window_end: pd.Timestamp
    sentence: str


def comparative_its(
    treated: pd.Series,
    control: pd.Series,
    intervention: date | str | pd.Timestamp,
    spec: ModelSpec | None = None,
    *,
    treated_label: str = "treated",
    control_label: str = "control",
) -> ComparativeITS:
    """Segmented regression of both series with group interactions on level, trend, level
    change and slope change (seasonal terms and offset shared): the ``group × level`` and
    ``group × slope`` coefficients are the differences. Family: negative binomial (alpha
    by the moment estimator) when the Poisson fit is overdispersed (Pearson chi2/df > 1.5),
    else Poisson. Window and transition as in ``spec``.

    Raises ComputeError ``different_months`` (the two series must cover the same months),
    ``too_few_points``, ``no_events_on_one_side`` and the codes of :func:`check_spec`.
    """
    from scipy import stats
    from statsmodels.genmod.families import NegativeBinomial, Poisson

    spec = spec or ModelSpec()
    check_spec(spec)
    a, b = require_monthly(treated), require_monthly(control)
    if not a.index.equals(b.index):
        raise ComputeError(
            "The two series must cover the same months.", code="different_months", field="control"
        )
    month = pd.Period(pd.Timestamp(intervention), freq="M")
    if spec.window is not None:
        keep_range = (a.index >= month - spec.window) & (a.index <= month + spec.window - 1)
        a, b = a[keep_range], b[keep_range]
    t0 = int((a.index < month).sum())
    keep = np.ones(len(a), dtype=bool)
    keep[t0 : t0 + spec.transition] = False
    n_after = int(keep[t0:].sum())
    if min(t0, n_after) < spec.min_points:
        raise ComputeError(
            f"A comparative ITS needs at least {spec.min_points} months on each side; the "
            f"window has {t0} before and {n_after} after.",
            code="too_few_points",
            field="intervention",
            params={
                "test": "comparative",
                "needed": spec.min_points,
                "before": t0,
                "after": n_after,
            },
        )
    x1 = _design(a.index, t0 + spec.transition, spec.seasonality, spec.harmonics).to_numpy()[keep]
    months = np.arange(len(a))[keep]
    zeros = np.zeros((len(x1), 4))
    treated_x = np.hstack([x1, x1[:, :4]])  # group interactions: const, time, level, slope
    control_x = np.hstack([x1, zeros])
    x = np.vstack([treated_x, control_x])
    y = np.concatenate([a.to_numpy()[keep], b.to_numpy()[keep]])
    for series, name in ((a, treated_label), (b, control_label)):
        values = series.to_numpy()[keep]
        if values[:t0].sum() == 0 or values[t0:].sum() == 0:
            raise ComputeError(
                f"{name} has no events on one side of the break.", code="no_events_on_one_side"
            )
    days = np.log(a.index.days_in_month.to_numpy(dtype=float))[keep]
    off = np.concatenate([days, days])
    time = np.concatenate([months, months])
    lag = default_hac_lag(len(months)) if spec.hac_lag is None else int(spec.hac_lag)
    poisson = _glm(y, x, Poisson(), off, None)
    overdispersed = poisson.pearson_chi2 / poisson.df_resid > 1.5
    family = (
        NegativeBinomial(alpha=moment_alpha(y, poisson.fittedvalues))
        if overdispersed
        else Poisson()
    )
    import statsmodels.api as sm

    fit = sm.GLM(y, x, family=family, offset=off).fit(
        cov_type="hac-groupsum", cov_kwds={"time": time.astype(int), "maxlags": lag}, use_t=True
    )
    p = x1.shape[1]
    df = len(y) - x.shape[1]
    q = float(stats.t.ppf(0.975, df))
    cov = _covariance(fit, x, months, np.asarray(fit.cov_params()), [p + 2, p + 3])

    def effect(i):
        coef, se = float(fit.params[i]), math.sqrt(float(cov[i, i]))
        return (
            math.exp(coef),
            (math.exp(coef - q * se), math.exp(coef + q * se)),
            float(2 * stats.t.sf(abs(coef / se), df)),
        )

    level, level_ci, level_p = effect(p + 2)
    slope, slope_ci, slope_p = effect(p + 3)
    idx = a.index
    result = dict(
        level_ratio=level, level_ci=level_ci, level_p=level_p, slope_ratio=slope,
        slope_ci=slope_ci, slope_p=slope_p,
        family="negative_binomial" if overdispersed else "poisson", hac_lag=lag,
        n_before=t0, n_after=n_after, window_start=idx[0].to_timestamp(),
        window_end=idx[-1].to_timestamp(),
    )  # fmt: skip
    sentence = (
        f"Compared with {control_label}, the level of events in {treated_label} changed by "
        f"a factor of {level:.2f} (95% CI {level_ci[0]:.2f} to {level_ci[1]:.2f}, "
        f"{fmt_p(level_p)}) "
        f"at {month.strftime('%B %Y')}, and its monthly trend by {slope:.3f} "
        f"(95% CI {slope_ci[0]:.3f} to {slope_ci[1]:.3f}, {fmt_p(slope_p)}). "
        "A factor near 1 means both areas changed "
        "alike. An association, not proof of cause."
    )
    return ComparativeITS(**result, sentence=sentence)


def _covariance(fit, x, months, hac, effects) -> np.ndarray:
    """The larger (by the variance of the two difference terms) of the Newey-West
    covariance and an AR(1) sandwich with the two series independent of each other and
    each AR(1) in time (rho by the rule of :func:`.hac.ar1_sandwich`)."""
    from .hac import ar1_sandwich

    n = len(months)
    mu = np.asarray(fit.fittedvalues)
    w = mu**2 / fit.model.family.variance(mu)
    bread = np.linalg.inv(x.T @ (w[:, None] * x))
    _cov, rho = ar1_sandwich(fit, x, np.concatenate([months, months + 10_000]))
    pearson = np.asarray(fit.resid_pearson)
    phi = float((pearson**2).sum() / max(len(pearson) - x.shape[1], 1))
    corr = rho ** np.abs(months[:, None] - months[None, :])
    meat = np.zeros((x.shape[1], x.shape[1]))
    for part in (slice(0, n), slice(n, 2 * n)):
        d = np.sqrt(w[part])[:, None] * x[part]
        meat += d.T @ corr @ d
    ar1 = bread @ (phi * meat) @ bread
    block = np.ix_(effects, effects)
    return ar1 if np.trace(ar1[block]) > np.trace(hac[block]) else hac
