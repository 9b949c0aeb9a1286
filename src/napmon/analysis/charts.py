"""Vega-Lite specifications built in Python; the browser draws them with vega-embed.

Each builder returns a plain dict (JSON-ready) with the data inline, so a page embeds it
in a ``<script type="application/json">`` element and ``static/analysis/charts.js`` draws
it (no inline script: the pages work under ``script-src 'self'``). Interventions are
layered on time charts as rule marks with numbered labels that never overprint.

Rules that keep the charts honest: one measure per chart (its own axis); yearly totals
as bars spanning their year; no line across a period without data (lines break into
segments); unknown values are not drawn (and the table shows a dash).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH = "container"
MARKER_COLOUR = "#8a2d2d"
BAR_COLOUR = "#2b5d8a"
LABEL_SLOTS = 30  # labels in one lane stay at least 1/30 of the time axis apart
LANE_HEIGHT = 12  # pixels between lanes of intervention labels


def _base(title: str, description: str) -> dict:
    return {
        "$schema": SCHEMA,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": 260,
        "config": {"view": {"stroke": None}},
    }


def local_label(obj, name: str = "label") -> str:
    """Plain text of ``obj.name`` in the active language: the Urdu twin ``<name>_ur`` on an
    Urdu page (followed by "*" while no Urdu speaker has reviewed it, as the pages mark
    it), else the English text. Charts draw text, not HTML, so the mark is an asterisk."""
    english = getattr(obj, name, "") or ""
    urdu = getattr(obj, f"{name}_ur", "") if (get_language() or "").startswith("ur") else ""
    if not urdu:
        return english
    return urdu if getattr(obj, "ur_reviewed", False) else f"{urdu} *"


def label_lanes(days: Sequence[int], *, min_gap: float) -> list[int]:
    """A lane (row) for each label at position ``days`` (sorted) so that no two labels
    in the same lane are closer than ``min_gap``: labels drawn one lane per row never
    overprint, however close the dates (APS attack, NAP and military courts are weeks
    apart on a 30-year axis)."""
    last_in_lane: list[float] = []
    lanes = []
    for day in days:
        for lane, last in enumerate(last_in_lane):
            if day - last >= min_gap:
                last_in_lane[lane] = day
                lanes.append(lane)
                break
        else:
            last_in_lane.append(day)
            lanes.append(len(last_in_lane) - 1)
    return lanes


def intervention_marks(interventions: Iterable, *, start: str, end: str) -> list[dict]:
    """Rule and label layers for the interventions dated between ``start`` and ``end`` (ISO).

    Each intervention is labelled by its number in the page's list of interventions (the
    full name is in the tooltip and the list), in a lane of its own when it would
    otherwise touch a neighbour (:func:`label_lanes`), so labels never overprint.
    """
    values = [
        {
            "date": i.date.isoformat(),
            "label": local_label(i),
            "when": i.period_label(),
            "n": str(n),
        }
        for n, i in enumerate(interventions, start=1)
        if start <= i.date.isoformat() <= end
    ]
    if not values:
        return []
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    span = max((last - first).days, 1)
    days = [(date.fromisoformat(v["date"]) - first).days for v in values]
    for value, lane in zip(values, label_lanes(days, min_gap=span / LABEL_SLOTS), strict=True):
        value["lane"] = lane
    data = {"values": values}
    x = {"field": "date", "type": "temporal"}
    tooltip = [
        {"field": "n", "title": "#"},
        {"field": "label", "title": _("Intervention")},
        {"field": "when", "title": _("When")},
    ]
    return [
        {
            "data": data,
            "mark": {"type": "rule", "color": MARKER_COLOUR, "strokeDash": [4, 3]},
            "encoding": {"x": x, "tooltip": tooltip},
        },
        {
            "data": data,
            "transform": [{"calculate": f"datum.lane * {LANE_HEIGHT} + 2", "as": "ypx"}],
            "mark": {
                "type": "text",
                "align": "center",
                "baseline": "top",
                "fontSize": 10,
                "fontWeight": "bold",
                "color": MARKER_COLOUR,
            },
            "encoding": {
                "x": x,
                "y": {"field": "ypx", "type": "quantitative", "scale": None},
                "text": {"field": "n"},
                "tooltip": tooltip,
            },
        },
    ]


def year_bars(
    rows: Sequence[dict],
    *,
    field: str,
    label: str,
    title: str,
    interventions: Iterable = (),
    colour: str = BAR_COLOUR,
) -> dict:
    """Yearly totals of one measure as bars spanning their year, with intervention rules.

    ``rows`` have ``year`` (int) and ``field``; a year whose value is None (unknown or
    not published) gets no bar, so nothing is drawn for it. Each bar covers 1 January to
    31 December, so an intervention in December 2014 sits at the end of the 2014 bar.
    """
    values = [
        {"period": f"{int(r['year'])}-01-01", "y": int(r["year"]), "value": r[field]}
        for r in rows
        if r.get(field) is not None
    ]
    bars = {
        "data": {"values": values},
        "mark": {"type": "bar", "color": colour},
        "encoding": {
            "x": {"field": "period", "type": "temporal", "timeUnit": "year", "title": None},
            "y": {"field": "value", "type": "quantitative", "title": label},
            "tooltip": [
                {"field": "y", "title": _("year")},
                {"field": "value", "title": label, "format": ","},
            ],
        },
    }
    layers = [bars]
    if values:
        years = [v["y"] for v in values]
        layers += intervention_marks(
            interventions, start=f"{min(years)}-01-01", end=f"{max(years)}-12-31"
        )
    spec = _base(
        title,
        _("%(title)s: %(measure)s per year, one bar per year with a figure.")
        % {"title": title, "measure": label},
    )
    spec["layer"] = layers
    return spec


def time_chart(
    rows: Sequence[dict],
    *,
    period_field: str,
    field: str,
    label: str,
    title: str,
    time_unit: str,
    interventions: Iterable = (),
) -> dict:
    """One measure over time as a line (a zero-filled monthly series), with interventions.

    ``rows`` have ``period_field`` as an ISO date (the first day of the month). Periods
    whose value is None are left out *and* break the line (each unbroken run is its own
    path), so no segment joins two periods across one without data.
    """
    values = []
    segment, previous_missing = 0, False
    for r in sorted(rows, key=lambda r: r[period_field]):
        if r.get(field) is None:
            previous_missing = True
            continue
        if previous_missing:
            segment += 1
            previous_missing = False
        values.append({"period": r[period_field], "value": r[field], "segment": segment})
    line = {
        "data": {"values": values},
        "mark": {"type": "line", "color": BAR_COLOUR, "strokeWidth": 1.5},
        "encoding": {
            "x": {"field": "period", "type": "temporal", "timeUnit": time_unit, "title": None},
            "y": {"field": "value", "type": "quantitative", "title": label},
            "detail": {"field": "segment", "type": "nominal"},
            "tooltip": [
                {"field": "period", "type": "temporal", "timeUnit": time_unit, "title": _("When")},
                {"field": "value", "title": label, "format": ","},
            ],
        },
    }
    layers = [line]
    if values:
        layers += intervention_marks(
            interventions, start=values[0]["period"], end=values[-1]["period"][:4] + "-12-31"
        )
    spec = _base(title, _("%(title)s: %(measure)s over time.") % {"title": title, "measure": label})
    spec["layer"] = layers
    return spec


def year_segments(rows: Sequence[dict], *, series: str) -> list[dict]:
    """``rows`` (``{series, year, value}``, value None when unknown) with a ``segment`` per
    unbroken run of consecutive years within each series; missing years start a new one."""
    out = []
    by_series: dict[str, list[dict]] = {}
    for r in rows:
        by_series.setdefault(r[series], []).append(r)
    for name in sorted(by_series):
        previous, segment = None, 0
        for r in sorted(by_series[name], key=lambda r: int(r["year"])):
            if r.get("value") is None:
                continue
            year = int(r["year"])
            if previous is not None and year != previous + 1:
                segment += 1
            previous = year
            out.append({**r, "year": year, "segment": f"{name}#{segment}"})
    return out


def bar_chart(
    rows: Sequence[dict],
    *,
    category: str,
    value: str,
    title: str,
    category_title: str | None = None,
    value_title: str | None = None,
) -> dict:
    """Horizontal bars of ``value`` per ``category`` (e.g. events per province); the
    axis and tooltip say ``category_title`` and ``value_title`` (translated by the caller)."""
    category_title = category_title or category
    value_title = value_title or value
    spec = _base(
        title,
        _("%(title)s, one bar per %(category)s.") % {"title": title, "category": category_title},
    )
    spec.update(
        {
            "data": {"values": [{category: r[category], value: r[value]} for r in rows]},
            "mark": "bar",
            "encoding": {
                "y": {"field": category, "type": "nominal", "sort": "-x", "title": None},
                "x": {"field": value, "type": "quantitative", "title": value_title},
                "tooltip": [
                    {"field": category, "title": category_title},
                    {"field": value, "title": value_title, "format": ","},
                ],
            },
        }
    )
    return spec


def comparison_chart(rows: Sequence[dict], *, title: str) -> dict:
    """Events per year, one series per dataset; ``rows`` are ``{dataset, year, value}``.

    Every figure is a point; lines join only consecutive years of the same series
    (:func:`year_segments`), so a series with missing years (the PIPS figures quoted for
    2009 and 2014-2019) is drawn as separate pieces, never straight across the gap.
    """
    values = [
        {**r, "period": f"{r['year']}-01-01", "y": r["year"]}
        for r in year_segments(rows, series="dataset")
    ]
    x = {"field": "period", "type": "temporal", "timeUnit": "year", "title": None}
    colour = {"field": "dataset", "type": "nominal", "title": None}
    tooltip = [
        {"field": "dataset", "title": _("Dataset")},
        {"field": "y", "title": _("year")},
        {"field": "value", "title": _("events"), "format": ","},
    ]
    spec = _base(
        title, _("%(title)s, one series per dataset; missing years are gaps.") % {"title": title}
    )
    spec.update(
        {
            "data": {"values": values},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative", "title": _("events")},
                "color": colour,
                "tooltip": tooltip,
            },
            "layer": [
                {
                    "mark": {"type": "line"},
                    "encoding": {"detail": {"field": "segment", "type": "nominal"}},
                },
                {"mark": {"type": "point", "filled": True, "size": 30}},
            ],
        }
    )
    return spec


def index_heatmap(rows: Sequence[dict], *, title: str) -> dict:
    """Province × year cells coloured by the GTI-style score (0–10)."""
    spec = _base(title, _("%(title)s: score 0 to 10 per province and year.") % {"title": title})
    spec.update(
        {
            "data": {
                "values": [
                    {"province": r["province"], "year": str(r["year"]), "score": r["score"]}
                    for r in rows
                ]
            },
            "mark": "rect",
            "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": None},
                "y": {"field": "province", "type": "nominal", "title": None},
                "color": {
                    "field": "score",
                    "type": "quantitative",
                    "scale": {"domain": [0, 10], "scheme": "orangered"},
                    "title": _("score"),
                },
                "tooltip": [
                    {"field": "province", "title": _("Province")},
                    {"field": "year", "title": _("year")},
                    {"field": "score", "title": _("score")},
                ],
            },
        }
    )
    return spec


def _dashed_last(solid: str, dashed: str) -> dict:
    """A line's dash by its ``kind``: ``solid`` drawn solid, ``dashed`` dashed (without the
    domain Vega-Lite dashes by alphabetical order, which drew the counterfactual solid)."""
    return {
        "field": "kind",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": [solid, dashed], "range": [[1, 0], [5, 3]]},
    }


def its_chart(months: Sequence[dict], *, title: str, break_month: str) -> dict:
    """Observed monthly counts (points), the fitted model (line) and the counterfactual
    after the break (dashed), with a rule at the break. ``months`` are the ``months``
    rows of the ITS document (``month`` as ``YYYY-MM``). Each value carries its ``kind``
    (a stable code the layers filter on) and ``series``, the legend's translated name."""
    names = {
        "observed": _("observed"),
        "model": _("model"),
        "counterfactual": _("counterfactual"),
    }
    values = []
    for m in months:
        period = f"{m['month']}-01"
        for kind, key in (("observed", "observed"), ("model", "fitted")):
            values.append({"period": period, "kind": kind, "series": names[kind], "value": m[key]})
        if m["counterfactual"] is not None:
            values.append(
                {
                    "period": period,
                    "kind": "counterfactual",
                    "series": names["counterfactual"],
                    "value": m["counterfactual"],
                }
            )
    x = {"field": "period", "type": "temporal", "timeUnit": "yearmonth", "title": None}
    y = {"field": "value", "type": "quantitative", "title": None}
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(names.values())},
    }
    spec = _base(
        title,
        _("%(title)s: observed events a month, the model and the counterfactual.")
        % {"title": title},
    )
    spec["data"] = {"values": values}
    spec["layer"] = [
        {
            "transform": [{"filter": "datum.kind === 'observed'"}],
            "mark": {"type": "point", "filled": True, "size": 18},
            "encoding": {"x": x, "y": y, "color": colour},
        },
        {
            "transform": [{"filter": "datum.kind !== 'observed'"}],
            "mark": {"type": "line"},
            "encoding": {
                "x": x,
                "y": y,
                "color": colour,
                "strokeDash": _dashed_last("model", "counterfactual"),
            },
        },
        {
            "data": {"values": [{"period": f"{break_month}-01"}]},
            "mark": {"type": "rule", "color": "#8a2d2d"},
            "encoding": {"x": {"field": "period", "type": "temporal"}},
        },
    ]
    return spec


