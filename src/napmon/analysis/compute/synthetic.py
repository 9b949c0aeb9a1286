"""Synthetic control (Abadie, Diamond and Hainmueller 2010; Abadie 2021), simple and honest.

The treated unit's pre-period path is matched by a weighted average of donor units, the
weights non-negative and summing to 1 (constrained least squares on the pre-period
outcomes only, no covariates). The gap after the break is the estimate; inference is the
placebo-in-space rank of the post/pre RMSPE ratio. Pure; scipy imported when used.
docs/analysis.md says what it can and cannot show with Pakistan's 7-8 provinces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ._text import WEIGHT_SHOWN
from .errors import ComputeError
from .synthetic_limits import synthetic_limits

MIN_DONORS = 2
MIN_PRE = 6
MIN_POST = 1


@dataclass(frozen=True)
class SyntheticControl:
    """A synthetic control fit and its placebo-in-space test.

    ``weights``: donor -> weight (non-negative, summing to 1). ``months``: one row per
    period with ``period``, ``treated``, ``synthetic``, ``gap`` (treated - synthetic) and
    ``post``. ``pre_rmspe``/``post_rmspe``: root mean squared gap before/after the break;
    ``ratio`` = post / pre. ``mean_gap``: average post-period gap (in the units of the
    series); ``percent_gap``: it as a percent of the synthetic's post-period mean.
    ``placebos``: one row per donor refitted as if treated (``unit``, ``pre_rmspe``,
    ``post_rmspe``, ``ratio``). ``p_value`` = (1 + #donors whose ratio >= the treated
    ratio) / (1 + n donors), so it can never be below 1 / (1 + n donors). ``limits``:
    sentences a reader must see.
    """

    treated: str
    weights: dict[str, float]
    pre_rmspe: float
    post_rmspe: float
    ratio: float
    mean_gap: float
    percent_gap: float | None
    pre_mean: float
    p_value: float
    min_p_value: float
    placebos: pd.DataFrame
    months: pd.DataFrame
    n_pre: int
    n_post: int
    limits: tuple[str, ...]
    sentence: str


def donor_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Weights ``w >= 0, sum(w) = 1`` minimising ``||target - donors @ w||^2``.

    ``donors`` has one column per donor. Solved by SLSQP from equal weights, after scaling
    by the target's size so the tolerance means the same for counts of 5 or 500. Raises
    ComputeError ``not_converged`` when the optimiser fails.
    """
    from scipy.optimize import minimize

    k = donors.shape[1]
    if k == 1:
        return np.ones(1)
    scale = float(np.sqrt(np.mean(target**2))) or 1.0
    a, b = donors / scale, target / scale

    def loss(w):
        r = a @ w - b
        return float(r @ r)

    def grad(w):
        return 2 * a.T @ (a @ w - b)

    found = minimize(
        loss,
        np.full(k, 1.0 / k),
        jac=grad,
        method="SLSQP",
        bounds=[(0.0, 1.0)] * k,
        constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1.0, "jac": lambda w: np.ones(k)}],
        options={"ftol": 1e-12, "maxiter": 500},
    )
    if not found.success:
        raise ComputeError(
            f"The donor weights could not be found ({found.message}).", code="not_converged"
        )
    w = np.clip(found.x, 0.0, None)
    return w / w.sum()


