"""Vega-Lite specifications built in Python; the browser draws them with vega-embed.

Each builder returns a plain dict (JSON-ready) with the data inline, so a page embeds it
in a ``<script type="application/json">`` element and ``static/analysis/charts.js`` draws
it (no inline script: the pages work under ``script-src 'self'``). Interventions are
layered on time charts as rule marks with their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH = "container"


def _base(title: str, description: str) -> dict:
    return {
        "$schema": SCHEMA,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": 260,
        "config": {"view": {"stroke": None}},
    }


def intervention_marks(interventions: Iterable, *, start: str, end: str) -> list[dict]:
    """Rule and text layers for the interventions dated between ``start`` and ``end`` (ISO)."""
    values = [
        {"date": i.date.isoformat(), "label": i.label, "when": i.period_label()}
        for i in interventions
        if start <= i.date.isoformat() <= end
    ]
    if not values:
        return []
    data = {"values": values}
    x = {"field": "date", "type": "temporal"}
    return [
        {
            "data": data,
            "mark": {"type": "rule", "color": "#8a2d2d", "strokeDash": [4, 3]},
            "encoding": {"x": x, "tooltip": [{"field": "label"}, {"field": "when"}]},
        },
        {
            "data": data,
            "mark": {
                "type": "text",
                "angle": 270,
                "align": "left",
                "baseline": "bottom",
                "dx": 4,
                "dy": -2,
                "fontSize": 10,
                "color": "#8a2d2d",
            },
            "encoding": {"x": x, "y": {"value": 0}, "text": {"field": "label"}},
        },
    ]


def time_chart(
    rows: Sequence[dict],
    *,
    period_field: str,
    measures: Sequence[tuple[str, str]],
    title: str,
    time_unit: str,
    interventions: Iterable = (),
) -> dict:
    """Lines over time, one per measure (``(field, label)``), with intervention rules.

    ``rows`` have ``period_field`` as an ISO date (the first day of the year or month).
    """
    values = [
        {"period": r[period_field], "measure": label, "value": r.get(field)}
        for r in rows
        for field, label in measures
        if r.get(field) is not None
    ]
    periods = sorted(r[period_field] for r in rows)
    line = {
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "period", "type": "temporal", "timeUnit": time_unit, "title": None},
            "y": {"field": "value", "type": "quantitative", "title": None},
            "color": {"field": "measure", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "period", "type": "temporal", "timeUnit": time_unit},
                {"field": "measure"},
                {"field": "value", "format": ","},
            ],
        },
    }
    layers = [line]
    if periods:
        layers += intervention_marks(
            interventions, start=periods[0], end=periods[-1][:4] + "-12-31"
        )
    spec = _base(title, f"{title}: {', '.join(label for _, label in measures)} over time.")
    spec["layer"] = layers
    return spec


def bar_chart(rows: Sequence[dict], *, category: str, value: str, title: str) -> dict:
    """Horizontal bars of ``value`` per ``category`` (e.g. events per province)."""
    spec = _base(title, f"{title}, one bar per {category}.")
    spec.update(
        {
            "data": {"values": [{category: r[category], value: r[value]} for r in rows]},
            "mark": "bar",
            "encoding": {
                "y": {"field": category, "type": "nominal", "sort": "-x", "title": None},
                "x": {"field": value, "type": "quantitative", "title": value},
                "tooltip": [{"field": category}, {"field": value, "format": ","}],
            },
        }
    )
    return spec


def comparison_chart(rows: Sequence[dict], *, title: str) -> dict:
    """Events per year, one line per dataset; ``rows`` are ``{dataset, year, value}``."""
    spec = _base(title, f"{title}, one line per dataset.")
    spec.update(
        {
            "data": {"values": [{**r, "year": f"{r['year']}-01-01"} for r in rows]},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "year", "type": "temporal", "timeUnit": "year", "title": None},
                "y": {"field": "value", "type": "quantitative", "title": "events"},
                "color": {"field": "dataset", "type": "nominal"},
                "tooltip": [
                    {"field": "dataset"},
                    {"field": "year", "timeUnit": "year", "type": "temporal"},
                    {"field": "value"},
                ],
            },
        }
    )
    return spec


def index_heatmap(rows: Sequence[dict], *, title: str) -> dict:
    """Province × year cells coloured by the GTI-style score (0–10)."""
    spec = _base(title, f"{title}: score 0 to 10 per province and year.")
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
                },
                "tooltip": [{"field": "province"}, {"field": "year"}, {"field": "score"}],
            },
        }
    )
    return spec


def its_chart(months: Sequence[dict], *, title: str, break_month: str) -> dict:
    """Observed monthly counts (points), the fitted model (line) and the counterfactual
    after the break (dashed), with a rule at the break. ``months`` are the ``months``
    rows of the ITS document (``month`` as ``YYYY-MM``)."""
    values = []
    for m in months:
        period = f"{m['month']}-01"
        values.append({"period": period, "series": "observed", "value": m["observed"]})
        values.append({"period": period, "series": "model", "value": m["fitted"]})
        if m["counterfactual"] is not None:
            values.append(
                {"period": period, "series": "counterfactual", "value": m["counterfactual"]}
            )
    x = {"field": "period", "type": "temporal", "timeUnit": "yearmonth", "title": None}
    y = {"field": "value", "type": "quantitative", "title": None}
    colour = {"field": "series", "type": "nominal", "title": None}
    spec = _base(title, f"{title}: observed events a month, the model and the counterfactual.")
    spec["data"] = {"values": values}
    spec["layer"] = [
        {
            "transform": [{"filter": "datum.series === 'observed'"}],
            "mark": {"type": "point", "filled": True, "size": 18},
            "encoding": {"x": x, "y": y, "color": colour},
        },
        {
            "transform": [{"filter": "datum.series !== 'observed'"}],
            "mark": {"type": "line"},
            "encoding": {
                "x": x,
                "y": y,
                "color": colour,
                "strokeDash": {"field": "series", "type": "nominal", "legend": None},
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
    values = [
        {"period": f"{r['month']}-01", "ratio": r["ratio"], "kind": "placebo"}
        for r in rows
        if r["ratio"] is not None
    ]
    values.append({"period": f"{real_month}-01", "ratio": real_ratio, "kind": "real break"})
    spec = _base(title, f"{title}: level change at placebo breaks and at the real break.")
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
                    "title": "level change (rate ratio)",
                },
                "color": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": ["placebo", "real break"], "range": ["#9a9a9a", "#c0392b"]},
                },
                "tooltip": [
                    {"field": "period", "type": "temporal", "timeUnit": "yearmonth"},
                    {"field": "ratio", "format": ".2f"},
                    {"field": "kind"},
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
