"""An attacker against small-cell suppression, on every public surface.

The hidden cell: the aggregate-only dataset GTD has 2 events in Balochistan in 2015
(6 killed, 2 injured). The attacker, anonymous, asks every public surface for every
grouping and filter it takes (totals, other years, narrowed date windows, months, the
explorer, the outcome and index pages, a brief) and tries to recover the cell.

The decisive check is a differential one: the hidden cell is then changed (one more
event, 34 more killed, still fewer than k) and every public response must be byte for
byte the same. If no published figure depends on the cell, no difference of published
figures can recover it. A control changes a published cell the same way and must
change the responses, so the harness can see a leak when there is one.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.cache import cache

from napmon.analysis.services import refresh_summaries
from napmon.events.models import AdminUnit, Dataset, Event, ImportBatch

pytestmark = pytest.mark.django_db

BYS = ("year", "month", "province", "actor", "family", "type", "dataset")
WINDOWS = [
    {},
    {"date_from": "2015-01-01", "date_to": "2015-12-31"},
    {"date_from": "2014-01-01", "date_to": "2015-12-31"},
    {"date_from": "2015-01-01", "date_to": "2015-06-30"},
]
SCOPES = [{}, {"dataset": "GTD"}, {"province": "PK-BA"}]


def _add(name: str, tier: str, rows) -> None:
    dataset, _ = Dataset.objects.get_or_create(
        name=name, defaults={"format": "test", "licence_tier": tier}
    )
    batch = ImportBatch.objects.create(
        dataset=dataset, format="test", file_name="t.csv", sha256="0" * 64, created_by_label="t"
    )
    units = dict(AdminUnit.objects.values_list("code", "pk"))
    start = Event.objects.filter(dataset=dataset).count()
    Event.objects.bulk_create(
        Event(
            dataset=dataset,
            batch=batch,
            key=f"{name}-{start + i}",
            row_hash="x",
            date=day,
            date_precision="day",
            country="Pakistan",
            province_id=units[code],
            killed=killed,
            injured=injured,
            event_type="bombing",
        )
        for i, (day, code, killed, injured) in enumerate(rows)
    )
    refresh_summaries([dataset.pk])


def _many(year: int, code: str, n: int, killed: int = 1):
    return [(date(year, 1 + i % 12, 1 + i % 28), code, killed, 1) for i in range(n)]


@pytest.fixture
def world(settings):
    settings.NAPMON_API_RATE = "100000/min"
    gtd = _many(2014, "PK-BA", 10) + _many(2016, "PK-BA", 10)
    gtd += [(date(2015, 3, 4), "PK-BA", 4, 1), (date(2015, 8, 9), "PK-BA", 2, 1)]  # hidden
    for year in (2014, 2015, 2016):
        gtd += _many(year, "PK-PB", 20) + _many(year, "PK-KP", 8)
    _add("GTD", "aggregate", gtd)
    _add("UCDP GED", "open", _many(2015, "PK-BA", 3, killed=5) + _many(2015, "PK-PB", 4))
    _add("SECRET", "restricted", [(date(2015, 5, 5), "PK-BA", 50, 50)])


def _urls() -> list[str]:
    from urllib.parse import urlencode

    urls = []
    for scope in SCOPES:
        for window in WINDOWS:
            query = urlencode({**scope, **window})
            urls += [f"/api/v1/events/summary?by={by}&{query}" for by in BYS]
            urls += [f"/api/v1/outcomes/summary?by={by}&{query}" for by in ("year", "month")]
            urls += [f"/events/?{query}", f"/api/v1/outcomes/index?{query}"]
        urls.append(f"/api/v1/events/summary?by=province&fold_fata=true&{urlencode(scope)}")
    # The pages that run the outcome analyses and draw the index are slower: fewer asks.
    narrow = urlencode({"province": "PK-BA", **WINDOWS[3]})
    urls += ["/outcomes/", f"/outcomes/?{narrow}", "/outcomes/index/", f"/outcomes/index/?{narrow}"]
    urls.append("/api/v1/outcomes/its?dataset=GTD&at=2015-06-01")
    return urls


def _snapshot(client) -> dict[str, tuple[int, bytes]]:
    cache.clear()
    out = {}
    for url in _urls():
        response = client.get(url)
        assert response.status_code in (200, 422), (url, response.status_code)
        out[url] = (response.status_code, response.content)
    return out


def _change(code: str) -> None:
    """One more event and 34 more killed in GTD's 2015 cell of province ``code``."""
    _add("GTD", "aggregate", [(date(2015, 11, 11), code, 34, 0)])


