"""Map arithmetic: which shape shows which figure, FATA folding, small-multiple periods.

Pure functions over plain dicts; the analysis services read the counts and the spec
builders in ``napmon.analysis.maps`` draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# FATA merged into Khyber Pakhtunkhwa under the 25th Amendment (31 May 2018).
MERGER = date(2018, 5, 31)
FATA, KP = "PK-TA", "PK-KP"
FOLD_MODES = ("auto", "separate", "fold")
MEASURES = ("events", "killed")
STEPS = ("year", "half")


def should_fold(mode: str, start: date | None, end: date | None) -> bool:
    """Whether FATA is counted and drawn as part of Khyber Pakhtunkhwa.

    ``auto`` folds when the whole period falls after the merger (FATA no longer existed),
    and keeps FATA separate when any of the period falls before it; ``separate`` and
    ``fold`` force the choice. Raises ``ValueError`` for another mode.
    """
    if mode not in FOLD_MODES:
        raise ValueError(f"fold mode {mode!r}: use one of {', '.join(FOLD_MODES)}")
    if mode == "auto":
        return start is not None and start > MERGER
    return mode == "fold"


def fata_defunct(start: date | None) -> bool:
    """Whether FATA had ceased to exist before the period starts."""
    return start is not None and start > MERGER


@dataclass(frozen=True)
class ShapeValue:
    """The figures one shape shows. ``group`` is the table row it belongs to (KP's code
    for FATA when folded); ``events``/``killed`` are None when the unit did not exist."""

    code: str
    group: str
    events: int | None
    killed: int | None
    killed_unknown: int | None


def shape_values(
    counts: dict[str, dict], codes: list[str], *, fold: bool, start: date | None
) -> list[ShapeValue]:
    """One ``ShapeValue`` per shape code.

    ``counts`` maps a unit code to ``{events, killed, killed_unknown}`` (units without
    events may be absent: zero events recorded). When ``fold`` is true ``counts`` must
    already count FATA under KP, and the FATA shape shows KP's figures. When not folded
    but the period starts after the merger, FATA shows no figure (None): its events are
    recorded under KP, and a zero would claim a count that does not exist.
    """
    empty = {"events": 0, "killed": 0, "killed_unknown": 0}
    out = []
    for code in codes:
        group = KP if fold and code == FATA else code
        if code == FATA and not fold and fata_defunct(start):
            out.append(ShapeValue(code, group, None, None, None))
            continue
        row = counts.get(group, empty)
        out.append(
            ShapeValue(code, group, row["events"], row["killed"], row.get("killed_unknown", 0))
        )
    return out


def fold_counts(counts: dict[str, dict]) -> dict[str, dict]:
    """``counts`` by unit code with FATA's figures added into Khyber Pakhtunkhwa's."""
    out = {code: dict(row) for code, row in counts.items() if code != FATA}
    if FATA in counts:
        kp = out.setdefault(KP, {m: 0 for m in counts[FATA] if m != "key"})
        for measure, value in counts[FATA].items():
            if measure != "key":
                kp[measure] = kp.get(measure, 0) + value
    return out


def periods(first_year: int, last_year: int, step: str) -> list[tuple[str, date, date]]:
    """``(label, first day, last day)`` for each year or half-year from first to last year.

    Raises ``ValueError`` for an unknown step or a last year before the first.
    """
    if step not in STEPS:
        raise ValueError(f"step {step!r}: use one of {', '.join(STEPS)}")
    if last_year < first_year:
        raise ValueError(f"last year {last_year} is before first year {first_year}")
    out = []
    for year in range(first_year, last_year + 1):
        if step == "year":
            out.append((str(year), date(year, 1, 1), date(year, 12, 31)))
        else:
            out.append((f"{year}-H1", date(year, 1, 1), date(year, 6, 30)))
            out.append((f"{year}-H2", date(year, 7, 1), date(year, 12, 31)))
    return out


def completeness(rows: list[tuple[str, bool]]) -> dict[str, dict]:
    """Reporting completeness per unit code from ``(code, submitted)`` pairs, one per body.

    Returns ``{code: {expected, submitted, percent}}``; a unit with no expected body is
    absent (no figure, not 0%).
    """
    out: dict[str, dict] = {}
    for code, submitted in rows:
        entry = out.setdefault(code, {"expected": 0, "submitted": 0})
        entry["expected"] += 1
        entry["submitted"] += bool(submitted)
    for entry in out.values():
        entry["percent"] = round(100 * entry["submitted"] / entry["expected"])
    return out
