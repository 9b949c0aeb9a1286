"""The scorecard brief carries the province map of the built-in UCDP data as SVG."""

import base64
import re
import subprocess

import pytest

from napmon.briefs.services.render import render_brief, render_html
from napmon.events.services import summarise_events

pytestmark = pytest.mark.django_db
MAP_IMG = re.compile(r'<img class="chart map" src="data:image/svg\+xml;base64,([^"]+)"')


def test_scorecard_pdf_contains_the_province_map(tmp_path, ucdp_events):
    path = tmp_path / "scorecard.pdf"
    path.write_bytes(render_brief("scorecard", None, "en", "pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Events by province, 1989–2019 (UCDP GED)" in text
    assert "© OpenStreetMap contributors" in text
    assert "8 events with no province are not on the map." in text
    fata = next(
        r
        for r in summarise_events("province", {"dataset": "UCDP GED"})
        if r["key"] == "Federally Administered Tribal Areas"
    )
    assert re.search(rf"Federally Administered Tribal Areas\s+{fata['events']}\s", text)


def test_urdu_scorecard_map_is_svg_with_urdu_province_names(ucdp_events):
    html = render_html("scorecard", lang="ur")
    assert "صوبہ وار واقعات، 1989–2019 (UCDP GED)" in html
    assert "<tr><td>پنجاب</td>" in html
    svg = base64.b64decode(MAP_IMG.search(html)[1]).decode()
    assert svg.count("<path") >= 16  # eight grey outlines and eight coloured provinces
    assert "© OpenStreetMap contributors" in svg
