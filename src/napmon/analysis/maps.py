"""Vega-Lite ``geoshape`` specifications of the maps, data inline (like ``charts.py``).

The pages embed them in ``<script type="application/json">`` and ``static/analysis/
charts.js`` draws them with the locally served Vega bundle; the briefs render the same
specs to SVG with vl-convert. Every map names its source and carries the OpenStreetMap
attribution. Two layers: every shape in grey (so a unit with no figure is still drawn
and visibly "no figure"), then the shapes with a figure coloured by it.
"""

from __future__ import annotations

from collections.abc import Sequence

from napmon.analysis.boundaries import ATTRIBUTION, province_features

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
NO_FIGURE = "#d9d9d9"
SCHEME = "orangered"


def _features() -> list[dict]:
    return province_features()


def _lookup() -> dict:
    return {
        "lookup": "code",
        "from": {
            "data": {"name": "provinces"},
            "key": "properties.code",
            "fields": ["type", "geometry"],
        },
    }


def _outline() -> dict:
    return {
        "name": "outline",
        "data": {"name": "provinces"},
        "mark": {"type": "geoshape", "fill": NO_FIGURE, "stroke": "#ffffff", "strokeWidth": 0.8},
    }


def _colour(measure_label: str, domain: list | None = None) -> dict:
    scale = {"type": "sqrt", "scheme": SCHEME, "zero": True}
    if domain:  # a share (0-100 %): linear, on a fixed range
        scale = {"type": "linear", "scheme": "blues", "domain": domain}
    return {
        "field": "value",
        "type": "quantitative",
        "title": measure_label,
        "scale": scale,
        "legend": {"orient": "bottom", "format": ",d", "gradientLength": 160},
    }


def choropleth(
    shapes: Sequence[dict],
    *,
    measure_label: str,
    title: str,
    description: str,
    width: int | str = "container",
    height: int = 340,
    domain: list | None = None,
) -> dict:
    """One map: ``shapes`` are ``{code, label, value}`` (value None: drawn grey).

    ``domain`` fixes a linear colour scale (e.g. ``[0, 100]`` for a percentage); without it
    the scale is a square root from zero, for counts.
    """
    values = [
        {"code": s["code"], "label": s["label"], "value": s["value"]}
        for s in shapes
        if s["value"] is not None
    ]
    encoding = {
        "color": _colour(measure_label, domain),
        "tooltip": [
            {"field": "label", "title": " "},
            {"field": "value", "title": measure_label, "format": ","},
        ],
    }
    return _province_map(values, encoding, title, description, width, height)


def _province_map(values, encoding, title, description, width, height) -> dict:
    """The frame every single province map shares: title with the OSM attribution, the
    shipped boundaries, their grey outline, and the coloured shapes of ``values``."""
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": ATTRIBUTION, "anchor": "start"},
        "description": description,
        "width": width,
        "height": height,
        "datasets": {"provinces": _features()},
        "projection": {"type": "mercator"},
        "config": {"view": {"stroke": None}},
        "layer": [
            _outline(),
            {
                "name": "provinces",
                "data": {"values": values},
                "transform": [_lookup()],
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8},
                "encoding": encoding,
            },
        ],
    }


def small_multiples(
    rows: Sequence[dict], *, measure_label: str, title: str, description: str, columns: int = 3
) -> dict:
    """One small map per period: ``rows`` are ``{period, code, label, value}``.

    Built as a concatenation (a facet of geoshapes leaves Vega with no size to fit the
    projection to); the boundaries travel once, as a named dataset. Shapes without a
    figure (FATA after the merger when kept separate) stay grey.
    """
    periods = list(dict.fromkeys(r["period"] for r in rows))
    cells = []
    for period in periods:
        values = [r for r in rows if r["period"] == period and r["value"] is not None]
        cells.append(
            {
                "title": {"text": period, "fontSize": 11},
                "width": 110,
                "height": 110,
                "projection": {"type": "mercator"},
                "layer": [
                    {
                        "data": {"name": "provinces"},
                        "mark": {
                            "type": "geoshape",
                            "fill": NO_FIGURE,
                            "stroke": "#ffffff",
                            "strokeWidth": 0.4,
                        },
                    },
                    {
                        "data": {"values": values},
                        "transform": [
                            {
                                "lookup": "code",
                                "from": {
                                    "data": {"name": "provinces"},
                                    "key": "properties.code",
                                    "fields": ["type", "geometry"],
                                },
                            }
                        ],
                        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4},
                        "encoding": {
                            "color": _colour(measure_label),
                            "tooltip": [
                                {"field": "period", "title": " "},
                                {"field": "label", "title": " "},
                                {"field": "value", "title": measure_label, "format": ","},
                            ],
                        },
                    },
                ],
            }
        )
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": ATTRIBUTION, "anchor": "start"},
        "description": description,
        "datasets": {"provinces": _features()},
        "concat": cells,
        "columns": columns,
        "resolve": {"scale": {"color": "shared"}, "legend": {"color": "shared"}},
        "config": {"view": {"stroke": None}},
    }


def point_map(points: Sequence[dict], *, title: str, description: str, killed_label: str) -> dict:
    """Event locations over the province outlines, sized by people killed (unknown: smallest)."""
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": ATTRIBUTION, "anchor": "start"},
        "description": description,
        "width": "container",
        "height": 380,
        "projection": {"type": "mercator"},
        "config": {"view": {"stroke": None}},
        "layer": [
            {
                "name": "outline",
                "data": {"values": _features()},
                "mark": {
                    "type": "geoshape",
                    "fill": "#eeeeee",
                    "stroke": "#999999",
                    "strokeWidth": 0.6,
                },
            },
            {
                "name": "events",
                "data": {"values": list(points)},
                "mark": {"type": "circle", "color": "#b30000", "opacity": 0.35},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {
                        "field": "killed",
                        "type": "quantitative",
                        "title": killed_label,
                        "scale": {"range": [6, 300]},
                        "legend": {"orient": "bottom"},
                    },
                    "tooltip": [
                        {"field": "date", "title": " "},
                        {"field": "place", "title": " "},
                        {"field": "killed", "title": killed_label},
                    ],
                },
            },
        ],
    }


def category_map(
    shapes: Sequence[dict],
    *,
    legend_title: str,
    title: str,
    description: str,
    categories: Sequence[tuple[str, str]],
    width: int | str = "container",
    height: int = 340,
) -> dict:
    """A map of categories (such as ratings): ``shapes`` are ``{code, label, category}``.

    ``categories`` are ``(category, colour)`` pairs, in the legend's order, with the
    category as the reader sees it (translated). A shape whose category is None is drawn
    grey (no figure). Each coloured shape carries ``"<label>: <category>"`` as its
    accessible name, which is also what a test reads back.
    """
    values = [
        {
            "code": s["code"],
            "label": s["label"],
            "category": s["category"],
            "aria": f"{s['label']}: {s['category']}",
        }
        for s in shapes
        if s["category"] is not None
    ]
    encoding = {
        "color": {
            "field": "category",
            "type": "nominal",
            "title": legend_title,
            "scale": {
                "domain": [c for c, _colour in categories],
                "range": [colour for _c, colour in categories],
            },
            "legend": {"orient": "bottom", "direction": "vertical"},
        },
        "description": {"field": "aria"},
        "tooltip": [
            {"field": "label", "title": " "},
            {"field": "category", "title": legend_title},
        ],
    }
    return _province_map(values, encoding, title, description, width, height)
