"""The claims-ledger and reporting sections of a brief.

Both read through the services of their apps: ``analysis.services`` checks each claim
against the data, ``reporting.services`` gives the reporting rates; the finalised
reviews of the period are read from the reporting models (their ratings are public
once finalised). Every quoted source goes through the brief's ``Citations``.
"""

from __future__ import annotations

from datetime import date

from napmon.analysis import maps
from napmon.analysis.errors import AnalysisError
from napmon.analysis.services import check_claim_record, list_claims
from napmon.analysis.services import maps as map_services
from napmon.analysis.services.claims import WITHHELD, restricted_subjects, withhold_restricted
from napmon.plans.services.queries import source_dict
from napmon.reporting import explain
from napmon.reporting.models import Period, Review
from napmon.reporting.services import reporting_rates
from napmon.reporting.services.actions import list_actions
from napmon.reporting.services.evidence_base import half_bounds
from napmon.reporting.services.funding import list_funding


def format_number(value: float | None) -> str:
    """``14535.0`` → ``14,535``; ``-48.18`` stays; ``None`` → ``""``."""
    if value is None:
        return ""
    if float(value).is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def _count_text(counts: dict[str, int], names: dict[str, str]) -> str:
    return ", ".join(f"{n} {names.get(v, v)}" for v, n in counts.items() if n)


def claims_section(cites, text: dict, public_only: bool = True) -> dict:
    """Each claim of the ledger with its two verdicts (consistency with its own document,
    independent evidence), stated and computed figure, and source.

    A claim the checker cannot read (``AnalysisError``) is listed as unverifiable with
    the reason, so one bad record does not stop the brief. In the public edition a claim
    resting on restricted figures shows no consistency check (as in the API).
    """
    rows = []
    counts = {"consistency": {}, "independent": {}}
    hidden = restricted_subjects() if public_only else set()
    for claim in list_claims():
        try:
            checked = withhold_restricted(
                check_claim_record(claim), claim.subject, hidden, WITHHELD
            )
            consistency = checked["consistency"]["verdict"]
            independent = checked["independent"]["verdict"]
            computed, stated = checked["computed"], checked["stated"]
            explanation = checked["explanation"]
        except AnalysisError as exc:
            consistency, independent = "unverifiable", "no_independent_data"
            computed, stated, explanation = None, claim.stated, exc.message
        for name, verdict in (("consistency", consistency), ("independent", independent)):
            counts[name][verdict] = counts[name].get(verdict, 0) + 1
        rows.append(
            {
                "key": claim.key,
                "text": claim.text,
                "consistency": consistency,
                "consistency_label": text["consistency_names"].get(consistency, consistency),
                "independent": independent,
                "independent_label": text["independent_names"].get(independent, independent),
                "stated": stated,
                "computed": format_number(computed),
                "explanation": explanation,
                "cite": cites.cite(source_dict(claim.source)),
            }
        )
    summary = ""
    if rows:
        summary = text["claims_counts"].format(
            consistency=_count_text(
                _ordered(counts["consistency"], text["consistency_names"]),
                text["consistency_names"],
            ),
            independent=_count_text(
                _ordered(counts["independent"], text["independent_names"]),
                text["independent_names"],
            ),
        )
    return {"rows": rows, "counts": counts, "summary": summary}


def _ordered(counts: dict[str, int], names: dict[str, str]) -> dict[str, int]:
    return {v: counts[v] for v in names if v in counts}


def _overlaps(review: Review, start: date, end: date) -> bool:
    first, last = half_bounds(review.year, review.half)
    return first <= end and last >= start


def _review_block(review: Review, cites, text: dict) -> dict:
    rows = list(review.points.select_related("point__version").order_by("point__number"))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.rating] = counts.get(row.rating, 0) + 1
    cite = cites.cite(source_dict(review.source)) if review.source_id else ""
    return {
        "label": review.label,
        "cite": cite,
        "dissents": sum(1 for r in rows if r.dissent.strip()),
        "ratings": ", ".join(
            f"{n} {text['rating_names'].get(k, k)}" for k, n in sorted(counts.items())
        ),
        "rows": [
            {
                "number": r.point.number,
                "version": r.point.version.label,
                "title": r.point.title,
                "rating": text["rating_names"].get(r.rating, r.rating),
                "rationale": r.rationale,
                "dissent": bool(r.dissent.strip()),
            }
            for r in rows
        ],
    }


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.0f}%"


