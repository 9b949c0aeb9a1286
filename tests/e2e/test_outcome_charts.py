"""The ITS and placebo charts draw in real Chromium under the site's CSP."""

from datetime import date

import pytest


@pytest.fixture
def synthetic_events(nap_data):
    from napmon.events.models import AdminUnit, Dataset, Event, ImportBatch

    # open data: the anonymous browser may see its monthly series (core.visibility)
    dataset = Dataset.objects.create(name="Synthetic", format="test", licence_tier="open")
    batch = ImportBatch.objects.create(
        dataset=dataset, format="test", file_name="t.csv", sha256="0" * 64,
        created_by_label="test", rows_imported=0,
    )  # fmt: skip
    kp = AdminUnit.objects.get(code="PK-KP").pk
    rows = []
    for i in range(120):
        day = date(2008 + i // 12, i % 12 + 1, 10)
        rows += [day] * (30 + (i % 5) if i < 84 else 12 + (i % 3))
    Event.objects.bulk_create(
        Event(dataset=dataset, batch=batch, key=f"e{n}", row_hash="x", date=day,
              date_precision="day", country="Pakistan", province_id=kp, event_type="bombing")
        for n, day in enumerate(rows)
    )  # fmt: skip
    from napmon.analysis.services import refresh_summaries

    refresh_summaries([dataset.pk])


def test_its_and_placebo_charts_are_drawn(browser, live_server, synthetic_events):
    page = browser.new_page()
    # The page fits the ITS, its placebo breaks and sensitivity grid: slow on a busy machine.
    page.goto(
        f"{live_server.url}/outcomes/?dataset=Synthetic&at=2015-01-01&window=24", timeout=180000
    )
    page.wait_for_selector('[data-spec="chart-its"].chart-drawn svg', timeout=30000)
    page.wait_for_selector('[data-spec="chart-placebo"].chart-drawn svg', timeout=30000)
    assert "Verdict" in page.inner_text("#its")
    assert page.locator('[data-spec="chart-placebo"] svg .mark-symbol path').count() >= 5
    page.close()


LEGEND = """(selector) => [...document.querySelectorAll(selector + ' .role-legend-symbol path')]
    .map((dot, n) => {
        const label = document.querySelectorAll(selector + ' .role-legend-label text')[n];
        const a = dot.getBoundingClientRect(), b = label.getBoundingClientRect();
        return {text: label.textContent, dotRight: a.right, labelLeft: b.left,
                overlap: Math.min(a.right, b.right) - Math.max(a.left, b.left)};
    })"""


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_its_legend_is_in_the_page_language_and_clear_of_its_dots(
    browser, live_server, synthetic_events, urdu_fragments, language
):
    context = browser.new_context()
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(
        f"{live_server.url}/outcomes/?dataset=Synthetic&at=2015-01-01&window=24", timeout=180000
    )
    page.wait_for_selector('[data-spec="chart-its"].chart-drawn svg', timeout=30000)
    legend = page.evaluate(LEGEND, '[data-spec="chart-its"]')
    names = {"en": ["observed", "model", "counterfactual"], "ur": ["مشاہدہ", "ماڈل", "متبادل صورت"]}
    assert [entry["text"] for entry in legend] == names[language]
    for entry in legend:
        # Each label starts after its colour dot, in both directions of the page.
        assert entry["overlap"] <= 0, entry
        assert entry["labelLeft"] >= entry["dotRight"]
    context.close()
