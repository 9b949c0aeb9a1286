"""The second verdict of a claim: what event datasets other than its own source say.

Each claim lists its comparisons in ``Claim.independent`` (from claims.yaml): a dataset and
a measure (``events`` or ``killed``) read over the claim's own periods, or an ``incident``
(a date and a place) looked up event by event. This module reads the figures; the verdict
rules are pure functions in :mod:`napmon.analysis.compute.claims`. Rules: docs/analysis.md.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from napmon.analysis.compute.claims import (
    IndependentCheck,
    claimed_direction,
    combine_independent,
    independent_direction,
    independent_figure,
    independent_magnitude,
    independent_maximum,
)
from napmon.analysis.models import Claim
from napmon.analysis.services.summaries import summarise
from napmon.events.models import Dataset, Event

MEASURE_WORDS = {
    "events": "events",
    "killed": "deaths (best estimate)",
}


def _year(period: str) -> int | None:
    return int(period) if period and len(period) == 4 and period.isdigit() else None


class YearTotals:
    """Yearly events and deaths of each dataset, read once (one grouped query per dataset)
    and reused by every claim of one check; a year without events has no figure."""

    def __init__(self):
        self._by_dataset: dict[str, dict[int, dict]] = {}

    def __call__(self, dataset: str, measure: str, year: int) -> float | None:
        if dataset not in self._by_dataset:
            rows = summarise("year", {"dataset": dataset})
            self._by_dataset[dataset] = {int(r["key"]): r for r in rows if str(r["key"]).isdigit()}
        row = self._by_dataset[dataset].get(year)
        if not row or not row["events"]:
            return None
        value = row.get(measure)
        return None if value is None else float(value)


def _what(spec: dict, period: str) -> str:
    label = spec.get("label") or f"{spec['dataset']} {MEASURE_WORDS[spec['measure']]}"
    return f"{label} in {period}" if period else label


def _yearly_path(spec: dict, first: int, last: int, years: YearTotals) -> str:
    """Every year between the end points, so a reader sees rises the end points hide."""
    if last - first < 2:
        return ""
    values = [(y, years(spec["dataset"], spec["measure"], y)) for y in range(first, last + 1)]
    shown = ", ".join(f"{y}: {'—' if v is None else f'{v:,.0f}'}" for y, v in values)
    rises = [
        str(y) for (_, a), (y, b) in zip(values, values[1:], strict=False) if a and b and b > a
    ]
    rose = f"; it rose in {', '.join(rises)}" if rises else "; it fell every year"
    return f" Year by year: {shown}{rose}."


def _series_check(claim: Claim, spec: dict, years: YearTotals) -> IndependentCheck:
    dataset, measure = spec["dataset"], spec["measure"]
    old, new = _year(claim.old_period), _year(claim.new_period)
    if claim.kind == "maximum" and old and new:
        values = {str(y): years(dataset, measure, y) for y in range(old, new + 1)}
        return independent_maximum(claim.stated, values, what=_what(spec, ""))
    direction = claimed_direction(claim.kind, claim.stated)
    if direction and old and new:
        check = independent_direction(
            direction,
            years(dataset, measure, old),
            years(dataset, measure, new),
            what=_what(spec, ""),
            periods=f"{old}-{new}",
        )
        if check.verdict != "no_independent_data":
            path = _yearly_path(spec, old, new, years)
            check = IndependentCheck(check.verdict, check.comparison, check.explanation + path)
        return check
    if claim.kind == "level" and new and claim.stated:
        stated = float(claim.stated.replace(",", ""))
        return independent_magnitude(
            stated, years(dataset, measure, new), what=_what(spec, str(new))
        )
    return IndependentCheck(
        "no_independent_data",
        "none",
        f"A {claim.kind.replace('_', ' ')} claim over these periods cannot be compared "
        f"with {dataset}.",
    )


def _incident_events(dataset: str, incident: dict) -> list[Event]:
    day = date.fromisoformat(str(incident["date"]))
    place = str(incident["place"])
    where = Q(city__icontains=place) | Q(district__icontains=place)
    events = Event.objects.filter(
        where, dataset__name=dataset, status=Event.Status.ACTIVE, date=day
    )
    if incident.get("province"):
        events = events.filter(province__code=incident["province"])
    return list(events.order_by("pk"))


def _raw_sum(events: list[Event], columns: list[str]) -> float | None:
    total = 0.0
    for event in events:
        for column in columns:
            value = (event.raw or {}).get(column)
            if value in (None, ""):
                return None
            total += float(value)
    return total


def _incident_check(claim: Claim, spec: dict) -> IndependentCheck:
    dataset, incident = spec["dataset"], spec["incident"]
    events = _incident_events(dataset, incident)
    where = f"{incident['place']} on {date.fromisoformat(str(incident['date'])):%d %B %Y}"
    if not events:
        return IndependentCheck(
            "no_independent_data", "none", f"{dataset} records no event in {where}."
        )
    killed = [e.killed for e in events]
    deaths = "unknown" if None in killed else f"{sum(killed):,}"
    found = f"{dataset} records {len(events)} event(s) in {where}; deaths (best estimate): {deaths}"
    breakdown = _breakdown(events)
    found += f" — {breakdown}." if breakdown else "."
    if spec.get("count") and claim.stated:
        observed = _raw_sum(events, spec["count"])
        label = spec.get("count_label") or " + ".join(spec["count"])
        return independent_figure(claim.stated, observed, what=label, found=found)
    if spec.get("occurrence"):
        return IndependentCheck(
            "corroborated", "occurrence", f"{found} The incident itself is corroborated."
        )
    return IndependentCheck(
        "no_independent_data",
        "none",
        f"{found} {spec.get('why_not', 'The stated figure is not a measure it records.')}",
    )


def _breakdown(events: list[Event]) -> str:
    """Deaths by side from the original rows, where the format records them (UCDP)."""
    rows = []
    for event in events:
        raw = event.raw or {}
        parts = [
            (raw.get("side_a") or "side A", raw.get("deaths_a")),
            (raw.get("side_b") or "side B", raw.get("deaths_b")),
            ("civilians", raw.get("deaths_civilians")),
            ("unknown", raw.get("deaths_unknown")),
        ]
        if any(value in (None, "") for _, value in parts[:3]):
            return ""
        shown = [f"{name} {value}" for name, value in parts if value not in (None, "", "0")]
        rows.append(", ".join(shown) or "none")
    return "deaths by side: " + "; ".join(rows)


def check_independently(claim: Claim, years: YearTotals | None = None) -> dict:
    """The independent verdict of ``claim``: corroborated, mixed, contradicted or
    no_independent_data, with the explanation, the datasets read and how they were compared.

    A dataset that is not imported gives "no independent data" (never an error).
    ``years`` shares the yearly totals between the claims of one check.
    """
    years = years or YearTotals()
    specs = claim.independent or []
    if not specs:
        return {
            "verdict": "no_independent_data",
            "explanation": "No independent dataset in this database covers this claim.",
            "datasets": [],
            "comparisons": [],
        }
    present = set(Dataset.objects.values_list("name", flat=True))
    checks = []
    for spec in specs:
        if spec["dataset"] not in present:
            checks.append(
                IndependentCheck(
                    "no_independent_data", "none", f"{spec['dataset']} is not imported."
                )
            )
        elif spec.get("incident"):
            checks.append(_incident_check(claim, spec))
        else:
            checks.append(_series_check(claim, spec, years))
    verdict, explanation = combine_independent(checks)
    return {
        "verdict": verdict,
        "explanation": explanation,
        "datasets": sorted({s["dataset"] for s in specs}),
        "comparisons": [c.comparison for c in checks],
    }
