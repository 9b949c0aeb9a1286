"""Chart tooltips are styled from our own stylesheet, so the CSP needs no inline style."""

from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "src/napmon/analysis/static/analysis"


def test_the_tooltip_injects_no_style_element_and_its_rules_are_ours():
    charts = (STATIC / "charts.js").read_text()
    assert "tooltip: { disableDefaultStyle: true }" in charts
    assert "defaultStyle: false" in charts
    css = (STATIC / "analysis.css").read_text()
    rule = css[css.index("#vg-tooltip-element {") :]
    assert "position: fixed;" in rule.split("}")[0]  # not left unstyled below the footer
    assert "#vg-tooltip-element.visible" in css
