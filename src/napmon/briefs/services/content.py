"""What a brief says: built from the database through the plan, API, events, analysis
and reporting services.

``build_brief(kind, period, lang, public_only)`` returns a ``Brief`` that the
templates render; every figure it quotes carries a numbered citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.formats import date_format

from napmon.briefs.errors import BriefError
from napmon.briefs.services import charts, sections
from napmon.briefs.services.labels import LANGS, labels
from napmon.briefs.services.rating_maps import rating_maps_section
from napmon.core.audit import data_changed_at
from napmon.core.i18n import isolate, localise_date
from napmon.indicators.models import IndicatorValue, Rating
from napmon.indicators.periods import PeriodError, parse_period
from napmon.plans.models import PointStatus
from napmon.plans.services import records
from napmon.plans.services.queries import default_plan, get_version, point_detail, version_overview
from napmon.plans.services.records import Filters

KINDS = ("scorecard", "review")
PIPS_SERIES = ("pips-terrorist-attacks", "pips-people-killed", "pips-casualties")
MAX_SINGLES = 6


class Citations:
    """Numbers sources in the order the brief first cites them."""

    def __init__(self):
        self.sources: list[dict] = []
        self._numbers: dict[str, int] = {}

    def cite(self, source: dict) -> str:
        key = source["key"]
        if key not in self._numbers:
            self.sources.append(source)
            self._numbers[key] = len(self.sources)
        return f"[{self._numbers[key]}]"


@dataclass
class Brief:
    kind: str
    lang: str
    text: dict
    plan: str
    version: str
    version_title: str
    data_as_of: str
    public_only: bool
    period_label: str | None = None
    bottom_line: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    outcomes: dict = field(default_factory=dict)
    in_period: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    claims: dict = field(default_factory=dict)
    reporting: dict = field(default_factory=dict)
    map: dict | None = None
    rating_maps: list[dict] = field(default_factory=list)

    @property
    def claims_available(self) -> bool:
        return bool(self.claims.get("rows"))

    @property
    def reviews_available(self) -> bool:
        return bool(self.reporting.get("reviews") or self.reporting.get("rates"))

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ur" else "ltr"

    @property
    def as_of_line(self) -> str:
        """ "Data as of 29 November 2026", the month named in the brief's language and the
        date isolated (U+2068 … U+2069) so its figures keep their order in Urdu."""
        when = date.fromisoformat(self.data_as_of)
        with translation.override(self.lang):
            shown = date_format(when, "j F Y")
        return self.text["data_as_of"].format(date=f"\u2068{shown}\u2069")

    @property
    def period_line(self) -> str:
        return self.text["period"].format(period=self.period_label) if self.period_label else ""

    @property
    def title(self) -> str:
        return self.text[f"{self.kind}_title"]


def _in_language(record, name: str, lang: str) -> str:
    """A record's text field in the brief's language (English when there is no Urdu)."""
    return (record.urdu(name) if lang == "ur" else "") or getattr(record, name)


def _latest_version(label: str | None):
    if label:
        return get_version(label)
    plan = default_plan()
    version = plan.versions.order_by("adopted_on", "label").last()
    if version is None:
        raise BriefError("The plan has no versions.", code="no_version")
    return version


def _scorecard_rows(version, public_only: bool, cites: Citations) -> list[dict]:
    rows = []
    for row in version_overview(version, public_only):
        figures = [{**fig, "cite": cites.cite(fig["source"])} for fig in row["latest_figures"][:3]]
        rows.append({**row, "figures": figures})
    return rows


def _points(version, public_only: bool, cites: Citations, lang: str = "en") -> list[dict]:
    """Each point with its indicators, their values (cited) and a chart per indicator."""
    out = []
    for point in version.points.order_by("number"):
        detail = point_detail(point, public_only)
        for indicator in detail["indicators"]:
            for value in indicator["values"]:
                value["cite"] = cites.cite(value["source"])
            indicator["chart"] = (
                charts.chart_data_uri(
                    charts.indicator_spec(
                        _name(indicator, lang), indicator["unit"], indicator["values"]
                    ),
                    lang,
                )
                if indicator["values"]
                else None
            )
        out.append(detail)
    return out


def _cites(first: dict, last: dict) -> str:
    return first["cite"] if first["cite"] == last["cite"] else first["cite"] + last["cite"]


def _name(indicator: dict, lang: str) -> str:
    return (indicator.get("name_ur") if lang == "ur" else "") or indicator["name"]


def _figure(value: dict, key: str, lang: str) -> str:
    """A value or period for a sentence: periods in the brief's language, both isolated."""
    text = localise_date(value[key]) if key == "period" else value[key]
    return isolate(text) if lang == "ur" else text


