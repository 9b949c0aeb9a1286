"""The map page in Chromium: an SVG path per province, figures equal to the events summary."""

import pytest

from napmon.events.services import summarise_events
from napmon.events.services.builtin import load_builtin_events

PROVINCE_PATHS = '[data-spec="map-province"] svg g.provinces_marks path'
OUTLINE_PATHS = '[data-spec="map-province"] svg g.outline_marks path'


@pytest.fixture
def ucdp(transactional_db):
    """The built-in UCDP extract, loaded as `napmon init` loads it (seeds the gazetteer)."""
    return load_builtin_events()


def _table(page) -> dict:
    """The map's province table: label -> [events, killed], leaving out the events with no
    province (not on the map) and provinces with no events (the summary has no row)."""
    rows = page.query_selector_all("#province-map-table tbody tr:not([data-code=unknown])")
    table = {
        row.query_selector("th").inner_text(): [
            cell.inner_text() for cell in row.query_selector_all("td")[:2]
        ]
        for row in rows
    }
    return {label: values for label, values in table.items() if values != ["0", "0"]}


def _expected(**filters) -> dict:
    rows = summarise_events("province", {"dataset": "UCDP GED", **filters})
    return {r["key"]: [str(r["events"]), str(r["killed"])] for r in rows if r["key"] != "unknown"}


def test_map_draws_every_province_and_agrees_with_the_summary(browser, live_server, ucdp):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/outcomes/map/")
    assert page.locator("nav a[href='/outcomes/map/']").count() == 1
    page.wait_for_selector('[data-spec="map-province"].chart-drawn')
    assert page.locator(OUTLINE_PATHS).count() == 8
    assert page.locator(PROVINCE_PATHS).count() == 8
    assert _table(page) == _expected()
    assert "© OpenStreetMap contributors" in page.inner_text('[data-spec="map-province"]')

    page.goto(live_server.url + "/outcomes/map/?year_from=2009&year_to=2009")
    page.wait_for_selector('[data-spec="map-province"].chart-drawn')
    assert page.locator(PROVINCE_PATHS).count() == 8
    assert _table(page) == _expected(date_from="2009-01-01", date_to="2009-12-31")
    assert "Federally Administered Tribal Areas" in _table(page)

    page.goto(live_server.url + "/outcomes/map/?year_from=2019&year_to=2019")
    page.wait_for_selector('[data-spec="map-province"].chart-drawn')
    # FATA's shape is still drawn, coloured with the figure of KP into which it was folded
    assert page.locator(PROVINCE_PATHS).count() == 8
    folded = _expected(date_from="2019-01-01", date_to="2019-12-31", fold_fata=True)
    table = _table(page)
    assert table.pop("Khyber Pakhtunkhwa (with former FATA)") == folded.pop("Khyber Pakhtunkhwa")
    assert table == folded
    context.close()


def test_map_in_urdu_on_a_narrow_screen(browser, live_server, ucdp):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#lang-select", "ur")
    page.click("form.lang button")
    page.goto(live_server.url + "/outcomes/map/?year_from=2009&year_to=2009&step=half")
    assert page.get_attribute("html", "dir") == "rtl"
    page.wait_for_selector('[data-spec="map-province"].chart-drawn')
    page.wait_for_selector('[data-spec="map-multiples"].chart-drawn')
    small = page.locator('[data-spec="map-multiples"] svg path[d^="M"]')
    assert small.count() >= 2 * 8  # 2009-H1 and 2009-H2, a shape per province in each
    assert page.locator('[data-spec="map-multiples"] svg path[d*="NaN"]').count() == 0
    assert page.locator(PROVINCE_PATHS).count() == 8
    assert "پنجاب" in _table(page)
    box = page.locator('[data-spec="map-province"] svg').bounding_box()
    assert box["width"] <= 390
    # nothing in the page's main part is wider than the screen (the small maps scroll
    # inside their own box)
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 390
    left = page.locator('[data-spec="map-province"]').bounding_box()["x"]
    assert left >= 0
    context.close()