def _fit_one(y: np.ndarray, pool: np.ndarray, pre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w = donor_weights(y[pre], pool[pre])
    return w, pool @ w


def _rmspe(gap: np.ndarray) -> float:
    return float(np.sqrt(np.mean(gap**2))) if len(gap) else float("nan")


def _check(panel: pd.DataFrame, treated: str, month: pd.Period) -> np.ndarray:
    if treated not in panel.columns:
        raise ComputeError(f"{treated} is not in the panel.", code="bad_input", field="treated")
    if panel.shape[1] - 1 < MIN_DONORS:
        raise ComputeError(
            f"A synthetic control needs at least {MIN_DONORS} donor units; there are "
            f"{panel.shape[1] - 1}.",
            code="too_few_donors",
            field="donors",
            params={"needed": MIN_DONORS, "found": panel.shape[1] - 1},
        )
    if panel.isna().any().any() or (panel.to_numpy() < 0).any():
        raise ComputeError(
            "The panel must have a value for every unit and period.", code="bad_counts"
        )
    pre = np.asarray(panel.index < month)
    if pre.sum() < MIN_PRE or (~pre).sum() < MIN_POST:
        raise ComputeError(
            f"A synthetic control needs at least {MIN_PRE} periods before the break and "
            f"{MIN_POST} after; there are {int(pre.sum())} and {int((~pre).sum())}.",
            code="too_few_points",
            field="intervention",
            params={
                "test": "synthetic",
                "pre": MIN_PRE,
                "post": MIN_POST,
                "before": int(pre.sum()),
                "after": int((~pre).sum()),
            },
        )
    return pre


def synthetic_control(
    panel: pd.DataFrame,
    treated: str,
    intervention: date | str | pd.Timestamp,
    *,
    normalise: bool = True,
    labels: dict[str, str] | None = None,
    period: str = "month",
) -> SyntheticControl:
    """Synthetic control of column ``treated`` of ``panel`` (one column per unit, one row
    per period, indexed by the period's first month) from the other columns; periods from
    the month of ``intervention`` on are "after". ``period`` names one row in sentences
    ("month", "3 months").

    With ``normalise`` each unit is divided by its own pre-period mean (times 100) before
    matching, so a large unit can be matched by smaller ones in shape; without it the raw
    counts are matched and the treated unit must lie inside the donors' range (the convex
    hull). Placebo in space: each donor in turn is treated and matched from the other
    donors (the real treated unit left out).

    Raises ComputeError ``bad_input``, ``too_few_donors``, ``bad_counts``,
    ``too_few_points``, ``no_events_before`` and ``not_converged``.
    """
    labels = labels or {}
    month = pd.Period(pd.Timestamp(intervention), freq="M")
    panel = panel.astype(float)
    if not isinstance(panel.index, pd.PeriodIndex):
        panel.index = pd.PeriodIndex(panel.index, freq="M")
    pre = _check(panel, treated, month)
    pre_means = panel[pre].mean()
    if normalise:
        if (pre_means <= 0).any():
            empty = ", ".join(labels.get(c, c) for c in pre_means[pre_means <= 0].index)
            raise ComputeError(
                f"{empty} had no events before the break, so it cannot be scaled to its "
                "pre-period mean; leave it out of the donors.",
                code="no_events_before",
                field="donors",
            )
        panel = panel / pre_means * 100
    donors = [c for c in panel.columns if c != treated]
    y, pool = panel[treated].to_numpy(), panel[donors].to_numpy()
    w, synth = _fit_one(y, pool, pre)
    gap = y - synth
    pre_rmspe, post_rmspe = _rmspe(gap[pre]), _rmspe(gap[~pre])
    ratio = post_rmspe / pre_rmspe if pre_rmspe > 0 else float("inf")
    placebos = _placebos(panel[donors], pre)
    as_large = int((placebos["ratio"] >= ratio - 1e-12).sum())
    n = len(placebos)
    synth_post = float(synth[~pre].mean())
    out = dict(
        treated=treated, weights={d: float(v) for d, v in zip(donors, w, strict=True)},
        pre_rmspe=pre_rmspe, post_rmspe=post_rmspe, ratio=ratio,
        mean_gap=float(gap[~pre].mean()),
        percent_gap=float(gap[~pre].mean()) / synth_post * 100 if synth_post > 0 else None,
        pre_mean=float(y[pre].mean()), p_value=(1 + as_large) / (1 + n), min_p_value=1 / (1 + n),
        placebos=placebos, n_pre=int(pre.sum()), n_post=int((~pre).sum()),
        months=pd.DataFrame({"period": panel.index.to_timestamp(), "treated": y,
                             "synthetic": synth, "gap": gap, "post": ~pre}),
    )  # fmt: skip
    out["limits"] = synthetic_limits(out, n, normalise)
    return SyntheticControl(**out, sentence=_sentence(out, labels, month, normalise, period))


def _placebos(donor_panel: pd.DataFrame, pre: np.ndarray) -> pd.DataFrame:
    rows = []
    for unit in donor_panel.columns:
        others = [c for c in donor_panel.columns if c != unit]
        y = donor_panel[unit].to_numpy()
        if len(others) == 0:
            continue
        _w, synth = _fit_one(y, donor_panel[others].to_numpy(), pre)
        gap = y - synth
        pre_r, post_r = _rmspe(gap[pre]), _rmspe(gap[~pre])
        rows.append({"unit": unit, "pre_rmspe": pre_r, "post_rmspe": post_r,
                     "ratio": post_r / pre_r if pre_r > 0 else float("inf")})  # fmt: skip
    return pd.DataFrame(rows, columns=["unit", "pre_rmspe", "post_rmspe", "ratio"])


def _sentence(r: dict, labels: dict, month: pd.Period, normalise: bool, period: str) -> str:
    name = labels.get(r["treated"], r["treated"])
    shown = sorted(
        ((w, labels.get(d, d)) for d, w in r["weights"].items() if w >= WEIGHT_SHOWN),
        reverse=True,
    )
    mix = ", ".join(f"{d} {w:.2f}" for w, d in shown)
    units = " points" if normalise else f" events per {period}"
    scale = " (100 = each area's own pre-break mean)" if normalise else ""
    gap = r["mean_gap"]
    change = "" if r["percent_gap"] is None else f" ({r['percent_gap']:+.0f}% of the synthetic)"
    when = month.strftime("%B %Y")
    return (
        f"A weighted mix of other areas ({mix}) tracks {name} before {when} with a "
        f"root mean squared error of {r['pre_rmspe']:.1f}{units}{scale}. After the break {name} "
        f"was on average {abs(gap):.1f}{units} {'above' if gap >= 0 else 'below'} it{change}; "
        f"the post/pre error ratio is {_fmt(r['ratio'])}, and {_rank(r)} (placebo p-value "
        f"{r['p_value']:.2f}, the smallest possible being {r['min_p_value']:.2f}). An "
        "association, not proof of cause."
    )


def _rank(r: dict) -> str:
    n = len(r["placebos"])
    as_large = round(r["p_value"] * (1 + n)) - 1
    return f"{as_large} of {n} donor areas refitted as if treated show a ratio as large"


def _fmt(x: float) -> str:
    return f"{x:.2f}" if math.isfinite(x) else "infinite"
