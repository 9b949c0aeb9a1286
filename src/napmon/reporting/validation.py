"""Rules for reported indicator values, evaluated on plain values (no Django here).

Three kinds of finding:

* ``hard``: the value breaks a rule (below the minimum, above the maximum, not a
  whole number, a change from the previous period larger than allowed). It blocks
  submission.
* ``soft``: a change larger than the soft threshold (e.g. 50%). Submission needs
  an explanation for the value.
* ``flag``: the value is an outlier against the body's own approved history
  (robust z-score from the median and the median absolute deviation). It does not
  block; reviewers see it for follow-up.

Findings carry a code and parameters; the services turn them into translated
messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

HARD, SOFT, FLAG = "hard", "soft", "flag"
# 0.6745 is the 75th percentile of the standard normal: it scales the MAD so the
# robust z-score is comparable to an ordinary z-score for normal data.
MAD_SCALE = 0.6745
MIN_HISTORY = 4


@dataclass(frozen=True)
class Rule:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    whole_number: bool = False
    max_change_pct: Decimal | None = None
    soft_change_pct: Decimal | None = Decimal(50)
    outlier_z: Decimal = Decimal("3.5")


@dataclass(frozen=True)
class Finding:
    code: str
    level: str
    params: dict = field(default_factory=dict)

    @property
    def blocks(self) -> bool:
        return self.level == HARD


def change_pct(previous: Decimal | None, value: Decimal) -> Decimal | None:
    """Percent change from ``previous``; ``None`` when there is no base to compare with."""
    if previous is None or previous == 0:
        return None
    return (value - previous) / abs(previous) * 100


def robust_z(value: Decimal, history: Sequence[Decimal]) -> float | None:
    """Robust z-score of ``value`` against ``history``; ``None`` with too little history."""
    if len(history) < MIN_HISTORY:
        return None
    numbers = [float(h) for h in history]
    mid = median(numbers)
    mad = median(abs(x - mid) for x in numbers)
    if mad == 0:
        # A perfectly flat history: any different value is remarkable, an equal one is not.
        return 0.0 if float(value) == mid else float("inf")
    return MAD_SCALE * (float(value) - mid) / mad


def _bounds(value: Decimal, rule: Rule) -> list[Finding]:
    found = []
    if rule.minimum is not None and value < rule.minimum:
        found.append(Finding("below_minimum", HARD, {"minimum": rule.minimum}))
    if rule.maximum is not None and value > rule.maximum:
        found.append(Finding("above_maximum", HARD, {"maximum": rule.maximum}))
    if rule.whole_number and value != value.to_integral_value():
        found.append(Finding("not_whole", HARD))
    return found


def _change(value: Decimal, previous: Decimal | None, rule: Rule, explanation: str):
    pct = change_pct(previous, value)
    if pct is None:
        return []
    shown = {"change": round(pct, 1), "previous": previous}
    if rule.max_change_pct is not None and abs(pct) > rule.max_change_pct:
        return [Finding("change_too_large", HARD, {**shown, "limit": rule.max_change_pct})]
    if rule.soft_change_pct is not None and abs(pct) > rule.soft_change_pct:
        code = "change_explained" if explanation.strip() else "change_needs_explanation"
        level = FLAG if explanation.strip() else SOFT
        return [Finding(code, level, {**shown, "limit": rule.soft_change_pct})]
    return []


def check_value(
    value: Decimal | None,
    rule: Rule,
    *,
    previous: Decimal | None = None,
    history: Sequence[Decimal] = (),
    explanation: str = "",
) -> list[Finding]:
    """All findings for one reported value (empty when it passes every rule)."""
    if value is None:
        return []
    found = _bounds(value, rule)
    found += _change(value, previous, rule, explanation)
    z = robust_z(value, history)
    if z is not None and abs(z) > float(rule.outlier_z):
        found.append(Finding("outlier", FLAG, {"z": round(z, 1) if abs(z) != float("inf") else z}))
    return found


def blocking(findings: Sequence[Finding]) -> list[Finding]:
    """Findings that stop a submission: hard rules and unexplained soft ones."""
    return [f for f in findings if f.level in (HARD, SOFT)]
