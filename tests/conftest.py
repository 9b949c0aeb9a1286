"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`.

The built-in UCDP GED events (5,834) are not loaded for every test: tests that need them
ask for the ``ucdp_events`` fixture, as after `napmon init` without `--no-events`.
"""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from napmon.site.services import initialise

    with django_db_blocker.unblock():
        initialise()


@pytest.fixture
def ucdp_events(db):
    """The built-in UCDP GED Pakistan events, loaded as `napmon init` loads them."""
    from napmon.events.services.builtin import load_builtin_events

    return load_builtin_events()


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty page cache (test data often changes without an
    audit entry, so the data version alone would not tell pages apart) and without the
    page rate limit, which has its own tests: tests ask for many pages from one address."""
    from django.core.cache import cache

    settings.NAPMON_PAGE_RATE = 100000
    cache.clear()
