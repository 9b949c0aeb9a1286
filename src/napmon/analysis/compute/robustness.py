"""Does an ITS result survive? Placebo breaks in time, a sensitivity grid and a verdict.

Pure functions over a monthly count Series, built on :mod:`.its`. docs/analysis.md gives
the reasoning; the verdict words are for a reader who is not a statistician.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from ._checks import require_monthly
from .errors import ComputeError
from .its import ModelSpec, level_estimate

SIGNIFICANCE = 0.05
MIN_PLACEBOS = 5
GRID_BREAKS = (("2014-06-15", "Zarb-e-Azb (June 2014)"),
               ("2014-12-16", "APS attack and NAP (December 2014)"),
               ("2015-01-06", "Military courts (January 2015)"))  # fmt: skip
GRID_WINDOWS = (24, 48, None)
GRID_FAMILIES = ("negative_binomial", "quasi_poisson")
VERDICTS = ("robust", "depends_on_window", "depends_on_break", "not_supported")


@dataclass(frozen=True)
class Placebo:
    """Level-change ratios at placebo breaks before the real one.

    ``rows``: ``month``, ``ratio``, ``p``. ``p_value`` is permutation-style:
    ``(1 + #{placebos with |log ratio| >= |log real ratio|}) / (1 + n)``; None when fewer
    than :data:`MIN_PLACEBOS` placebo breaks could be fitted. ``skipped`` counts placebo
    months where the model could not be fitted.
    """

    real_month: pd.Timestamp
    real_ratio: float
    rows: pd.DataFrame
    p_value: float | None
    step: int
    skipped: int
    sentence: str


def placebo_in_time(
    counts: pd.Series,
    intervention: date | str | pd.Timestamp,
    spec: ModelSpec,
    *,
    real_ratio: float,
    step: int = 6,
) -> Placebo:
    """Fit the same model (``spec``) at placebo breaks every ``step`` months before the real one.

    Only data before the real break's month are used, so no placebo window contains the
    real intervention. With a window of ``w`` months a side, a placebo month needs ``w``
    whole months on each side (estimates comparable with the real one); with the whole
    series (window None), ``spec.min_points`` a side. The real estimate is compared
    with the placebo ones by size on the log scale (both falls and rises count).

    Raises ComputeError ``bad_step``.
    """
    if not 1 <= int(step) <= 24:
        raise ComputeError(
            "The placebo step must be 1 to 24 months.", code="bad_step", field="step"
        )
    y = require_monthly(counts)
    real = pd.Period(pd.Timestamp(intervention), freq="M")
    pre = y[y.index < real]
    need = spec.window if spec.window is not None else spec.min_points
    rows, skipped = [], 0
    if len(pre) >= 2 * need:
        for m in pd.period_range(pre.index[0] + need, pre.index[-1] - need + 1, freq="M")[
            :: int(step)
        ]:
            try:
                est = level_estimate(pre, m.to_timestamp(), replace(spec, family=spec.family))
            except ComputeError:
                skipped += 1
                continue
            rows.append({"month": m.to_timestamp(), "ratio": est["ratio"], "p": est["p"]})
    table = pd.DataFrame(rows, columns=["month", "ratio", "p"])
    p_value = None
    if len(table) >= MIN_PLACEBOS:
        size = abs(math.log(real_ratio))
        as_large = int((table["ratio"].map(lambda r: abs(math.log(r))) >= size).sum())
        p_value = (1 + as_large) / (1 + len(table))
    result = Placebo(real.to_timestamp(), real_ratio, table, p_value, int(step), skipped, "")
    return replace(result, sentence=_placebo_sentence(result))


def _placebo_sentence(p: Placebo) -> str:
    n = len(p.rows)
    if p.p_value is None:
        return (
            f"Only {n} placebo break(s) fit before {p.real_month:%B %Y}, too few for a "
            "placebo test."
        )
    as_large = round(p.p_value * (1 + n)) - 1
    return (
        f"Of {n} placebo breaks before {p.real_month:%B %Y} (every {p.step} months), "
        f"{as_large} gave a level change at least as large as the real one "
        f"(placebo p-value {p.p_value:.2f})."
    )


@dataclass(frozen=True)
class Sensitivity:
    """The level change under every break date × window × family; one row per cell.

    ``rows`` columns: ``break``, ``break_label``, ``window`` (None = whole series),
    ``family``, ``ratio``, ``ci_low``, ``ci_high``, ``p``, ``error`` (a code when the
    cell could not be fitted, estimates then None).
    """

    rows: pd.DataFrame
    significant: int
    fitted: int


def sensitivity_grid(
    counts: pd.Series,
    spec: ModelSpec,
    breaks: list[tuple[str | date, str]],
    *,
    windows=GRID_WINDOWS,
    families=GRID_FAMILIES,
) -> Sensitivity:
    """Refit the level change for each break date, window and family (other choices of
    ``spec`` kept). Cells that cannot be fitted are kept with their error code."""
    rows = []
    for when, label in breaks:
        for window in windows:
            for family in families:
                row = {"break": pd.Timestamp(when), "break_label": label, "window": window,
                       "family": family, "ratio": None, "ci_low": None, "ci_high": None,
                       "p": None, "error": None}  # fmt: skip
                try:
                    est = level_estimate(counts, when, replace(spec, window=window, family=family))
                    row.update(ratio=est["ratio"], ci_low=est["ci"][0], ci_high=est["ci"][1],
                               p=est["p"])  # fmt: skip
                except ComputeError as exc:
                    row["error"] = exc.code
                rows.append(row)
    table = pd.DataFrame(rows)
    fitted = table[table["error"].isna()]
    return Sensitivity(table, int((fitted["p"] < SIGNIFICANCE).sum()), len(fitted))


def verdict_figures(
    level_ratio: float, level_p: float, placebo: Placebo | None, grid: Sensitivity
) -> dict:
    """The verdict's code, its ``reason`` and the figures its sentence states.

    ``not_supported`` when the main estimate is not significant at 5% (reason
    ``not_significant``), when placebo breaks give changes as large (placebo p >= 0.05,
    ``placebo``) or when fewer than half the grid cells agree (``few_agree``); ``robust``
    when every fitted cell is significant in the same direction; ``depends_on_window``
    when the cells disagree between windows but agree within each window;
    ``depends_on_break`` otherwise (the break date or family matters). Figures: ``p``,
    ``placebo_p``, ``agree``, ``total``.
    """
    fitted = grid.rows[grid.rows["error"].isna()].copy()
    same = (fitted["ratio"] < 1) == (level_ratio < 1)
    fitted["agrees"] = (fitted["p"] < SIGNIFICANCE) & same
    agree = int(fitted["agrees"].sum())
    total = len(fitted)
    figures = {"p": level_p, "agree": agree, "total": total, "placebo_p": None}
    if level_p >= SIGNIFICANCE:
        return {"code": "not_supported", "reason": "not_significant", **figures}
    if placebo is not None and placebo.p_value is not None and placebo.p_value >= SIGNIFICANCE:
        figures["placebo_p"] = placebo.p_value
        return {"code": "not_supported", "reason": "placebo", **figures}
    if total and agree == total:
        return {"code": "robust", "reason": "robust", **figures}
    if agree * 2 < total:
        return {"code": "not_supported", "reason": "few_agree", **figures}
    by_window = fitted.groupby(fitted["window"].fillna(0))["agrees"].agg(["all", "any"])
    if ((by_window["all"]) | (~by_window["any"])).all():
        return {"code": "depends_on_window", "reason": "depends_on_window", **figures}
    return {"code": "depends_on_break", "reason": "depends_on_break", **figures}


def verdict_sentence(figures: dict) -> str:
    """The English sentence of :func:`verdict_figures`' result."""
    agree, total = figures["agree"], figures["total"]
    return {
        "not_significant": lambda: (
            "Not supported: the change at the break is within what chance and the "
            f"pre-existing trend would produce (p = {figures['p']:.2f}); {agree} of {total} "
            "alternative specifications find a significant change in the same direction."
        ),
        "placebo": lambda: (
            "Not supported: placebo breaks before the plan give level changes as large "
            f"(placebo p-value {figures['placebo_p']:.2f}), so this change is not unusual."
        ),
        "robust": lambda: (
            f"Robust: all {total} combinations of break date, window and model agree, and "
            "placebo breaks rarely give a change as large; still an association, not proof "
            "of cause."
        ),
        "few_agree": lambda: (
            f"Not supported: only {agree} of {total} combinations of break date, window "
            "and model find a change."
        ),
        "depends_on_window": lambda: (
            f"Depends on the window: {agree} of {total} combinations find a change, and "
            "whether they do depends on how many months around the break are used."
        ),
        "depends_on_break": lambda: (
            f"Depends on the break date and model: {agree} of {total} combinations find a "
            "change, so it cannot be tied to one date."
        ),
    }[figures["reason"]]()


def verdict(
    level_ratio: float, level_p: float, placebo: Placebo | None, grid: Sensitivity
) -> tuple[str, str]:
    """One word and one sentence on whether the level change survives (the rules are
    those of :func:`verdict_figures`)."""
    figures = verdict_figures(level_ratio, level_p, placebo, grid)
    return figures["code"], verdict_sentence(figures)
