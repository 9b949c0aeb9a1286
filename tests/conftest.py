"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from napmon.core.services import initialise

    with django_db_blocker.unblock():
        initialise()


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty page cache (test data often changes without an
    audit entry, so the data version alone would not tell pages apart) and without the
    page rate limit, which has its own tests: tests ask for many pages from one address."""
    from django.core.cache import cache

    settings.NAPMON_PAGE_RATE = 100000
    cache.clear()
