"""The scorecard's map of one point's ratings per province agrees with its table."""

import json
import re
from datetime import date

import pytest
from django.utils import translation

from napmon.indicators.models import Source
from napmon.reporting.services.scorecard import record_point_rating

pytestmark = pytest.mark.django_db


def rate(point, code, kind, rating, day, actor, **extra):
    return record_point_rating(
        point,
        geography_code=code,
        rater_kind=kind,
        rating=rating,
        decided_on=day,
        rationale="As reported.",
        actor=actor,
        **extra,
    )


@pytest.fixture
def rated(assigned, users):
    nacta = Source.objects.create(key="nacta-h2", kind="official", publisher="NACTA", title="H2")
    rate(
        assigned,
        "PK-PB",
        "coordinating_authority",
        "satisfactory",
        date(2025, 11, 29),
        users["coordinator"],
        source=nacta,
        rater="NACTA review: coord",
    )
    rate(
        assigned,
        "PK-KP",
        "coordinating_authority",
        "unsatisfactory",
        date(2025, 11, 28),
        users["coordinator"],
        source=nacta,
        rater="NACTA review: coord",
    )
    rate(assigned, "PK-KP", "self_assessment", "satisfactory", date(2025, 11, 20), users["kp"])
    return assigned


def spec_and_table(html):
    spec = json.loads(
        re.search(r'id="map-ratings" type="application/json">(.*?)</script>', html).group(1)
    )
    values = {v["code"]: v["category"] for v in spec["layer"][1]["data"]["values"]}
    table = dict(
        re.findall(
            r'<tr data-code="(PK-[A-Z]{2})"><th scope="row">[^<]*</th><td class="rating">'
            r'(?:<span class="badge \w+">([^<]*)</span>|<span class="muted">[^<]*</span>)',
            html,
        )
    )
    return spec, values, {k: v for k, v in table.items() if v}


def test_map_shows_the_coordinating_authoritys_ratings_by_province(client, rated):
    html = client.get("/reporting/scorecard/2021/").content.decode()
    spec, values, table = spec_and_table(html)
    assert values == {"PK-PB": "satisfactory", "PK-KP": "unsatisfactory"}
    assert values == table
    assert spec["title"]["subtitle"] == "© OpenStreetMap contributors"
    assert len(spec["datasets"]["provinces"]) == 8
    text = re.search(r'<p id="rating-map-text">([^<]*)</p>', html).group(1)
    assert "Punjab: satisfactory" in text and "Khyber Pakhtunkhwa: unsatisfactory" in text
    assert "6 of 8 shapes have no rating" in html
    assert 'id="rating-map-table"' in html and "2025-11-28" in html


def test_map_switches_rater_and_point(client, rated):
    html = client.get("/reporting/scorecard/2021/?map_kind=self_assessment").content.decode()
    _spec, values, table = spec_and_table(html)
    assert values == table == {"PK-KP": "satisfactory"}
    html = client.get("/reporting/scorecard/2021/?map_point=1").content.decode()
    _spec, values, table = spec_and_table(html)
    assert values == table == {}
    assert "No province or territory has a rating" in html


def test_map_in_urdu_names_provinces_in_urdu(client, rated):
    client.cookies["django_language"] = "ur"
    with translation.override("en"):  # the middleware's Urdu must not leak into later tests
        html = client.get("/reporting/scorecard/2021/").content.decode()
    spec, _values, _table = spec_and_table(html)
    labels = {v["label"] for v in spec["layer"][1]["data"]["values"]}
    assert "پنجاب" in labels
