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
