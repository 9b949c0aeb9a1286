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


# --- Two verdicts per claim ------------------------------------------------------------------
#
# *Consistency*: does the claim match the figures its own document cites? The checks above
# answer it; their verdicts are renamed so that no reader takes them for confirmation.
# *Independent evidence*: what does an event dataset other than the claim's own source say?
# Rules (docs/analysis.md, "Claims: two verdicts"):
#
# * a different measure (UCDP organised violence against PIPS terrorist attacks) is compared
#   only by direction (a claimed fall must be a fall) and order of magnitude (the two
#   figures within a factor of ten), and the explanation says so;
# * the same measure (an incident's victims against the dataset's deaths on the same sides)
#   is compared figure to figure with the consistency rules (exact, or within 10%);
# * no data for the periods or the incident gives "no independent data", never a verdict.

CONSISTENCY = {
    "verified": "matches",
    "approximate": "approximate",
    "contradicted": "does_not_match",
    "unverifiable": "unverifiable",
}
CONSISTENCY_VERDICTS = ("matches", "approximate", "does_not_match", "unverifiable")
INDEPENDENT_VERDICTS = ("corroborated", "mixed", "contradicted", "no_independent_data")
MAGNITUDE_FACTOR = 10.0
FALLING_KINDS = ("decreased", "percent_decrease", "halved", "reduced_by_half", "cut_in_half")
RISING_KINDS = ("increased", "percent_increase", "doubled", "tripled", "quadrupled")


@dataclass(frozen=True)
class IndependentCheck:
    """One comparison with independent data: verdict, how it compared, and why."""

    verdict: str
    comparison: str  # direction / magnitude / maximum / figure / none
    explanation: str


def consistency_verdict(verdict: str) -> str:
    """The consistency verdict of a check against the claim's own document."""
    return CONSISTENCY[verdict]


def claimed_direction(kind: str, stated: float | str | None = None) -> str | None:
    """``"decreased"`` / ``"increased"`` for claims that say which way a figure moved."""
    if kind in FALLING_KINDS:
        return "decreased"
    if kind in RISING_KINDS:
        return "increased"
    if kind == "percent_change" and not _missing(stated) and stated not in ("",):
        value = float(str(stated).replace(",", ""))
        return "decreased" if value < 0 else "increased" if value > 0 else None
    if kind == "ratio" and not _missing(stated) and stated not in ("",):
        value = float(str(stated).replace(",", ""))
        return "decreased" if value < 1 else "increased" if value > 1 else None
    return None


def _no_data(what: str) -> IndependentCheck:
    return IndependentCheck("no_independent_data", "none", what)


def independent_direction(
    direction: str, old: float | None, new: float | None, *, what: str, periods: str
) -> IndependentCheck:
    """Did ``what`` move in the claimed ``direction`` over ``periods`` (different measure)?"""
    if _missing(old) or _missing(new):
        return _no_data(f"{what} has no figure for {periods}.")
    old_f, new_f = float(old), float(new)
    pct = f" ({(new_f - old_f) / old_f * 100:+.1f}%)" if old_f else ""
    moved = "rose" if new_f > old_f else "fell" if new_f < old_f else "did not change"
    holds = new_f < old_f if direction == "decreased" else new_f > old_f
    return IndependentCheck(
        "corroborated" if holds else "contradicted",
        "direction",
        f"{what} {moved} from {fmt_int(old_f)} to {fmt_int(new_f)}{pct} over {periods}, "
        f"so the claimed direction ({direction}) {'holds' if holds else 'does not hold'}. "
        "The measures differ, so only the direction is compared, not the size of the change.",
    )


def independent_magnitude(stated: float, observed: float | None, *, what: str) -> IndependentCheck:
    """Is the stated figure within a factor of ten of ``observed`` (a different measure)?"""
    if _missing(observed) or observed == 0:
        return _no_data(f"{what} has no figure to compare.")
    ratio = float(stated) / float(observed)
    holds = 1 / MAGNITUDE_FACTOR <= ratio <= MAGNITUDE_FACTOR
    return IndependentCheck(
        "corroborated" if holds else "contradicted",
        "magnitude",
        f"{what}: {fmt_int(observed)}; the stated {fmt_int(stated)} is {ratio:.2f} times "
        f"that, {'within' if holds else 'beyond'} a factor of {MAGNITUDE_FACTOR:g}. The "
        "measures differ, so only the order of magnitude is compared.",
    )


