"""Warming the shared cache: both languages at start-up and on demand (`napmon cache warm`),
so the first visitor of a page is served from the cache. After an import:
tests/events/test_warm_after_import.py."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from napmon.core.page_cache import warm_caches

pytestmark = pytest.mark.django_db

PAGES = ("/", "/events/", "/outcomes/", "/reporting/scorecard/2021/")


def _served_from_cache(client, path) -> bool:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.templates == []  # nothing rendered: the cached page


def test_pages_are_warmed_in_urdu_too(client):
    warmed = dict(warm_caches())
    assert {warmed[p] for p in PAGES} == {200}
    assert {warmed[f"{p} [ur]"] for p in PAGES} == {200}
    # the API is warmed once, in the default language (API clients send no cookie)
    assert "/api/v1/events/summary?by=year" in warmed
    assert not any(p.startswith("/api/") and p.endswith("[ur]") for p in warmed)
    client.cookies["django_language"] = "ur"
    for path in PAGES:
        assert _served_from_cache(client, path), path
    assert 'dir="rtl"' in client.get("/outcomes/").content.decode()


def test_cache_warm_command_lists_each_page_and_the_total(client):
    out = StringIO()
    call_command("cache", "warm", stdout=out)
    text = out.getvalue()
    assert "  200  /outcomes/ [ur]" in text
    assert "  200  /api/v1/events/summary?by=district" in text
    total = text.strip().splitlines()[-1]
    assert total.startswith("Cache warm: ") and " pages in " in total
    assert _served_from_cache(client, "/outcomes/")


def test_cache_warm_json_and_answers_without_data_are_not_failures():
    out = StringIO()
    call_command("cache", "warm", "--json", stdout=out)  # no events: analyses answer 422
    doc = json.loads(out.getvalue())
    statuses = {page["path"]: page["status"] for page in doc["pages"]}
    assert statuses["/events/"] == 200
    assert statuses["/api/v1/outcomes/its?intervention=nap-adopted"] == 422
    assert doc["seconds"] >= 0


def test_cache_warm_refuses_a_per_process_cache(monkeypatch):
    monkeypatch.setenv("NAPMON_CACHE", "memory")
    with pytest.raises(CommandError, match="NAPMON_CACHE is 'memory'") as caught:
        call_command("cache", "warm")
    assert caught.value.returncode == 2
