"""Plain-language formatting shared by the result sentences (no statistics here)."""

from __future__ import annotations

import math

# Donor weights below this are left out of a synthetic control's sentence, in every language.
WEIGHT_SHOWN = 0.001


def fmt_int(value: float) -> str:
    """``1206`` → ``"1,206"``."""
    return f"{value:,.0f}"


def fmt_pct(value: float) -> str:
    """A percentage with no decimals above 10, one decimal below (``"41%"``, ``"2.5%"``)."""
    mag = abs(value)
    if 99.5 <= mag < 100:
        return f"{mag:.1f}%"
    return f"{mag:.0f}%" if mag >= 10 or mag == 0 else f"{mag:.1f}%"


def fmt_p(p: float) -> str:
    """``p < 0.001`` or ``p = 0.034``."""
    if p is None or math.isnan(p):
        return "p not available"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _signed_change(ratio: float) -> str:
    """A ratio as a fall or rise, e.g. 0.7 → "a 30% fall", 1.15 → "a 15% rise"."""
    pct = (ratio - 1.0) * 100.0
    if math.isinf(ratio):
        return "an unbounded rise"
    if pct < 0:
        return f"a {fmt_pct(pct)} fall"
    if pct > 0:
        return f"a {fmt_pct(pct)} rise"
    return "no change"


def describe_ratio(subject: str, ratio: float, low: float | None, high: float | None) -> str:
    """Say a rate ratio and its confidence interval as a change in words.

    "Attacks fell by 41% (95% CI 30% to 50%)" when the whole interval is a fall,
    "... rose by 12% (95% CI 3% to 22%)" when it is a rise, and
    "... fell by 10% (95% CI from a 30% fall to a 15% rise)" when it spans no change.
    """
    pct = (ratio - 1.0) * 100.0
    verb = "fell by" if pct < 0 else "rose by" if pct > 0 else "did not change"
    head = f"{subject} {verb} {fmt_pct(pct)}" if pct != 0 else f"{subject} {verb}"
    if low is None or high is None:
        return head
    if high < 1:
        ci = f"95% CI {fmt_pct((1 - high) * 100)} to {fmt_pct((1 - low) * 100)}"
    elif low > 1 and not math.isinf(high):
        ci = f"95% CI {fmt_pct((low - 1) * 100)} to {fmt_pct((high - 1) * 100)}"
    else:
        ci = f"95% CI from {_signed_change(low)} to {_signed_change(high)}"
    return f"{head} ({ci})"
