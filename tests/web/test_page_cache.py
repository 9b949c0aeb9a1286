import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from napmon.core.audit import log_action
from napmon.core.models import ClientCounter
from napmon.indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


def test_anonymous_scorecard_is_served_from_the_cache(client):
    first, cold = get(client, "/plan/2021/")
    second, warm = get(client, "/plan/2021/")
    assert first.content == second.content
    assert cold > 10
    assert warm == 1  # only the data-version lookup


def test_a_data_change_shows_up_at_once(client):
    assert b"~1,300,000" in client.get("/plan/2021/").content
    value = IndicatorValue.objects.get(indicator__slug="urls-blocked")
    value.value = Decimal("1400000")
    value.save()
    log_action("indicatorvalue.updated", obj=value, changes={"value": ["1300000", "1400000"]})
    html = client.get("/plan/2021/").content
    assert b"~1,400,000" in html and b"~1,300,000" not in html


def test_languages_are_cached_apart(client):
    english = client.get("/plan/2021/").content.decode()
    client.get("/language/", {"language": "ur", "next": "/plan/2021/"})
    urdu = client.get("/plan/2021/").content.decode()
    assert 'dir="ltr"' in english and 'dir="rtl"' in urdu


def test_logged_in_users_are_not_served_cached_pages(client):
    client.get("/plan/2021/")
    user = get_user_model().objects.create_user("someone", password="a-long-password-1")
    client.force_login(user)
    response, queries = get(client, "/plan/2021/")
    assert queries > 10
    assert b"someone" in response.content


def test_public_pages_carry_no_csrf_token_for_anonymous_visitors(client):
    html = client.get("/plan/2021/points/4/").content
    assert b"csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_language_switch_refuses_off_site_redirects(client, target):
    response = client.get("/language/", {"language": "ur", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["django_language"].value == "ur"


def test_language_switch_ignores_unknown_languages(client):
    response = client.get("/language/", {"language": "xx", "next": "/sources/"})
    assert response["Location"] == "/sources/"
    assert "django_language" not in response.cookies


def test_unknown_query_parameters_do_not_bypass_the_cache(client):
    client.get("/events/?province=PK-BA")
    for i in range(3):
        response, queries = get(client, f"/events/?province=PK-BA&x={i}&utm=z{i}")
        assert response.status_code == 200 and queries == 1  # served from the cache
        assert f"x={i}" not in response.content.decode()


def test_too_many_uncached_pages_from_one_client_get_429(client, settings):
    settings.NAPMON_PAGE_RATE = 3
    if time.time() % 60 > 50:  # the limit counts per clock minute: start a fresh one
        time.sleep(61 - time.time() % 60)
    statuses = [
        client.get(f"/events/?page={i}", REMOTE_ADDR="192.0.2.9").status_code for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    limited = client.get("/events/?page=9", REMOTE_ADDR="192.0.2.9")
    assert 1 <= int(limited["Retry-After"]) <= 60
    # Another client, and cached pages for this one, are not held back.
    assert client.get("/events/?page=9", REMOTE_ADDR="192.0.2.10").status_code == 200
    assert client.get("/events/?page=0", REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_page_rate_limit_is_shared_by_every_server_process(client, settings):
    """Each gunicorn process has its own local cache; the count lives in the database."""
    settings.NAPMON_PAGE_RATE = 3
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)

    def fetch_as(process: str, page: int) -> int:
        # A second process: its own, empty local-memory cache.
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": process,
            }
        }
        return client.get(f"/events/?page={page}", REMOTE_ADDR="192.0.2.11").status_code

    statuses = [fetch_as("process-a", 0), fetch_as("process-b", 1), fetch_as("process-a", 2)]
    statuses += [fetch_as("process-b", 3), fetch_as("process-c", 4)]
    assert statuses == [200, 200, 200, 429, 429]
    assert ClientCounter.objects.get(key__startswith="page:192.0.2.11:").count == 5


def test_warming_fills_the_cache_so_the_first_visit_is_served_from_it(client):
    """`napmon serve` warms the shared cache before serving: afterwards the first anonymous
    visit of each public page renders no template (it is the cached page) and each API
    answer equals a freshly computed one."""
    from napmon.core.page_cache import warm_caches

    warmed = dict(warm_caches())
    pages = ("/", "/events/", "/outcomes/", "/outcomes/map/", "/reporting/scorecard/2021/")
    # without events the analyses answer 422 (nothing to fit): errors are not cached
    assert {warmed[p] for p in (*pages, "/api/v1/claims")} == {200}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200 and response.templates == [], path
    served = client.get("/api/v1/events/summary?by=year").content
    cache.clear()
    assert client.get("/api/v1/events/summary?by=year").content == served


def test_signed_in_users_are_not_served_the_warmed_pages(client):
    from napmon.core.page_cache import warm_caches

    warm_caches()
    user = get_user_model().objects.create_user("reader", password="pw-reader-123")
    client.force_login(user)
    response = client.get("/events/")
    assert response.status_code == 200 and response.templates != []