def placebo_chart(rows: Sequence[dict], *, real_month: str, real_ratio: float, title: str) -> dict:
    """Level-change ratios at placebo breaks (grey points) and the real break (red), on a
    log scale with a rule at 1 (no change)."""
    placebo, real = _("placebo"), _("real break")
    values = [
        {"period": f"{r['month']}-01", "ratio": r["ratio"], "kind": placebo}
        for r in rows
        if r["ratio"] is not None
    ]
    values.append({"period": f"{real_month}-01", "ratio": real_ratio, "kind": real})
    spec = _base(
        title,
        _("%(title)s: level change at placebo breaks and at the real break.") % {"title": title},
    )
    spec["layer"] = [
        {
            "data": {"values": values},
            "mark": {"type": "point", "filled": True, "size": 50},
            "encoding": {
                "x": {
                    "field": "period",
                    "type": "temporal",
                    "timeUnit": "yearmonth",
                    "title": None,
                },
                "y": {
                    "field": "ratio",
                    "type": "quantitative",
                    "scale": {"type": "log"},
                    "title": _("level change (rate ratio)"),
                },
                "color": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": [placebo, real], "range": ["#9a9a9a", "#c0392b"]},
                },
                "tooltip": [
                    {
                        "field": "period",
                        "type": "temporal",
                        "timeUnit": "yearmonth",
                        "title": _("Month"),
                    },
                    {"field": "ratio", "format": ".2f", "title": _("level change (rate ratio)")},
                    {"field": "kind", "title": " "},
                ],
            },
        },  # fmt: skip
        {
            "data": {"values": [{"ratio": 1}]},
            "mark": {"type": "rule", "strokeDash": [4, 3]},
            "encoding": {"y": {"field": "ratio", "type": "quantitative"}},
        },  # fmt: skip
    ]
    return spec


