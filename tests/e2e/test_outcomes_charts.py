"""The outcomes page on a fresh install (built-in UCDP GED events) in a real browser.

Every chart must be drawn as SVG, the yearly totals must be bars, and no line of the
yearly comparison may join two years across a year without data (PIPS publishes figures
for some years only).
"""

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALL_DRAWN = (
    "() => [...document.querySelectorAll('[data-spec]')].every("
    "el => el.classList.contains('chart-drawn') || el.textContent.includes('could not'))"
)

# For each line path of a chart: the years of its vertices, read from the points drawn
# at the same x positions (every figure is also a point whose label gives its year).
LINE_YEARS = """(el) => {
  const yearAt = new Map();
  for (const p of el.querySelectorAll('path[aria-roledescription="point"]')) {
    const year = /year\\): (\\d{4})/.exec(p.getAttribute('aria-label') || '');
    const at = /translate\\(([-\\d.]+),/.exec(p.getAttribute('transform') || '');
    if (year && at) yearAt.set(Math.round(parseFloat(at[1])), Number(year[1]));
  }
  return [...el.querySelectorAll('path[aria-roledescription="line mark"]')].map((path) => ({
    dataset: (/dataset: ([^;]+)/.exec(path.getAttribute('aria-label') || '') || [])[1],
    years: [...(path.getAttribute('d') || '').matchAll(/[ML]([-\\d.]+),/g)].map(
      (m) => yearAt.get(Math.round(parseFloat(m[1]))) ?? null),
  }));
}"""


@pytest.fixture
def fresh_install(nap_data):
    """As after `napmon init`: the NAP dataset and the built-in UCDP GED events."""
    from napmon.events.services.builtin import load_builtin_events

    return load_builtin_events()


def test_outcomes_page_draws_every_chart_and_no_line_spans_a_missing_year(
    browser, live_server, fresh_install
):
    page = browser.new_page()
    # The first request of a process imports statsmodels for the ITS panel: on a busy
    # machine that alone can take longer than Playwright's 30 s default.
    page.set_default_timeout(180_000)
    page.goto(live_server.url + "/outcomes/")
    page.wait_for_function(ALL_DRAWN, timeout=90_000)

    charts = page.locator("[data-spec]")
    ids = [charts.nth(i).get_attribute("data-spec") for i in range(charts.count())]
    assert {"chart-year-events", "chart-month-events", "chart-compare"} <= set(ids)
    for chart_id in ids:
        chart = page.locator(f'[data-spec="{chart_id}"]')
        assert chart.locator("svg").count() == 1, chart_id
        assert "could not be drawn" not in chart.inner_text(), chart_id

    # The monthly series and the ITS panel of UCDP GED, without any further step.
    assert "Dataset: UCDP GED" in page.locator("main").inner_text()
    its = page.locator("#its").inner_text()
    assert "Events in UCDP GED" in its and "Level change" in its

    # Yearly totals are bars, one per year of the table; no line in those charts.
    years = page.locator("#by-year tbody tr").count()
    year_chart = page.locator('[data-spec="chart-year-events"]')
    assert year_chart.locator('path[aria-roledescription="bar"]').count() == years == 31
    assert year_chart.locator('path[aria-roledescription="line mark"]').count() == 0

    # The yearly comparison: each line joins consecutive years only.
    compare = page.locator('[data-spec="chart-compare"]')
    lines = compare.evaluate(LINE_YEARS)
    paths = [line["years"] for line in lines]
    assert paths and all(None not in path for path in paths), lines
    for path in paths:
        assert all(b - a == 1 for a, b in zip(path, path[1:], strict=False)), path
    # The check is not vacuous: PIPS has years without a figure inside its range.
    pips_years = [
        int(re.match(r"\d{4}", row)[0])
        for row in page.locator("#pips tbody th").all_inner_texts()
        if re.match(r"\d{4}", row)
    ]
    gaps = set(range(min(pips_years), max(pips_years) + 1)) - set(pips_years)
    assert gaps, pips_years
    pips_lines = [line["years"] for line in lines if line["dataset"] == "PIPS"]
    assert len(pips_lines) >= 2  # broken at the gap, not drawn across it
    assert all(not set(range(p[0], p[-1] + 1)) & gaps for p in pips_lines)


def test_comparison_page_draws_the_synthetic_control(browser, live_server, fresh_install):
    page = browser.new_page()
    page.set_default_timeout(180_000)
    page.goto(live_server.url + "/outcomes/comparison/")
    page.wait_for_function(ALL_DRAWN, timeout=90_000)

    chart = page.locator('[data-spec="chart-synthetic"]')
    assert chart.locator("svg").count() == 1
    assert "could not be drawn" not in chart.inner_text()
    # One line for Khyber Pakhtunkhwa and one for its synthetic control.
    assert chart.locator('path[aria-roledescription="line mark"]').count() == 2
