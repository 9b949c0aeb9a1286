"""The scorecard brief carries the province map of the built-in UCDP data: SVG in English, a
PNG with shaped Urdu in Urdu."""

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


def test_urdu_scorecard_map_is_a_png_drawn_with_shaped_urdu(ucdp_events):
    html = render_html("scorecard", lang="ur")
    assert "صوبہ وار واقعات، 1989–2019 (UCDP GED)" in html
    assert "<tr><td>پنجاب</td>" in html
    # WeasyPrint would draw the Urdu labels of an SVG letter by letter (unjoined, reversed):
    # an Urdu brief embeds the map as an image vl-convert drew (see briefs/services/charts).
    found = re.search(r'<img class="chart map" src="data:image/png;base64,([^"]+)"', html)
    png = base64.b64decode(found[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width >= 420 * 3  # three times its printed size
