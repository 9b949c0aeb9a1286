"""The scorecard's ratings map in Chromium: a path per province, values equal to the table."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from napmon.indicators.models import Source
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import ReportingBody
from napmon.reporting.services.scorecard import record_point_rating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
OUTLINE = '[data-spec="map-ratings"] svg g.outline_marks path'
RATED = '[data-spec="map-ratings"] svg g.provinces_marks path'


@pytest.fixture
def rated(nap_data):
    coordinator = get_user_model().objects.create_user("coordinator", password="x-1234-e2e")
    coordinator.groups.add(Group.objects.get(name="coordinator"))
    point = Point.objects.get(version__label="2021", number=4)
    for slug in ("punjab", "khyber-pakhtunkhwa", "sindh"):
        body = ReportingBody.objects.filter(slug=slug).first()
        if body:
            services.assign_point(body, point, actor=coordinator)
    nacta = Source.objects.create(key="nacta-h2", kind="official", publisher="NACTA", title="H2")
    for code, rating in (
        ("PK-PB", "satisfactory"),
        ("PK-KP", "unsatisfactory"),
        ("PK-SD", "mixed"),
    ):
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


def _table(page) -> dict:
    rows = page.query_selector_all("#rating-map-table tbody tr")
    table = {}
    for row in rows:
        badge = row.query_selector("td.rating .badge")
        if badge:
            table[row.query_selector("th").inner_text()] = badge.inner_text()
    return table


def _map(page) -> dict:
    labels = [p.get_attribute("aria-label") for p in page.query_selector_all(RATED)]
    return dict(label.split(": ", 1) for label in labels)


def test_rating_map_draws_every_province_and_agrees_with_the_table(browser, live_server, rated):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/reporting/scorecard/2021/?map_point=4")
    page.wait_for_selector('[data-spec="map-ratings"].chart-drawn')
    assert page.locator(OUTLINE).count() == 8  # every province, FATA included, drawn
    assert page.locator(RATED).count() == 3
    assert (
        _map(page)
        == _table(page)
        == {
            "Punjab": "satisfactory",
            "Khyber Pakhtunkhwa": "unsatisfactory",
            "Sindh": "mixed",
        }
    )
    assert "© OpenStreetMap contributors" in page.inner_text('[data-spec="map-ratings"]')
    context.close()


def test_rating_map_in_urdu_on_a_narrow_screen(browser, live_server, rated):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#lang-select", "ur")
    page.click("form.lang button")
    page.goto(live_server.url + "/reporting/scorecard/2021/?map_point=4")
    assert page.get_attribute("html", "dir") == "rtl"
    page.wait_for_selector('[data-spec="map-ratings"].chart-drawn')
    assert page.locator(OUTLINE).count() == 8
    assert _map(page) == _table(page)
    assert "پنجاب" in _table(page)
    box = page.locator('[data-spec="map-ratings"] svg').bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    overflow = "document.documentElement.scrollWidth - window.innerWidth"
    culprits = """() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        const out = x => x.right > innerWidth + 1 || x.left < -1;
        const parent = e.parentElement;
        return r.width && out(r) && !(parent && out(parent.getBoundingClientRect()));
    }).slice(0, 5).map(e => e.tagName.toLowerCase() + '#' + e.id + '.' + e.className)"""
    assert page.evaluate(overflow) <= 0, page.evaluate(culprits)
    context.close()
