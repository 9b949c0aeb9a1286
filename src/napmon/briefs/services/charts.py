"""Static charts for the briefs: Vega-Lite specs built here, rendered by vl-convert.

Specs carry their data inline (no URLs), so rendering needs no network. The chart is
returned as a ``data:`` URI, the only kind of URL the PDF renderer accepts: SVG for
English, PNG for Urdu. WeasyPrint draws SVG text letter by letter, without shaping or
bidi, so Urdu labels in an SVG come out unjoined and reversed; vl-convert's own renderer
(resvg) shapes them and orders them right to left, so Urdu charts are rasterised there.
"""

from __future__ import annotations

import base64

import vl_convert

FONT = "DejaVu Sans"
PNG_SCALE = 3  # about 300 dpi at the charts' printed width


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


def chart_data_uri(spec: dict, lang: str = "en") -> str:
    """The chart for a brief in ``lang``: vector SVG in English, a PNG with shaped
    right-to-left text in Urdu (see the module's docstring)."""
    if lang != "ur":
        return svg_data_uri(spec)
    png = vl_convert.vegalite_to_png(spec, scale=PNG_SCALE)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
