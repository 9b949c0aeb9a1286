"""The scorecard brief maps the coordinating authority's ratings per province as SVG."""

import base64
import re
from datetime import date

import pytest

from napmon.briefs.services.render import render_html
from napmon.indicators.models import Source
from napmon.plans.models import Point
from napmon.reporting.services.scorecard import record_point_rating

pytestmark = pytest.mark.django_db
RATING_IMG = re.compile(
    r'<img class="chart map rating-map" src="data:image/svg\+xml;base64,([^"]+)"'
)


@pytest.fixture
def rated(db):
    point = Point.objects.get(version__label="2021", number=4)
    nacta = Source.objects.create(key="nacta-h2", kind="official", publisher="NACTA", title="H2")
    for code, rating in (("PK-PB", "satisfactory"), ("PK-BA", "unsatisfactory")):
        record_point_rating(
            point,
            geography_code=code,
            rater_kind="coordinating_authority",
            rating=rating,
            decided_on=date(2025, 11, 29),
            rationale="Six-monthly review.",
            source=nacta,
            rater="NACTA review: coordinator",
        )
    return point


def test_scorecard_brief_has_a_ratings_map_with_its_table(rated):
    html = render_html("scorecard", lang="en")
    assert "Point 4 by province: coordinating authority&#x27;s review" in html
    svg = base64.b64decode(RATING_IMG.search(html)[1]).decode()
    assert svg.count("<path") >= 8 + 2  # the grey outlines and the two rated provinces
    assert "© OpenStreetMap contributors" in svg
    table = html[html.index('class="map-table rating-map-table"') :]
    table = table[: table.index("</table>")]
    assert "<tr><td>Punjab</td><td>satisfactory</td><td>NACTA review: coordinator</td>" in table
    assert "<tr><td>Balochistan</td><td>unsatisfactory</td>" in table
    assert "<tr><td>Sindh</td><td>—</td>" in table


def test_urdu_brief_ratings_map_names_provinces_in_urdu(rated):
    html = render_html("scorecard", lang="ur")
    table = html[html.index('class="map-table rating-map-table"') :]
    assert "<tr><td>پنجاب</td>" in table[: table.index("</table>")]
