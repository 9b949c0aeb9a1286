"""Verdicts on numerical claims ("terrorism decreased by 48 percent") against computed figures.

Rules (the same for every caller):

* **unverifiable**: an input needed for the computation is missing (None/NaN), or the
  computation is undefined (a change from 0, a rate over 0 days).
* **verified**: the computed value rounds to the stated value at the stated precision,
  i.e. ``|computed - stated| <= precision / 2``. Precision is the step of the stated
  figure: ``1`` for "48 percent", ``0.01`` for "3.30 a day". When not given it is read
  from the stated value (``"3.30"`` → 0.01, ``-48`` → 1; a float such as ``3.3`` loses
  trailing zeros, so pass the string or ``precision``).
* **approximate**: not verified, but within 10% of the stated value (relative):
  a stated 48% fall is approximate for a computed fall between 43.2% and 52.8%.
* Word claims (``halved``, ``doubled`` ...) compare the ratio ``new / old`` with the
  word's ratio ``r``: verified within ``±0.10 r``, approximate within ``±0.30 r``
  (halved: verified for 0.45–0.55, approximate for 0.35–0.65). So "attacks halved from
  2,148 to 1,206" (ratio 0.561) is approximate, not verified.
* **contradicted**: anything else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ._text import fmt_int
from .errors import ComputeError

VERDICTS = ("verified", "approximate", "contradicted", "unverifiable")
WORD_RATIOS = {
    "halved": 0.5,
    "reduced_by_half": 0.5,
    "cut_in_half": 0.5,
    "doubled": 2.0,
    "tripled": 3.0,
    "quadrupled": 4.0,
}
NUMERIC_KINDS = (
    "percent_change",
    "percent_decrease",
    "percent_increase",
    "ratio",
    "level",
    "rate_per_day",
)
APPROX_RELATIVE = 0.10
WORD_VERIFIED_RELATIVE = 0.10
WORD_APPROX_RELATIVE = 0.30


@dataclass(frozen=True)
class ClaimCheck:
    """The verdict on one claim, with both numbers and an explanation a reader can follow."""

    kind: str
    verdict: str
    computed: float | None
    stated: float | None
    precision: float | None
    explanation: str


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def infer_precision(stated: float | str) -> float:
    """The step of a stated figure: ``"3.30"`` → 0.01, ``48`` → 1, ``2.5`` → 0.1.

    A float that is a whole number (``-48.0``) has step 1. Raises ComputeError
    ``bad_stated`` when ``stated`` is not a number.
    """
    if isinstance(stated, float) and stated.is_integer():
        return 1.0
    try:
        exponent = Decimal(str(stated).replace(",", "").strip()).as_tuple().exponent
    except InvalidOperation as exc:
        raise ComputeError(
            f"The stated value {stated!r} is not a number.", code="bad_stated", field="stated"
        ) from exc
    return float(Decimal(1).scaleb(min(int(exponent), 0)))


def _computed(kind: str, old, new, level, days) -> tuple[float | None, str]:
    """The computed value for ``kind``, or None with the reason it cannot be computed."""
    needs = {"level": (level,), "rate_per_day": (level, days)}.get(kind, (old, new))
    names = {"level": "level", "rate_per_day": "count and days"}.get(kind, "old and new values")
    if any(_missing(v) for v in needs):
        return None, f"The {names} are needed and at least one is missing."
    if kind == "level":
        return float(level), ""
    if kind == "rate_per_day":
        if days <= 0:
            return None, "A rate needs a period of at least one day."
        return float(level) / float(days), ""
    if old == 0:
        return None, "A change from zero cannot be expressed as a percentage or ratio."
    if kind.startswith("percent"):
        return (float(new) - float(old)) / float(old) * 100.0, ""
    return float(new) / float(old), ""


def _describe(kind: str, value: float) -> str:
    if kind.startswith("percent"):
        return f"{value:+.2f}%"
    if kind in ("ratio", *WORD_RATIOS):
        return f"a ratio of {value:.3f}"
    if kind == "rate_per_day":
        return f"{value:.3f} a day"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _describe_stated(kind: str, value: float, precision: float) -> str:
    decimals = max(0, -math.floor(math.log10(precision) + 1e-12))
    if kind.startswith("percent"):
        return f"{value:+.{decimals}f}%"
    suffix = " a day" if kind == "rate_per_day" else ""
    return f"{value:,.{decimals}f}{suffix}"


def _inputs(kind: str, old, new, level, days) -> str:
    if kind == "level":
        return ""
    if kind == "rate_per_day":
        return f" ({fmt_int(level)} over {fmt_int(days)} days)"
    return f" ({fmt_int(old)} → {fmt_int(new)})"


def _numeric_verdict(
    kind: str, computed: float, stated: float, precision: float
) -> tuple[str, str]:
    diff = abs(computed - stated)
    shown = _describe_stated(kind, stated, precision)
    if diff <= precision / 2 + 1e-9 * max(1.0, abs(stated)):
        return "verified", f"rounds to the stated {shown} at a precision of {precision:g}"
    if diff <= APPROX_RELATIVE * abs(stated):
        return "approximate", (
            f"does not round to the stated {shown} but is within {APPROX_RELATIVE:.0%} of it"
        )
    return (
        "contradicted",
        f"differs from the stated {shown} by more than {APPROX_RELATIVE:.0%} of it",
    )


def _word_verdict(kind: str, ratio: float) -> tuple[str, str]:
    target = WORD_RATIOS[kind]
    word = kind.replace("_", " ")
    diff = abs(ratio - target)
    if diff <= WORD_VERIFIED_RELATIVE * target + 1e-12:
        return (
            "verified",
            f"is within ±{WORD_VERIFIED_RELATIVE * target:g} of {target:g}, so '{word}' holds",
        )
    if diff <= WORD_APPROX_RELATIVE * target + 1e-12:
        return "approximate", (
            f"is not within ±{WORD_VERIFIED_RELATIVE * target:g} of {target:g} but within "
            f"±{WORD_APPROX_RELATIVE * target:g}, so '{word}' is only roughly right"
        )
    return (
        "contradicted",
        f"is more than ±{WORD_APPROX_RELATIVE * target:g} from {target:g}, so '{word}' is wrong",
    )


def _stated_value(kind: str, stated) -> float | None:
    if kind in WORD_RATIOS:
        return WORD_RATIOS[kind]
    if _missing(stated):
        return None
    try:
        value = float(str(stated).replace(",", ""))
    except ValueError as exc:
        raise ComputeError(
            f"The stated value {stated!r} is not a number.", code="bad_stated", field="stated"
        ) from exc
    if kind == "percent_decrease":
        return -abs(value)
    if kind == "percent_increase":
        return abs(value)
    return value


def check_claim(
    kind: str,
    stated: float | str | None = None,
    *,
    precision: float | None = None,
    old: float | None = None,
    new: float | None = None,
    level: float | None = None,
    days: float | None = None,
) -> ClaimCheck:
    """Give a verdict on a claim by recomputing its figure (rules in the module docstring).

    ``kind`` and what it computes:

    * ``percent_change``: ``(new - old) / old * 100``; ``stated`` is signed (``-48`` for
      "a 48% decrease"). ``percent_decrease`` / ``percent_increase`` take the magnitude.
    * ``ratio``: ``new / old``. ``level``: ``level`` itself (e.g. "229 attacks in 2019").
    * ``rate_per_day``: ``level / days`` (``level`` is the count; 1,206 over 365 days).
    * ``halved``, ``reduced_by_half``, ``cut_in_half``, ``doubled``, ``tripled``,
      ``quadrupled``: ``new / old`` against the word's ratio; ``stated`` is ignored.

    Returns a :class:`ClaimCheck`; missing inputs give "unverifiable", not an error.
    Raises ComputeError ``bad_kind`` for an unknown ``kind`` and ``bad_stated`` when the
    stated value is not a number.
    """
    if kind not in NUMERIC_KINDS and kind not in WORD_RATIOS:
        raise ComputeError(f"Unknown claim kind {kind!r}.", code="bad_kind", field="kind")
    stated_value = _stated_value(kind, stated)
    computed, reason = _computed(kind, old, new, level, days)
    if kind in WORD_RATIOS:
        precision = None
    elif stated_value is None:
        reason = reason or "The claim states no figure."
    elif precision is None:
        precision = infer_precision(stated)
    if computed is None or (stated_value is None and kind not in WORD_RATIOS):
        return ClaimCheck(kind, "unverifiable", computed, stated_value, precision, reason)
    if kind in WORD_RATIOS:
        verdict, why = _word_verdict(kind, computed)
    else:
        verdict, why = _numeric_verdict(kind, computed, stated_value, precision)
    explanation = (
        f"Computed {_describe(kind, computed)}{_inputs(kind, old, new, level, days)}, which {why}."
    )
    return ClaimCheck(kind, verdict, computed, stated_value, precision, explanation)