def _change_sentences(points: list[dict], text: dict, lang: str = "en") -> list[str]:
    changes, singles = [], []
    for detail in points:
        for ind in detail["indicators"]:
            national = [v for v in ind["values"] if v["geography"] == "PK"] or ind["values"]
            if len(national) >= 2:
                first, last = national[0], national[-1]
                changes.append(
                    text["bl_change"].format(
                        name=_name(ind, lang),
                        first=_figure(first, "display", lang),
                        first_period=_figure(first, "period", lang),
                        last=_figure(last, "display", lang),
                        last_period=_figure(last, "period", lang),
                        cite=_cites(first, last),
                    )
                )
            elif len(national) == 1 and ind["direction"] != "neutral":
                value = national[0]
                singles.append(
                    text["bl_single"].format(
                        name=_name(ind, lang),
                        value=_figure(value, "display", lang),
                        period=_figure(value, "period", lang),
                        cite=value["cite"],
                    )
                )
    return changes + singles[:MAX_SINGLES]


def _points_sentence(brief: Brief, cites: Citations) -> str:
    text = brief.text
    rated = [r for r in brief.rows if r["rating"]]
    counts: dict[str, int] = {}
    for row in rated:
        counts[row["rating"]["rating"]] = counts.get(row["rating"]["rating"], 0) + 1
        cites.cite(row["rating"]["source"])
    ratings = (
        ", ".join(f"{n} {text['rating_names'].get(k, k)}" for k, n in sorted(counts.items()))
        or text["none"]
    )
    citations = "".join(sorted({cites.cite(r["rating"]["source"]) for r in rated}))
    return text["bl_points"].format(
        version=brief.version,
        points=len(brief.rows),
        statused=sum(1 for r in brief.rows if r["status"]),
        rated=len(rated),
        ratings=ratings,
    ) + (f" {citations}" if citations else "")


def _outcomes(public_only: bool, cites: Citations, text: dict, lang: str = "en") -> dict:
    """Event counts by year of one dataset (the default one: never datasets added up) with
    what it counts, its licence and citation; else the PIPS series of the dataset."""
    from napmon.analysis.services import dataset_info, default_dataset
    from napmon.analysis.services.visible import summary_document as event_summary

    dataset = default_dataset()
    if dataset:
        info = dataset_info(dataset)
        summary = event_summary("year", {"dataset": dataset}, public_only)
        rows = [r for r in summary["rows"] if r["key"] != "unknown"]
        # One measure on the chart (events); killed is in the table.
        trend = [
            {"year": r["key"], "series": dataset, "value": r["events"]}
            for r in rows
            if not r["suppressed"]
        ]
        chart = (
            charts.chart_data_uri(charts.trend_spec(text["outcomes"], trend, text["events"]), lang)
            if trend
            else None
        )
        provenance = text["outcomes_dataset"].format(
            name=info["name"],
            measure=info["measure"],
            licence=info["licence"] or "—",
            citation=info["citation"] or info["producer"] or "—",
        )
        return {
            "source": "events",
            "note": f"{text['outcomes_events']} {provenance}",
            "chart": chart,
            "table": [
                {"label": r["key"], "events": r["events"], "killed": r["killed"]} for r in rows
            ],
        }
    trend, table = [], []
    for slug in PIPS_SERIES:
        for value in records.values(Filters(indicator=slug), public_only):
            record = records.value_record(value)
            cite = cites.cite(record["source"])
            trend.append(
                {
                    "year": value.period_label,
                    "series": _in_language(value.indicator, "name", lang),
                    "value": record["value"],
                }
            )
            table.append(
                {
                    "label": _in_language(value.indicator, "name", lang),
                    "period": record["period"],
                    "display": record["display"],
                    "cite": cite,
                }
            )
    attacks = [r for r in trend if r["series"] == trend[0]["series"]] if trend else []
    chart = (
        charts.chart_data_uri(charts.trend_spec(text["outcomes"], attacks, ""), lang)
        if attacks
        else None
    )
    return {"source": "pips", "note": text["outcomes_pips"], "chart": chart, "table": table}


INFERENCE_DATASET = "UCDP GED"