def independent_maximum(
    claimed: str, values: dict[str, float | None], *, what: str
) -> IndependentCheck:
    """Is ``claimed`` the period with the highest value of ``what``?"""
    known = {p: float(v) for p, v in values.items() if not _missing(v)}
    if len(known) < len(values) or claimed not in known:
        gaps = ", ".join(p for p in values if p not in known)
        return _no_data(f"{what} has no figure for {gaps}.")
    top = max(known.values())
    leaders = [p for p, v in known.items() if v == top]
    holds = claimed in leaders
    why = (
        f"{claimed} is the highest ({fmt_int(top)})"
        if holds
        else f"{leaders[0]} is the highest ({fmt_int(top)} against {fmt_int(known[claimed])} "
        f"in {claimed})"
    )
    return IndependentCheck(
        "corroborated" if holds else "contradicted",
        "maximum",
        f"{what}, {min(values)}-{max(values)}: {why}.",
    )


def independent_figure(
    stated: float | str, observed: float | None, *, what: str, found: str
) -> IndependentCheck:
    """Compare the stated figure with the same measure in an independent dataset
    (corroborated when it matches or is within 10%, as for consistency)."""
    if _missing(observed):
        return _no_data(f"{found} It does not give {what}.")
    check = check_claim("level", stated, level=observed)
    holds = check.verdict in ("verified", "approximate")
    exact = "equals" if check.verdict == "verified" else "is within 10% of"
    how = exact if holds else "differs by more than 10% from"
    return IndependentCheck(
        "corroborated" if holds else "contradicted",
        "figure",
        f"{found} Same measure: {what} = {fmt_int(observed)}, which {how} the stated "
        f"{fmt_int(check.stated)}.",
    )


def combine_independent(checks: list[IndependentCheck]) -> tuple[str, str]:
    """One verdict from several comparisons: all agreeing → that verdict, else "mixed"."""
    informative = [c for c in checks if c.verdict != "no_independent_data"]
    text = " ".join(c.explanation for c in checks)
    if not informative:
        return "no_independent_data", text
    verdicts = {c.verdict for c in informative}
    return (verdicts.pop() if len(verdicts) == 1 else "mixed"), text


_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


def check_date(stated: str, recorded: str | None, recorded_precision: str = "day") -> ClaimCheck:
    """A dated fact ("16 December 2014" as ``"2014-12-16"``, ``"2022-10"``, ``"1923"``)
    against the date recorded for it, compared at the coarser of the two precisions.

    Verified when equal at the stated precision; approximate when the record is coarser
    than the statement but agrees as far as it goes; contradicted otherwise; unverifiable
    when nothing is recorded. Raises ComputeError ``bad_stated`` for a malformed date.
    """
    stated = str(stated).strip()
    if len(stated) not in (4, 7, 10) or not stated[:4].isdigit():
        raise ComputeError(
            f"The stated date {stated!r} is not YYYY, YYYY-MM or YYYY-MM-DD.",
            code="bad_stated",
            field="stated",
        )
    if not recorded:
        return ClaimCheck("date", "unverifiable", None, None, None, "No date is recorded for it.")
    recorded = str(recorded)[: _PRECISION_LENGTH.get(recorded_precision, 10)]
    length = min(len(stated), len(recorded))
    if stated[:length] != recorded[:length]:
        verdict, why = "contradicted", "differs from"
    elif len(recorded) >= len(stated):
        verdict, why = "verified", "matches"
    else:
        verdict, why = "approximate", "agrees only as far as it goes with"
    return ClaimCheck(
        "date",
        verdict,
        None,
        None,
        None,
        f"The stated date {stated} {why} the recorded {recorded}.",
    )
