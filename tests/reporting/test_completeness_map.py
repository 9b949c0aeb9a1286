"""The reporting-rates page maps the share of expected bodies that submitted, per province."""

import re

import pytest

from napmon.analysis.compute.maps import completeness
from napmon.reporting import services

from .helpers import fill


def test_completeness_counts_bodies_per_unit():
    assert completeness([("PK-PB", True), ("PK-PB", False), ("PK-KP", True)]) == {
        "PK-PB": {"expected": 2, "submitted": 1, "percent": 50},
        "PK-KP": {"expected": 1, "submitted": 1, "percent": 100},
    }


@pytest.mark.django_db
def test_rates_page_maps_submissions_by_province(client, users, report):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    client.force_login(users["coordinator"])
    html = client.get(f"/reporting/periods/{report.period.pk}/rates/").content.decode()
    assert 'data-spec="map-completeness"' in html and "© OpenStreetMap contributors" in html
    rows = dict(
        re.findall(r'<tr data-code="(PK-[A-Z]{2})">.*?<td class="num">([^<]*)</td></tr>', html)
    )
    assert rows["PK-PB"] == "100%"  # Punjab's committee submitted
    assert rows["PK-KP"] == "0%"  # KP's committee owes a report and has not sent it
    assert rows["PK-SD"] == "—"  # no Sindh body was assigned a point: no figure, not 0%
    client.force_login(users["punjab"])
    assert client.get(f"/reporting/periods/{report.period.pk}/rates/").status_code == 403
