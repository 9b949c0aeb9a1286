"""Verdicts on word claims without a figure: "rose", "fell", "the highest year".

Same verdict vocabulary and :class:`~napmon.analysis.compute.claims.ClaimCheck` result as
:func:`~napmon.analysis.compute.claims.check_claim`:

* ``check_direction``: "increased" / "decreased" from ``old`` to ``new``. Verified when the
  change has the claimed sign, contradicted when it has the other sign or is zero,
  unverifiable when a value is missing. Only the two end points are compared.
* ``check_maximum``: ``claimed`` is the period with the highest value among ``values``.
  Unverifiable when any period of the range has no value (the maximum could be there);
  approximate when another period ties with it; contradicted when another is higher.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ._text import fmt_int
from .claims import ClaimCheck
from .errors import ComputeError

DIRECTIONS = ("increased", "decreased")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def check_direction(direction: str, old: float | None, new: float | None) -> ClaimCheck:
    """Check that a figure rose (``increased``) or fell (``decreased``) from old to new.

    ``computed`` is the percent change (None when old is 0 or a value is missing).
    Raises ComputeError ``bad_kind`` for another direction.
    """
    if direction not in DIRECTIONS:
        raise ComputeError(f"Unknown direction {direction!r}.", code="bad_kind", field="kind")
    if _missing(old) or _missing(new):
        return ClaimCheck(
            direction,
            "unverifiable",
            None,
            None,
            None,
            "The old and new values are needed and at least one is missing.",
        )
    old_f, new_f = float(old), float(new)
    pct = (new_f - old_f) / old_f * 100.0 if old_f else None
    moved = "rose" if new_f > old_f else "fell" if new_f < old_f else "did not change"
    change = f" ({pct:+.1f}%)" if pct is not None else ""
    holds = (new_f > old_f) if direction == "increased" else (new_f < old_f)
    verdict = "verified" if holds else "contradicted"
    explanation = (
        f"The figure {moved} from {fmt_int(old_f) if old_f.is_integer() else old_f} to "
        f"{fmt_int(new_f) if new_f.is_integer() else new_f}{change}, so '{direction}' "
        f"{'holds' if holds else 'is wrong'}."
    )
    return ClaimCheck(direction, verdict, pct, None, None, explanation)


def check_maximum(values: Mapping[str, float | None], claimed: str) -> ClaimCheck:
    """Check that ``claimed`` is the period with the highest value of ``values``.

    ``values`` maps every period of the claimed range (e.g. each year 2008 to 2014) to its
    value or None. ``computed`` is the value of the highest period when all are known.
    Raises ComputeError ``bad_input`` when ``claimed`` is not one of the periods.
    """
    if claimed not in values:
        raise ComputeError(f"{claimed!r} is not in the range of periods checked.",
                           code="bad_input", field="stated")  # fmt: skip
    missing = [p for p, v in values.items() if _missing(v)]
    if missing:
        return ClaimCheck("maximum", "unverifiable", None, None, None,
                          f"No value for {', '.join(missing)}, so the highest of "
                          f"{len(values)} periods cannot be known.")  # fmt: skip
    top = max(float(v) for v in values.values())
    leaders = [p for p, v in values.items() if float(v) == top]
    claimed_value = float(values[claimed])
    if leaders == [claimed]:
        verdict, why = "verified", f"{claimed} is the highest ({fmt_int(top)})"
    elif claimed in leaders:
        verdict, why = "approximate", f"{claimed} ties with {', '.join(leaders)} at {fmt_int(top)}"
    else:
        verdict = "contradicted"
        why = f"{leaders[0]} is higher ({fmt_int(top)} against {fmt_int(claimed_value)})"
    return ClaimCheck("maximum", verdict, top, None, None,
                      f"Compared {len(values)} periods: {why}.")  # fmt: skip