def synthetic_chart(periods: Sequence[dict], *, area: str, break_month: str, title: str) -> dict:
    """The treated area (solid) and its synthetic control (dashed) per 3-month block, with
    a rule at the break. ``periods`` are the ``periods`` rows of the synthetic-control
    document (``start`` as ``YYYY-MM``); each value carries a stable ``kind`` code and the
    legend's translated ``series`` name."""
    names = {"treated": area, "synthetic": _("synthetic %(area)s") % {"area": area}}
    values = [
        {"period": f"{p['start']}-01", "kind": kind, "series": names[kind], "value": p[kind]}
        for p in periods
        for kind in ("treated", "synthetic")
        if p[kind] is not None
    ]
    x = {"field": "period", "type": "temporal", "timeUnit": "yearmonth", "title": None}
    spec = _base(
        title,
        _("%(title)s: %(area)s and its synthetic control, per 3 months, around the break.")
        % {"title": title, "area": area},
    )
    spec["layer"] = [
        {
            "data": {"values": values},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative", "title": None},
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": list(names.values())},
                },
                "strokeDash": _dashed_last("treated", "synthetic"),
                "tooltip": [
                    {
                        "field": "period",
                        "type": "temporal",
                        "timeUnit": "yearmonth",
                        "title": _("From"),
                    },
                    {"field": "series", "title": " "},
                    {"field": "value", "format": ".2f", "title": _("value")},
                ],  # fmt: skip
            },
        },
        {
            "data": {"values": [{"period": f"{break_month}-01"}]},
            "mark": {"type": "rule", "color": MARKER_COLOUR},
            "encoding": {"x": {"field": "period", "type": "temporal"}},
        },
    ]
    return spec
