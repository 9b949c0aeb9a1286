"""Event rates in a window before a date against a window after it, with a rate ratio."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from scipy import stats

from ._text import describe_ratio, fmt_int, fmt_p
from .errors import ComputeError

UNITS = ("days", "months")
METHODS = ("wald", "exact")
CONTINUITY = 0.5


@dataclass(frozen=True)
class BeforeAfter:
    """Counts and rates in the two windows and their ratio (after / before).

    ``rate_ratio``, ``ci_low`` and ``ci_high`` are None when neither window has an event;
    ``ci_high`` is ``math.inf`` for the exact method when the before window has none.
    ``percent_change`` is ``(rate_ratio - 1) * 100``.
    """

    date: pd.Timestamp
    before_start: pd.Timestamp
    after_end: pd.Timestamp
    before_count: int
    after_count: int
    before_days: int
    after_days: int
    before_rate_per_day: float
    after_rate_per_day: float
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    percent_change: float | None
    method: str
    continuity_corrected: bool
    sentence: str


def _windows(
    when: pd.Timestamp, before: int, after: int, unit: str
) -> tuple[pd.Timestamp, pd.Timestamp]:
    if unit == "days":
        return when - pd.Timedelta(days=before), when + pd.Timedelta(days=after)
    return when - pd.DateOffset(months=before), when + pd.DateOffset(months=after)


def _validate(events: pd.DataFrame, before: int, after: int, unit: str, method: str) -> None:
    if "date" not in events.columns or not pd.api.types.is_datetime64_any_dtype(events["date"]):
        raise ComputeError(
            "The event table needs a 'date' column of dates.", code="missing_column", field="date"
        )
    if unit not in UNITS:
        raise ComputeError(
            f"Unknown window unit {unit!r}; use 'days' or 'months'.", code="bad_unit", field="unit"
        )
    if method not in METHODS:
        raise ComputeError(
            f"Unknown method {method!r}; use 'wald' or 'exact'.", code="bad_method", field="method"
        )
    for name, value in (("before", before), ("after", after)):
        if int(value) != value or value <= 0:
            raise ComputeError(
                f"The {name} window must be a positive whole number.", code="bad_window", field=name
            )


def rate_ratio_ci(
    before_count: int,
    before_days: float,
    after_count: int,
    after_days: float,
    *,
    method: str = "wald",
    level: float = 0.95,
) -> tuple[float | None, float | None, float | None, float | None, bool]:
    """Rate ratio ``(b / t_b) / (a / t_a)`` with a confidence interval and a two-sided p-value.

    ``a``, ``b`` are the before and after counts, assumed Poisson, and ``t_a``, ``t_b``
    the exposures (days).

    * ``"wald"``: log-normal interval ``exp(log RR ± z * sqrt(1/a + 1/b))`` and a Wald
      z-test of ``log RR = 0``. When either count is 0, 0.5 is added to both counts
      (Haldane–Anscombe continuity correction) for the estimate, interval and test, and
      the returned flag is True.
    * ``"exact"``: conditional on ``n = a + b``, ``b ~ Binomial(n, p)`` with
      ``p = t_b RR / (t_a + t_b RR)``. The Clopper–Pearson interval for ``p`` is mapped
      to RR by ``RR = p / (1 - p) * t_a / t_b``; a zero count gives an open interval
      (lower bound 0 or upper bound ``inf``). The p-value is the exact binomial test of
      ``p = t_b / (t_a + t_b)``.

    Returns ``(ratio, low, high, p_value, corrected)``; all None (and False) when both
    counts are 0. Raises ComputeError ``negative_value`` and ``bad_exposure``.
    """
    if before_count < 0 or after_count < 0:
        raise ComputeError("Counts cannot be negative.", code="negative_value")
    if before_days <= 0 or after_days <= 0:
        raise ComputeError("Both windows must have a positive length.", code="bad_exposure")
    if before_count == 0 and after_count == 0:
        return None, None, None, None, False
    if method == "exact":
        return (*_exact(before_count, before_days, after_count, after_days, level), False)
    a, b = float(before_count), float(after_count)
    corrected = a == 0 or b == 0
    if corrected:
        a, b = a + CONTINUITY, b + CONTINUITY
    log_rr = math.log((b / after_days) / (a / before_days))
    se = math.sqrt(1 / a + 1 / b)
    z = stats.norm.ppf(0.5 + level / 2)
    p = float(2 * stats.norm.sf(abs(log_rr) / se))
    return math.exp(log_rr), math.exp(log_rr - z * se), math.exp(log_rr + z * se), p, corrected


def _exact(
    a: int, t_a: float, b: int, t_b: float, level: float
) -> tuple[float, float, float, float]:
    n = a + b
    alpha = 1 - level
    p_low = 0.0 if b == 0 else float(stats.beta.ppf(alpha / 2, b, n - b + 1))
    p_high = 1.0 if b == n else float(stats.beta.ppf(1 - alpha / 2, b + 1, n - b))

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * t_a / t_b

    ratio = math.inf if a == 0 else (b / t_b) / (a / t_a)
    p_value = float(stats.binomtest(b, n, t_b / (t_a + t_b)).pvalue)
    return ratio, to_ratio(p_low), to_ratio(p_high), p_value


def before_after(
    events: pd.DataFrame,
    when: date | str | pd.Timestamp,
    *,
    before: int,
    after: int | None = None,
    unit: str = "months",
    method: str = "wald",
    coverage: tuple[date | str, date | str] | None = None,
    subject: str = "Events",
) -> BeforeAfter:
    """Count events in ``[when - before, when)`` and ``[when, when + after)`` and compare rates.

    Windows are ``before`` and ``after`` (default: same as ``before``) whole ``unit``s
    ("days" or "months", calendar months via ``DateOffset``); the intervention day
    belongs to the after window. Rates are events per calendar day of each window, so
    windows of unequal length (28 vs 31 days) are comparable. The ratio, interval and
    p-value come from :func:`rate_ratio_ci` (Poisson counts, independent events, constant
    rate within each window).

    ``coverage`` is the ``(first, last)`` day the data source covers; a window reaching
    outside it would undercount and raises ComputeError ``window_beyond_data``. Also raises
    ``missing_column``, ``bad_unit``, ``bad_method`` and ``bad_window``.
    """
    after = before if after is None else after
    _validate(events, before, after, unit, method)
    when_ts = pd.Timestamp(when).normalize()
    start, end = _windows(when_ts, int(before), int(after), unit)
    if coverage is not None:
        first, last = pd.Timestamp(coverage[0]), pd.Timestamp(coverage[1]) + pd.Timedelta(days=1)
        if start < first or end > last:
            raise ComputeError(
                f"The windows ({start:%d %b %Y} to {end - pd.Timedelta(days=1):%d %b %Y}) reach "
                f"outside the data ({first:%d %b %Y} to {last - pd.Timedelta(days=1):%d %b %Y}).",
                code="window_beyond_data",
                field="before" if start < first else "after",
            )
    dates = events["date"]
    a = int(((dates >= start) & (dates < when_ts)).sum())
    b = int(((dates >= when_ts) & (dates < end)).sum())
    t_a, t_b = (when_ts - start).days, (end - when_ts).days
    ratio, low, high, p, corrected = rate_ratio_ci(a, t_a, b, t_b, method=method)
    pct = None if ratio is None or math.isinf(ratio) else (ratio - 1) * 100
    result = dict(
        date=when_ts, before_start=start, after_end=end, before_count=a, after_count=b,
        before_days=t_a, after_days=t_b, before_rate_per_day=a / t_a, after_rate_per_day=b / t_b,
        rate_ratio=ratio, ci_low=low, ci_high=high, p_value=p, percent_change=pct,
        method=method, continuity_corrected=corrected,
    )  # fmt: skip
    span = f"{after} {unit}" if after == before else f"{after}/{before} {unit}"
    return BeforeAfter(**result, sentence=_sentence(subject, result, span))


def _sentence(subject: str, r: dict, span: str) -> str:
    counts = (
        f"{fmt_int(r['after_count'])} in the window from {r['date'].day} {r['date']:%B %Y} "
        f"({r['after_rate_per_day']:.2f} a day) against {fmt_int(r['before_count'])} before it "
        f"({r['before_rate_per_day']:.2f} a day), windows of {span}"
    )
    if r["rate_ratio"] is None:
        return f"No {subject.lower()} in either window, so no change can be estimated: {counts}."
    if math.isinf(r["rate_ratio"]):
        low = r["ci_low"]
        return f"{subject} rose from none: {counts}; lower 95% bound of the rate ratio {low:.2f}."
    change = describe_ratio(subject, r["rate_ratio"], r["ci_low"], r["ci_high"])
    note = " (0.5 added to each count because one was zero)" if r["continuity_corrected"] else ""
    return f"{change}: {counts}; rate ratio {r['rate_ratio']:.2f}{note}, {fmt_p(r['p_value'])}."


@dataclass(frozen=True)
class RobustBeforeAfter:
    """Monthly rate ratio (after / before) allowing for overdispersion and autocorrelation,
    with the same comparison at placebo years.

    ``placebo`` rows: ``date`` (the break moved back whole years) and ``ratio``;
    ``placebo_p`` is permutation-style, ``(1 + #{|log placebo| >= |log ratio|}) / (1 + n)``,
    None with fewer than 3 placebo years.
    """

    date: pd.Timestamp
    before_months: int
    after_months: int
    before_total: int
    after_total: int
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    family: str
    dispersion: float
    hac_lag: int
    ar1_rho: float
    placebo: pd.DataFrame
    placebo_p: float | None
    sentence: str


def _monthly_ratio(y: pd.Series, month: pd.Period, before: int, after: int):
    """Fit ``log E[y] = b0 + b1 after + log(days)`` on the two windows of monthly counts."""
    import numpy as np
    from scipy import stats
    from statsmodels.genmod.families import NegativeBinomial, Poisson

    from .hac import ar1_sandwich, default_hac_lag
    from .its import _glm, moment_alpha

    win = y[(y.index >= month - before) & (y.index < month + after)]
    if len(win) != before + after:
        return None
    counts = win.to_numpy()
    post = (win.index >= month).astype(float)
    x = np.column_stack([np.ones(len(win)), post])
    off = np.log(win.index.days_in_month.to_numpy(dtype=float))
    if counts[post == 0].sum() == 0 or counts[post == 1].sum() == 0:
        return None
    lag = default_hac_lag(len(win))
    poisson = _glm(counts, x, Poisson(), off, None)
    dispersion = float(poisson.pearson_chi2 / poisson.df_resid)
    overdispersed = stats.chi2.sf(poisson.pearson_chi2, poisson.df_resid) < 0.05
    if overdispersed:
        fit = _glm(counts, x, NegativeBinomial(alpha=moment_alpha(counts, poisson.fittedvalues)),
                   off, lag)  # fmt: skip
    else:
        fit = _glm(counts, x, Poisson(), off, lag)
    ar1, rho = ar1_sandwich(fit, x, np.arange(len(win), dtype=float))
    var = max(float(ar1[1, 1]), float(fit.cov_params()[1, 1]))
    b, se, df = float(fit.params[1]), math.sqrt(var), len(win) - 2
    q = float(stats.t.ppf(0.975, df))
    return {
        "ratio": math.exp(b), "low": math.exp(b - q * se), "high": math.exp(b + q * se),
        "p": float(2 * stats.t.sf(abs(b) / se, df)),
        "family": "negative_binomial" if overdispersed else "poisson",
        "dispersion": dispersion, "lag": lag, "rho": rho,
        "before_total": int(counts[post == 0].sum()), "after_total": int(counts[post == 1].sum()),
    }  # fmt: skip


def robust_before_after(
    counts: pd.Series,
    when: date | str | pd.Timestamp,
    *,
    before: int = 12,
    after: int | None = None,
    subject: str = "Events",
) -> RobustBeforeAfter:
    """Rate ratio of ``after`` calendar months from the month of ``when`` against the
    ``before`` months before it, on monthly counts.

    A log-linear model with one "after" term and a log(days) offset: negative binomial
    (alpha by the moment estimator) when the Pearson dispersion test rejects Poisson,
    else Poisson; the interval uses the larger of the Newey-West and AR(1) sandwich
    variances (:func:`.hac.ar1_sandwich`), with t quantiles. Placebo years: the same comparison with
    the break moved back 1, 2, ... years while both windows stay in the data and the
    placebo after-window ends before the real break month. It ignores any trend under
    way before the break (use the ITS for that).

    Raises ComputeError ``bad_window``, ``window_beyond_data``, ``no_events_on_one_side``
    and the series checks of ``require_monthly``.
    """
    from ._checks import require_monthly

    after = before if after is None else after
    for name, value in (("before", before), ("after", after)):
        if int(value) != value or not 2 <= value <= 240:
            raise ComputeError(
                f"The {name} window must be 2 to 240 months.", code="bad_window", field=name
            )
    y = require_monthly(counts)
    month = pd.Period(pd.Timestamp(when), freq="M")
    if month - before < y.index[0] or month + after - 1 > y.index[-1]:
        raise ComputeError(
            f"The windows ({(month - before):%b %Y} to {(month + after - 1):%b %Y}) reach "
            f"outside the data ({y.index[0]:%b %Y} to {y.index[-1]:%b %Y}).",
            code="window_beyond_data",
            field="before" if month - before < y.index[0] else "after",
        )
    main = _monthly_ratio(y, month, int(before), int(after))
    if main is None:
        raise ComputeError(
            "There are no events on one side of the break.", code="no_events_on_one_side"
        )
    rows = []
    k = 1
    while month - 12 * k - before >= y.index[0]:
        placebo_month = month - 12 * k
        if placebo_month + after <= month:
            got = _monthly_ratio(y, placebo_month, int(before), int(after))
            if got is not None:
                rows.append({"date": placebo_month.to_timestamp(), "ratio": got["ratio"]})
        k += 1
    table = pd.DataFrame(rows, columns=["date", "ratio"])
    placebo_p = None
    if len(table) >= 3:
        size = abs(math.log(main["ratio"]))
        larger = int((table["ratio"].map(lambda r: abs(math.log(r))) >= size).sum())
        placebo_p = (1 + larger) / (1 + len(table))
    result = dict(
        date=month.to_timestamp(), before_months=int(before), after_months=int(after),
        before_total=main["before_total"], after_total=main["after_total"],
        rate_ratio=main["ratio"], ci_low=main["low"], ci_high=main["high"], p_value=main["p"],
        family=main["family"], dispersion=main["dispersion"], hac_lag=main["lag"],
        ar1_rho=main["rho"], placebo=table, placebo_p=placebo_p,
    )  # fmt: skip
    return RobustBeforeAfter(**result, sentence=_robust_sentence(subject, result))


def _robust_sentence(subject: str, r: dict) -> str:
    change = describe_ratio(subject, r["rate_ratio"], r["ci_low"], r["ci_high"])
    text = (
        f"{change} in the {r['after_months']} months from {r['date']:%B %Y} against the "
        f"{r['before_months']} months before (rate ratio {r['rate_ratio']:.2f}, "
        f"{fmt_p(r['p_value'])}; intervals allow for overdispersion and autocorrelation)."
    )
    placebo = r["placebo"]
    if r["placebo_p"] is not None:
        text += (
            f" The same comparison in {len(placebo)} earlier years gave ratios of "
            f"{placebo['ratio'].min():.2f} to {placebo['ratio'].max():.2f} (placebo p-value "
            f"{r['placebo_p']:.2f})."
        )
    return (
        text + " This ignores any trend already under way before the break; the interrupted "
        "time series allows for it. An association, not proof of cause."
    )