def reporting_section(start: date, end: date, cites, text: dict) -> dict:
    """The finalised reviews of half-years overlapping [start, end] and the reporting
    rates of the months in it (demo reports left out)."""
    reviews = [
        _review_block(r, cites, text)
        for r in Review.objects.filter(state=Review.State.FINALISED).order_by("year", "half")
        if _overlaps(r, start, end)
    ]
    rates = []
    for period in Period.objects.filter(month__range=(start, end)).order_by("month"):
        found = reporting_rates(period, include_demo=False)
        rates.append(
            {
                "period": found["period"],
                "expected": found["expected"],
                "submitted": found["submitted"],
                "on_time": found["on_time"],
                "approved": found["approved"],
                "submitted_rate": _percent(found["submitted_rate"]),
                "on_time_rate": _percent(found["on_time_rate"]),
                "approved_rate": _percent(found["approved_rate"]),
            }
        )
    return {"reviews": reviews, "rates": rates}


def reporting_sentences(section: dict, text: dict) -> list[str]:
    """Bottom-line sentences: each review's ratings and dissents, then the rates."""
    lines = [
        text["bl_review"]
        .format(
            label=block["label"],
            points=len(block["rows"]),
            ratings=block["ratings"] or text["none"],
            dissents=block["dissents"],
            cite=block["cite"],
        )
        .strip()
        for block in section["reviews"]
    ]
    if section["rates"]:
        lines.append(
            text["bl_rates"].format(
                months=len(section["rates"]),
                submitted=sum(r["submitted"] for r in section["rates"]),
                expected=sum(r["expected"] for r in section["rates"]),
                on_time=sum(r["on_time"] for r in section["rates"]),
                approved=sum(r["approved"] for r in section["rates"]),
            )
        )
    return lines


def map_section(text: dict, lang: str, public_only: bool) -> dict | None:
    """A province map (SVG data URI) of the default event dataset over all its years, with
    its table; None when no events are loaded.

    The public edition draws provinces with fewer than ``small_cell_k`` events without a
    figure, as the public event aggregates do.
    """
    from napmon.briefs.services import charts
    from napmon.core.visibility import small_cell_k as public_k

    small_cell_k = public_k()
    dataset = map_services.default_dataset()
    years = map_services.dataset_years(dataset) if dataset else None
    if not years:
        return None
    result = map_services.province_map(
        dataset, date_from=date(years[0], 1, 1), date_to=date(years[1], 12, 31), lang=lang
    )
    hidden = set()
    if public_only:
        hidden = {r["code"] for r in result["rows"] if r["events"] and r["events"] < small_cell_k}
    shapes = [{**s, "value": None if s["code"] in hidden else s["value"]} for s in result["shapes"]]
    period = f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0])
    title = text["map_title"].format(period=period, dataset=dataset)
    spec = maps.choropleth(
        shapes,
        measure_label=text["events"],
        title=title,
        description=title,
        width=420,
        height=320,
    )
    spec["config"]["font"] = charts.FONT
    rows = [
        {
            "label": r["label"],
            "events": None if r["code"] in hidden else r["events"],
            "killed": None if r["code"] in hidden else r["killed"],
        }
        for r in result["rows"]
    ]
    notes = [text["map_note"]]
    if result["unknown"]:
        notes.append(text["map_unknown"].format(n=result["unknown"]["events"]))
    if hidden:
        notes.append(text["map_small"].format(k=small_cell_k))
    return {"title": title, "svg": charts.chart_data_uri(spec, lang), "rows": rows, "notes": notes}


def point_funding_and_actions(detail: dict, cites, text: dict) -> None:
    """Add a point's funding figures (cited; none means "no figure", never 0) and its
    published actions with their overdue markers to the point's ``detail``."""
    figures = list_funding(version=detail["version"], point=detail["number"])
    for figure in figures:
        figure["cite"] = cites.cite(figure["source"]) if figure["source"] else ""
        figure["kind_label"] = text[figure["kind"]]
        figure["amount_display"] = explain.figure(figure["amount"])
        figure["year"] = figure["fiscal_year_label"] or text["fy_not_given"]
    detail["funding"] = figures
    detail["actions"] = list_actions(None, version=detail["version"], point=detail["number"])