def _conclusion(lang: str) -> dict:
    """The same conclusion and caveats as the ``/outcomes/`` page: the ITS at NAP on the
    built-in UCDP GED data (verdict and sentence), or none when it is not loaded or the
    data cannot support the model; the caveats in the brief's language."""
    from django.utils import translation

    from napmon.analysis import services as analysis
    from napmon.analysis.errors import AnalysisError
    from napmon.analysis.result_texts import its_text
    from napmon.events.models import Dataset

    with translation.override(lang):
        caveats = analysis.caveats()
    conclusion = None
    if Dataset.objects.filter(name=INFERENCE_DATASET, events__isnull=False).exists():
        try:
            with translation.override(lang):
                doc = analysis.its_report(
                    {"dataset": INFERENCE_DATASET}, intervention="nap-adopted"
                )
                sentence = its_text(doc)  # the page's wording, in the brief's language
        except AnalysisError:
            doc = None
        if doc:
            conclusion = {"verdict": doc["verdict"]["sentence"], "sentence": sentence}
    return {"conclusion": conclusion, "caveats": caveats}


def _period(period_text: str | None):
    if period_text:
        try:
            return parse_period(period_text)
        except PeriodError as exc:
            raise BriefError(str(exc), code="invalid_period", field="period") from exc
    latest = max(
        [
            d
            for d in (
                IndicatorValue.objects.order_by("-period_end")
                .values_list("period_end", flat=True)
                .first(),
                Rating.objects.order_by("-date").values_list("date", flat=True).first(),
                PointStatus.objects.order_by("-date").values_list("date", flat=True).first(),
            )
            if d
        ]
        or [date.today()]
    )
    return parse_period(f"{latest.year}-H{1 if latest.month <= 6 else 2}")


def build_brief(
    kind: str,
    period: str | None = None,
    lang: str = "en",
    *,
    public_only: bool = True,
    version: str | None = None,
) -> Brief:
    """The content of a scorecard or six-monthly review brief.

    Raises ``BriefError`` (unknown_kind, unknown_language, invalid_period) and
    ``NotFoundError`` for an unknown version.
    """
    if kind not in KINDS:
        raise BriefError(
            f"No brief {kind!r}; use scorecard or review.", code="unknown_kind", field="kind"
        )
    if lang not in LANGS:
        raise BriefError(
            f"No language {lang!r}; use en or ur.", code="unknown_language", field="lang"
        )
    text = labels(lang)
    plan_version = _latest_version(version)
    cites = Citations()
    brief = Brief(
        kind=kind,
        lang=lang,
        text=text,
        plan=_in_language(plan_version.plan, "name", lang),
        version=plan_version.label,
        version_title=_in_language(plan_version, "title", lang),
        data_as_of=data_changed_at()[:10],
        public_only=public_only,
    )
    brief.rows = _scorecard_rows(plan_version, public_only, cites)
    brief.bottom_line.append(_points_sentence(brief, cites))
    if kind == "review":
        chosen = _period(period)
        brief.period_label = chosen.label
        found = records.values(
            Filters(period=f"{chosen.start:%Y-%m}..{chosen.end:%Y-%m}"), public_only
        )
        brief.in_period = [
            {
                **records.value_record(v),
                "indicator_name": _in_language(v.indicator, "name", lang),
                "cite": "",
            }
            for v in found
        ]
        for row in brief.in_period:
            row["cite"] = cites.cite(row["source"])
        brief.bottom_line.append(
            text["bl_period"].format(count=len(brief.in_period), period=chosen.label)
        )
        brief.reporting = sections.reporting_section(chosen.start, chosen.end, cites, text)
        brief.bottom_line += sections.reporting_sentences(brief.reporting, text)
    with translation.override(lang):
        brief.points = _points(plan_version, public_only, cites, lang)
        for detail in brief.points:
            for indicator in detail["indicators"]:
                progress = indicator["progress"]
                progress["label"] = text[f"progress_{progress['status']}"]
            sections.point_funding_and_actions(detail, cites, text)
        brief.bottom_line += _change_sentences(brief.points, text, lang)
    brief.outcomes = _outcomes(public_only, cites, text, lang)
    brief.map = sections.map_section(text, lang, public_only)
    if kind == "scorecard":
        brief.rating_maps = rating_maps_section(plan_version, lang, public_only)
    brief.outcomes.update(_conclusion(lang))
    brief.claims = sections.claims_section(cites, text, public_only)
    if brief.claims["summary"]:
        count, verdicts = len(brief.claims["rows"]), brief.claims["summary"]
        brief.bottom_line.append(text["bl_claims"].format(count=count, verdicts=verdicts))
    brief.sources = cites.sources
    return brief
