"""Static charts for the briefs: Vega-Lite specs built here, rendered to SVG by vl-convert.

Specs carry their data inline (no URLs), so rendering needs no network. The SVG is
returned as a ``data:`` URI, the only kind of URL the PDF renderer accepts.
"""

from __future__ import annotations

import base64

import vl_convert

FONT = "DejaVu Sans"


def _base(title: str, width: int, height: int) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "fontSize": 11, "anchor": "start", "font": FONT},
        "width": width,
        "height": height,
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 9, "titleFontSize": 9},
            "legend": {"labelFontSize": 9, "titleFontSize": 9},
            "view": {"stroke": None},
        },
    }


def indicator_spec(name: str, unit: str, values: list[dict]) -> dict:
    """Bars of an indicator's values in period order (coloured by geography if several).

    ``values`` are ``value_dict`` rows (value, period, period_end, geography).
    """
    rows = [
        {
            "period": v["period"],
            "end": v["period_end"],
            "value": v["value"],
            "geography": v["geography"],
        }
        for v in values
    ]
    order = [r["period"] for r in sorted(rows, key=lambda r: r["end"])]
    spec = _base(name, 380, 140)
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar", "color": "#2f6f8f"}
    spec["encoding"] = {
        "x": {
            "field": "period",
            "type": "ordinal",
            "sort": list(dict.fromkeys(order)),
            "title": None,
            "axis": {"labelAngle": 0, "labelLimit": 120},
        },
        "y": {"field": "value", "type": "quantitative", "title": unit, "axis": {"format": ",~s"}},
    }
    if len({r["geography"] for r in rows}) > 1:
        spec["mark"] = "bar"
        spec["encoding"]["xOffset"] = {"field": "geography"}
        spec["encoding"]["color"] = {"field": "geography", "type": "nominal"}
    return spec


def trend_spec(title: str, rows: list[dict], y_title: str) -> dict:
    """Yearly totals of one measure as bars: ``rows`` are ``{"year", "series", "value"}``.

    Bars, not lines: a year without a figure is simply absent, never bridged.
    """
    spec = _base(title, 420, 180)
    spec["data"] = {"values": rows}
    spec["mark"] = "bar"
    spec["encoding"] = {
        "x": {"field": "year", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
        "y": {"field": "value", "type": "quantitative", "title": y_title},
        "color": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "legend": {"orient": "bottom", "labelLimit": 400},
        },
    }
    return spec


def to_svg(spec: dict) -> str:
    """Render a Vega-Lite spec to SVG text."""
    return vl_convert.vegalite_to_svg(spec)


def svg_data_uri(spec: dict) -> str:
    """The rendered chart as a ``data:image/svg+xml;base64,...`` URI."""
    svg = to_svg(spec).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
