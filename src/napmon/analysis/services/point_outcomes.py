"""The outcome change a six-monthly review shows for a point, read through the point's
declared outcome links (``plans.OutcomeLink``, from the dataset file's ``outcome_links``).

The review (``reporting.services.evidence_base``) imports :func:`outcome_trend_for_point`
directly. The change compares the review's half-year with the one before, on the linked
dataset and measure, only when the dataset covers both halves; otherwise it says why there
is no outcome change. Method: docs/rating-rubric.md, "Outcome trend".
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from napmon.analysis.compute.halves import (
    covers,
    half_label,
    half_start_end,
    half_year_change,
    previous_half,
)
from napmon.analysis.services.summaries import summary_totals
from napmon.core import geography
from napmon.events.models import Event
from napmon.plans.models import OutcomeLink

CAVEAT = gettext_noop("association, not proof of cause")


def _coverage(dataset: str) -> tuple[date, date] | None:
    span = Event.objects.filter(dataset__name=dataset, status=Event.Status.ACTIVE).aggregate(
        first=Min("date"), last=Max("date")
    )
    if span["first"] is None:
        return None
    # A dataset covers whole years: GED's extract runs from 1 January 1989 to 31 December 2019.
    return date(span["first"].year, 1, 1), date(span["last"].year, 12, 31)


def _value(link: OutcomeLink, year: int, half: int) -> float | None:
    start, end = half_start_end(year, half)
    filters = {"dataset": link.dataset, "date_from": start, "date_to": end}
    if link.province:
        filters["province"] = link.province
    value = summary_totals(filters).get(link.measure)
    return None if value is None else float(value)


def _measure_label(link: OutcomeLink) -> str:
    what = _("deaths (best estimate)") if link.measure == "killed" else _("events")
    if link.province:
        place = geography.BY_CODE[link.province].name
        return _("%(dataset)s %(what)s in %(place)s") % {
            "dataset": link.dataset,
            "what": what,
            "place": place,
        }
    return _("%(dataset)s %(what)s in Pakistan") % {"dataset": link.dataset, "what": what}


def outcome_trend_for_point(point, start: date, end: date) -> dict | None:
    """The outcome change of ``point`` in the half-year [start, end] against the half before.

    ``None`` when the point declares no outcome link. Otherwise a dict with the link
    (dataset, measure, province, rationale, source), ``half`` and ``previous_half``
    labels, ``value`` and ``previous``, ``change_pct`` (None when there is no data for
    either half, with ``reason``), ``direction``, ``label`` and ``caveat``. Only the first
    declared link feeds the rubric; the others are listed under ``others``.
    """
    links = list(OutcomeLink.objects.filter(point=point).select_related("source"))
    if not links:
        return None
    year, half = start.year, 1 if start.month <= 6 else 2
    result = _trend(links[0], year, half)
    result["others"] = [_trend(link, year, half) for link in links[1:]]
    return result


def _trend(link: OutcomeLink, year: int, half: int) -> dict:
    before = previous_half(year, half)
    coverage = _coverage(link.dataset)
    row = {
        "dataset": link.dataset,
        "measure": link.measure,
        "province": link.province or None,
        "label": _measure_label(link),
        "rationale": link.rationale,
        "source": link.source.citation(),
        "direction": link.direction,
        "half": half_label(year, half),
        "previous_half": half_label(*before),
        "value": None,
        "previous": None,
        "change_pct": None,
        "caveat": _(CAVEAT),
        "coverage": [d.isoformat() for d in coverage] if coverage else None,
        "reason": "",
    }
    if coverage is None:
        row["reason"] = _("%(dataset)s is not imported, so there is no outcome data.") % {
            "dataset": link.dataset
        }
        return row
    if not (covers(coverage, year, half) and covers(coverage, *before)):
        row["reason"] = _(
            "%(dataset)s covers %(first)s to %(last)s, so it has no data for %(half)s "
            "against %(previous)s; no outcome change is used."
        ) % {
            "dataset": link.dataset,
            "first": coverage[0].year,
            "last": coverage[1].year,
            "half": row["half"],
            "previous": row["previous_half"],
        }
        return row
    row["value"], row["previous"] = _value(link, year, half), _value(link, *before)
    row["change_pct"], reason = half_year_change(row["previous"], row["value"])
    row["reason"] = reason
    return row