def _row(client, url: str, key: str):
    rows = {r["key"]: r for r in client.get(url).json()["rows"]}
    return rows.get(key)


def test_the_attacks_of_the_issue_recover_nothing(client, world):
    base = "/api/v1/events/summary?dataset=GTD&province=PK-BA"
    # The cell itself is suppressed.
    cell = _row(client, f"{base}&by=year", "2015")
    assert cell == {
        "key": "2015",
        "events": None,
        "killed": None,
        "injured": None,
        "killed_unknown": None,
        "injured_unknown": None,
        "suppressed": True,
    }
    # Totals minus others: the all-years total contains the small cell, so it is withheld.
    total = _row(client, f"{base}&by=province", "Balochistan")
    assert total["suppressed"] is True and total["killed"] is None
    assert _row(client, "/api/v1/events/summary?dataset=GTD&by=dataset", "GTD")["suppressed"]
    # Narrowed date windows and months are finer than the public grid: GTD is left out.
    narrow = client.get(f"{base}&by=year&date_from=2015-01-01&date_to=2015-06-30").json()
    assert narrow["rows"] == [] and narrow["withheld"] == ["GTD"]
    by_month = client.get(f"{base}&by=month").json()
    assert by_month["rows"] == [] and by_month["withheld"] == ["GTD"]
    # The explorer lists only open rows: the UCDP events, never GTD's or the restricted ones.
    page = client.get("/events/?province=PK-BA&date_from=2015-01-01&date_to=2015-12-31")
    assert page.context["totals"]["events"] == 3 and page.context["totals"]["killed"] == 15
    assert {e.dataset.name for e in page.context["page"].object_list} == {"UCDP GED"}
    # The index rows whose five-year window includes the cell carry no score.
    index = client.get("/api/v1/outcomes/index?dataset=GTD").json()["rows"]
    balochistan = {r["year"]: r for r in index if r["province"] == "Balochistan"}
    assert balochistan[2014]["score"] is not None
    assert all(balochistan[y]["score"] is None for y in (2015, 2016))
    # Published cells stay published: Punjab 2015 in GTD.
    punjab = _row(client, "/api/v1/events/summary?dataset=GTD&province=PK-PB&by=year", "2015")
    assert (punjab["events"], punjab["killed"], punjab["suppressed"]) == (20, 20, False)
    # The restricted dataset is not even named.
    assert b"SECRET" not in client.get("/events/").content
    assert b"SECRET" not in client.get("/api/v1/events/summary?by=dataset").content


def test_no_public_response_depends_on_the_hidden_cell(client, world):
    before = _snapshot(client)
    _change("PK-BA")  # the hidden cell: 2 → 3 events, 6 → 40 killed, still below k
    after = _snapshot(client)
    assert [url for url in before if before[url] != after[url]] == []
    # Control: the same change to a published cell shows, so the harness can see a leak.
    _change("PK-PB")  # Punjab 2015: 20 → 21 events
    control = _snapshot(client)
    changed = {url for url in after if after[url] != control[url]}
    assert "/api/v1/events/summary?by=province&dataset=GTD" in changed
    body = json.loads(control["/api/v1/events/summary?by=province&dataset=GTD"][1])
    rows = {r["key"]: (r["events"], r["killed"]) for r in body["rows"]}
    assert rows == {"Balochistan": (None, None), "Khyber Pakhtunkhwa": (24, 24), "Punjab": (61, 94)}
