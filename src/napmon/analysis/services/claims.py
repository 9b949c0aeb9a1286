"""Checking the claims ledger against the data.

Each claim names a subject (an indicator, an event series or a plan version) and periods.
The service reads the figures (indicator values from the database, event counts from the
summary tables, point counts from the plan register) and hands them to the pure verdict
functions (:func:`napmon.analysis.compute.claims.check_claim`,
:mod:`napmon.analysis.compute.directions`). Method and verdict rules: docs/analysis.md.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from napmon.analysis.compute.claims import (
    WORD_RATIOS,
    ClaimCheck,
    check_claim,
    check_date,
    consistency_verdict,
)
from napmon.analysis.compute.directions import DIRECTIONS, check_direction, check_maximum
from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import Claim, Intervention
from napmon.analysis.services.claims_independent import YearTotals, check_independently
from napmon.analysis.services.summaries import summary_totals
from napmon.events.models import Dataset
from napmon.indicators.models import Indicator, IndicatorValue, Source, Visibility
from napmon.plans.models import Point

SAME_DOCUMENT = (
    " The figures were recorded from the same document, so this checks "
    "consistency, not independent confirmation."
)
PLAN_REGISTER = (
    " The plan register was recorded from the documents themselves, so this checks "
    "consistency, not independent confirmation."
)


def consistency_labels() -> dict[str, str]:
    """What each consistency verdict means, for pages, briefs and the CLI."""
    return {
        "matches": _("matches its source"),
        "approximate": _("roughly matches its source"),
        "does_not_match": _("does not match its source"),
        "unverifiable": _("cannot be checked against its source"),
    }


def independent_labels() -> dict[str, str]:
    """What each independent verdict means, for pages, briefs and the CLI."""
    return {
        "corroborated": _("corroborated"),
        "mixed": _("partly corroborated"),
        "contradicted": _("contradicted"),
        "no_independent_data": _("no independent data"),
    }


@dataclass
class Figure:
    """One figure read for a claim: its value (None when missing) and where it came from."""

    value: float | None
    label: str
    days: int | None = None
    sources: set = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _document(source) -> tuple[str, str]:
    """A document is its publisher and title: locator variants of one paper are one document."""
    return (source.publisher, source.title)


def _claim_prefix(key: str) -> str:
    return _("Claim '%(key)s':") % {"key": key}


def _period_bounds(period: str) -> tuple[date, date]:
    try:
        if len(period) == 4:
            year = int(period)
            return date(year, 1, 1), date(year, 12, 31)
        year, month = (int(p) for p in period.split("-"))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        raise AnalysisError(
            _("'%(period)s' is not a year (YYYY) or a month (YYYY-MM).") % {"period": period},
            code="invalid_claim",
            field="period",
        ) from None


def _indicator_figure(slug: str, period: str, public_only: bool = False) -> Figure:
    values = IndicatorValue.objects.select_related("source__cited_in").filter(
        indicator__slug=slug, period_label=period
    )
    if public_only:
        # A public reader's verdict must not rest on (and so reveal) restricted figures.
        values = values.filter(visibility="public", indicator__visibility="public")
    value = values.filter(geography="PK").first() or values.first()
    if value is None:
        return Figure(None, f"{slug} has no {'public ' if public_only else ''}value for {period}")
    days = (value.period_end - value.period_start).days + 1
    sources = {_document(value.source)}
    if value.source.cited_in:
        sources.add(_document(value.source.cited_in))
    return Figure(float(value.value), f"{slug} {period} = {value.display_value()}", days, sources)


def _event_figure(spec: dict, period: str, dataset: str) -> Figure:
    start, end = _period_bounds(period)
    filters = {"dataset": dataset, "date_from": start, "date_to": end}
    for name in ("province", "event_type", "fold_fata"):
        if spec.get(name):
            filters[name] = spec[name]
    totals = summary_totals(filters)
    measure = spec.get("measure", "events")
    value = float(totals[measure])
    notes = []
    if measure != "events" and totals[f"{measure}_unknown"]:
        notes.append(
            f"{totals[f'{measure}_unknown']} events in {period} have no {measure} "
            "figure, so the count is a lower bound"
        )
    return Figure(
        value,
        f"{dataset} {measure} in {period} = {value:,.0f}",
        (end - start).days + 1,
        notes=notes,
    )


def _events_dataset(spec: dict, periods: list[str]) -> str | None:
    if spec.get("dataset"):
        return spec["dataset"]
    for name in Dataset.objects.order_by("name").values_list("name", flat=True):
        if all(
            summary_totals(
                {
                    "dataset": name,
                    "date_from": _period_bounds(p)[0],
                    "date_to": _period_bounds(p)[1],
                }
            )["events"]
            for p in periods
        ):
            return name
    return None


def _plan_figure(subject: dict) -> tuple[Figure, int]:
    points = Point.objects.filter(version__label=str(subject["plan_points"]))
    category = subject.get("category")
    if not category:
        return Figure(
            float(points.count()), f"plan {subject['plan_points']} has {points.count()} points"
        ), 0
    count = points.filter(category=category).count()
    unknown = points.filter(category=Point.Category.UNKNOWN).count()
    label = (
        f"{count} of the {points.count()} points of plan {subject['plan_points']} are "
        f"classified {category.replace('_', '-')}, {unknown} unclassified"
    )
    return Figure(float(count), label), unknown


def _figures(claim: Claim, public_only: bool = False) -> dict[str, Figure] | Figure:
    """The figures a claim needs, keyed by period; a Figure with the reason when none."""
    subject = claim.subject or {}
    periods = [p for p in (claim.old_period, claim.new_period) if p]
    if claim.kind == "maximum":
        first, last = int(claim.old_period), int(claim.new_period)
        periods = [str(y) for y in range(first, last + 1)]
    if "indicator" in subject:
        return {p: _indicator_figure(subject["indicator"], p, public_only) for p in periods}
    if "events" in subject:
        spec = subject["events"] or {}
        dataset = _events_dataset(spec, periods)
        if dataset is None:
            return Figure(None, f"no imported event dataset has events in {' and '.join(periods)}")
        return {p: _event_figure(spec, p, dataset) for p in periods}
    raise AnalysisError(
        _("Claim '%(key)s' has no subject the checker knows.") % {"key": claim.key},
        code="invalid_claim",
        field="subject",
    )


def _verdict(claim: Claim, figures: dict[str, Figure]) -> ClaimCheck:
    old = figures.get(claim.old_period) if claim.old_period else None
    new = figures.get(claim.new_period) if claim.new_period else None
    precision = float(claim.precision) if claim.precision is not None else None
    if claim.kind == "maximum":
        return check_maximum({p: f.value for p, f in figures.items()}, claim.stated)
    if claim.kind in DIRECTIONS:
        return check_direction(claim.kind, old.value, new.value)
    if claim.kind in ("level", "rate_per_day"):
        return check_claim(
            claim.kind, claim.stated or None, precision=precision, level=new.value, days=new.days
        )
    return check_claim(
        claim.kind,
        None if claim.kind in WORD_RATIOS else claim.stated,
        precision=precision,
        old=old.value,
        new=new.value,
    )


def _plan_verdict(claim: Claim) -> tuple[ClaimCheck, Figure]:
    figure, unknown = _plan_figure(claim.subject)
    check = check_claim("level", claim.stated, level=figure.value)
    stated = float(claim.stated)
    if check.verdict != "verified" and unknown and figure.value <= stated <= figure.value + unknown:
        check = ClaimCheck(
            "level",
            "unverifiable",
            figure.value,
            stated,
            1.0,
            f"Only {figure.value:.0f} points are classified so; {unknown} are "
            "not classified, so the stated count can be neither confirmed nor "
            "ruled out.",
        )
    return check, figure


def _recorded_date(claim: Claim) -> tuple[str | None, str, str]:
    """The date recorded for a dated fact: (date text, precision, what it was read from)."""
    subject = claim.subject or {}
    if "intervention" in subject:
        item = Intervention.objects.filter(key=subject["intervention"]).first()
        if item is None:
            return None, "day", f"no intervention '{subject['intervention']}'"
        return item.date.isoformat(), item.date_precision, f"{item.label} = {item.period_label()}"
    if "source_date" in subject:
        source = Source.objects.filter(key=subject["source_date"]).first()
        if source is None or not source.date:
            return None, "day", f"no date for source '{subject['source_date']}'"
        return source.date, "day", f"{source} dated {source.date}"
    if "point_text" in subject:
        version, number = str(subject["point_text"]).split("/")
        point = Point.objects.filter(version__label=version, number=int(number)).first()
        text = f"{point.title} {point.description}" if point else ""
        found = claim.stated if claim.stated and claim.stated in text else None
        return (
            found,
            "year",
            f"point {subject['point_text']}: {point.description if point else '—'}",
        )
    raise AnalysisError(
        _("Claim '%(key)s' has no subject the checker knows.") % {"key": claim.key},
        code="invalid_claim",
        field="subject",
    )


def _date_verdict(claim: Claim) -> tuple[ClaimCheck, str]:
    recorded, precision, label = _recorded_date(claim)
    try:
        return check_date(claim.stated, recorded, precision), label
    except ComputeError as exc:
        raise AnalysisError.from_compute(exc, _claim_prefix(claim.key)) from exc


def _stated_label(claim: Claim) -> str:
    """The stated figure; for word claims the word; a dash when no figure is stated (a
    level claim whose printed figure is ambiguous, such as "9,00 km")."""
    if claim.stated:
        return claim.stated
    return "—" if claim.kind in ("level", "rate_per_day") else claim.kind.replace("_", " ")


def check_claim_record(
    claim: Claim, public_only: bool = False, years: YearTotals | None = None
) -> dict:
    """Check one claim; return a JSON-ready row with the verdict and its explanation.

    Row fields: id, key, text, source (citation), source_key, source_url, locator, kind,
    subject, verdict, stated, computed, explanation, inputs (the figures read) and note.
    A figure that is missing gives the verdict "unverifiable", never an error; with
    ``public_only`` restricted indicator values count as missing. Raises
    AnalysisError ``invalid_claim`` for a claim whose subject or periods cannot be read.
    """
    subject = claim.subject or {}
    same_document = False
    if "plan_points" in subject:
        check, figure = _plan_verdict(claim)
        inputs = [figure.label]
        sources: set = set()
    elif claim.kind == "date":
        check, label = _date_verdict(claim)
        inputs, sources = [label], set()
        same_document = True
    else:
        figures = _figures(claim, public_only)
        if isinstance(figures, Figure):
            check = ClaimCheck(
                claim.kind, "unverifiable", None, None, None, f"Cannot be checked: {figures.label}."
            )
            inputs, sources = [figures.label], set()
        else:
            try:
                check = _verdict(claim, figures)
            except ComputeError as exc:
                raise AnalysisError.from_compute(exc, _claim_prefix(claim.key)) from exc
            inputs = [f.label for f in figures.values()]
            sources = set().union(*(f.sources for f in figures.values()))
            extra = [n for f in figures.values() for n in f.notes]
            if extra:
                check = ClaimCheck(
                    check.kind,
                    check.verdict,
                    check.computed,
                    check.stated,
                    check.precision,
                    f"{check.explanation} Note: {'; '.join(extra)}.",
                )
    explanation = f"{check.explanation} Data: {'; '.join(inputs)}."
    if "plan_points" in subject:
        explanation += PLAN_REGISTER
    elif same_document or _document(claim.source) in sources:
        explanation += SAME_DOCUMENT
    consistency, independent = _two_verdicts(claim, check, explanation, years)
    return {
        "id": claim.pk,
        "key": claim.key,
        "text": claim.text,
        "source": claim.source.citation(),
        "source_key": claim.source.key,
        "source_url": claim.source.url,
        "locator": claim.locator,
        "kind": claim.kind,
        "subject": claim.subject,
        "verdict": check.verdict,
        "consistency": consistency,
        "independent": independent,
        "stated": _stated_label(claim),
        "computed": None if check.computed is None else round(check.computed, 4),
        "explanation": explanation,
        "inputs": inputs,
        "note": claim.note,
    }


def _two_verdicts(
    claim: Claim, check: ClaimCheck, explanation: str, years: YearTotals | None = None
) -> tuple[dict, dict]:
    """Split the check into consistency with the claim's own document and independent
    evidence. A claim about an event series names no figures of its own document: the
    event check is then the independent one (its dataset is not the claim's source)."""
    labels, ind_labels = consistency_labels(), independent_labels()
    if "events" in (claim.subject or {}):
        consistency = {
            "verdict": "unverifiable",
            "label": labels["unverifiable"],
            "explanation": "The document gives no figures for this claim to be checked against.",
        }
        verdict = {"verified": "corroborated", "approximate": "corroborated"}.get(
            check.verdict, "contradicted" if check.verdict == "contradicted" else None
        ) or "no_independent_data"
        independent = {
            "verdict": verdict,
            "explanation": explanation,
            "datasets": [],
            "comparisons": ["figure"] if verdict != "no_independent_data" else ["none"],
        }
    else:
        verdict = consistency_verdict(check.verdict)
        consistency = {"verdict": verdict, "label": labels[verdict], "explanation": explanation}
        independent = check_independently(claim, years)
    independent["label"] = ind_labels[independent["verdict"]]
    return consistency, independent


def verdict_counts(rows: list[dict], which: str) -> dict[str, int]:
    """How many rows have each ``which`` ("consistency" or "independent") verdict, keyed
    by its label, in the order of the verdicts (only verdicts that occur)."""
    labels = consistency_labels() if which == "consistency" else independent_labels()
    counts = {code: 0 for code in labels}
    for row in rows:
        counts[row[which]["verdict"]] += 1
    return {labels[code]: n for code, n in counts.items() if n}


def list_claims() -> list[Claim]:
    """Every claim of the ledger, in document order."""
    return list(Claim.objects.select_related("source__cited_in"))


def check_claims(keys: list[str] | None = None, public_only: bool = False) -> list[dict]:
    """Check every claim (or those with the given keys); rows as :func:`check_claim_record`.

    ``public_only`` computes from public figures only, for readers who may not see
    restricted material.
    """
    claims = list_claims()
    if keys:
        claims = [c for c in claims if c.key in set(keys)]
        missing = sorted(set(keys) - {c.key for c in claims})
        if missing:
            raise AnalysisError(
                _("There is no claim '%(key)s'.") % {"key": missing[0]},
                code="not_found",
                field="claim",
            )
    years = YearTotals()
    return [check_claim_record(c, public_only, years) for c in claims]


# --- what a public reader may see of a claim -------------------------------------------


def restricted_subjects() -> set[str]:
    """Slugs of indicators that are restricted or have a restricted value.

    The claim checker reads every value of an indicator; a public caller must not learn a
    restricted figure from a claim's computed value, inputs or verdict.
    """
    restricted = Indicator.objects.filter(visibility=Visibility.RESTRICTED).values_list(
        "slug", flat=True
    )
    with_values = IndicatorValue.objects.filter(visibility=Visibility.RESTRICTED).values_list(
        "indicator__slug", flat=True
    )
    return set(restricted) | set(with_values)


def withhold_restricted(row: dict, subject: dict, hidden: set[str], message: str) -> dict:
    """``row`` with its check withheld when the claim's indicator is in ``hidden``."""
    if (subject or {}).get("indicator") not in hidden:
        return row
    consistency = {**row["consistency"], "verdict": "unverifiable", "explanation": message}
    consistency["label"] = consistency_labels()["unverifiable"]
    return {
        **row,
        "verdict": "unverifiable",
        "consistency": consistency,
        "computed": None,
        "explanation": message,
        "inputs": [],
    }


WITHHELD = "The figures behind this claim include restricted material, so the check is withheld."
