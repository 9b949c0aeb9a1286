import re

import pytest

from napmon.core.audit import log_action

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def _no_inline_script(html: str) -> None:
    for match in SCRIPT.finditer(html):
        attrs = match["attrs"]
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        if "src=" in attrs:
            assert "/static/" in attrs and "http" not in attrs


def test_outcomes_page_without_events_shows_pips_and_explains(client):
    html = client.get("/outcomes/").content.decode()
    assert "PIPS annual totals" in html
    assert (
        '<th scope="row"><bdi class="ltr" dir="ltr">2014</bdi></th><td class="num">1,206</td>'
        in html
    )
    assert "Monthly analysis needs imported events" in html
    assert 'data-spec="chart-year-events"' in html and 'id="chart-year-events"' in html
    # PIPS figures kept in their own panel, each linked to its source.
    pips = html[html.index('id="pips"') :]
    assert 'id="chart-pips-events"' in pips and 'href="/sources/#src-' in pips
    assert "NAP adopted" in html and "24 Dec 2014" in html
    _no_inline_script(html)


def test_outcomes_page_with_events_shows_its_and_before_after(client, make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, lambda i: 30 if i < 36 else 12))
    html = client.get(
        "/outcomes/", {"dataset": "Synthetic", "at": "2015-01-01", "before": "12"}
    ).content.decode()
    assert "360 before it" in html and "144 in the window" in html
    assert "at the break in January 2015" in html
    assert '<th scope="row"><bdi>Khyber Pakhtunkhwa</bdi></th><td class="num">1512</td>' in html
    assert 'data-spec="chart-month-events"' in html and 'data-spec="chart-month-killed"' in html
    assert "Dataset: Synthetic" in html
    _no_inline_script(html)


def test_outcomes_page_defaults_to_ucdp_and_names_what_it_counts(client, ucdp_events):
    html = client.get("/outcomes/").content.decode()
    assert "Dataset: UCDP GED; counts cover Pakistan" in html
    assert "organised violence (events with at least one death)" in html
    assert "CC BY 4.0" in html and "Sundberg" in html and "Pettersson" in html
    assert "UCDP GED: events per year" in html and "Terrorist attacks in UCDP" not in html
    # UCDP records no injuries: a dash and a note, never 0, and no injuries chart.
    year = html[html.index('id="by-year"') : html.index('id="by-month"')]
    assert "Not recorded by this dataset" in year and "injured" in year
    assert 'id="chart-year-injured"' not in html
    assert '<th scope="row"><bdi class="ltr" dir="ltr">2009</bdi></th><td class="num">' in year
    row_2009 = re.search(
        r'<th scope="row"><bdi class="ltr" dir="ltr">2009</bdi></th>(.*?)</tr>', year
    )[1]
    assert row_2009.endswith('<td class="num">–</td>')
    assert 'id="chart-month-events"' in html
    assert "Events in UCDP GED" in html  # the ITS and before/after sentences
    everything = client.get("/outcomes/", {"dataset": "all"}).content.decode()
    assert "choose one dataset" in everything and "Events in UCDP GED" not in everything


def test_claims_page_shows_verdicts_and_numbers(client):
    html = client.get("/outcomes/claims/").content.decode()
    row = re.search(r'<tr id="claim-basit-attacks-halved-2008-2014">(.*?)</tr>', html, re.S)[1]
    assert "consistency approximate" in row and "roughly matches its source" in row
    assert "0.561" in row
    row = re.search(r'<tr id="claim-basit-attacks-down-48-percent">(.*?)</tr>', html, re.S)[1]
    assert "consistency matches" in row and "matches its source" in row
    assert "-48.176" in row and 'href="/sources/#src-basit-2020"' in row
    # Matching its own source is never shown as "verified".
    assert "verified" not in row
    _no_inline_script(html)


def test_index_page_is_labelled_not_the_official_gti(client, make_events):
    html = client.get("/outcomes/index/").content.decode()
    assert "GTI-style, not the official Global Terrorism Index" in html
    make_events("Synthetic", [("2015-03-01", "PK-KP", 2, 1)] * 3)
    # A real import writes an audit entry, which makes cached pages stale; this one doesn't.
    log_action("events.imported", object_type="events.batch")
    html = client.get("/outcomes/index/").content.decode()
    assert "GTI-style, not the official Global Terrorism Index" in html
    # One year of data: its five-year window is incomplete, and says so.
    assert '<th scope="row">Khyber Pakhtunkhwa</th><td class="num">2015*</td>' in html
    assert "Terrorism index" not in html and "Index of " in html
    _no_inline_script(html)


def test_index_page_marks_unrecorded_terms_and_incomplete_windows(client, make_events):
    make_events("Synthetic", [("2015-03-01", "PK-KP", 2, None)] * 3)
    html = client.get("/outcomes/index/").content.decode()
    assert "Terms this dataset does not record" in html and "injuries" in html
    assert "Incomplete windows" in html
    row = re.search(
        r'<tr class="incomplete"><th scope="row">Khyber Pakhtunkhwa</th>(.*?)</tr>', html
    )
    assert row and row[1].count("–") == 1


def test_nav_links_to_the_analysis_pages(client):
    html = client.get("/").content.decode()
    for url in ("/outcomes/", "/outcomes/claims/", "/outcomes/index/"):
        assert f'href="{url}"' in html
