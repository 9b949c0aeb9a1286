"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`.

The built-in UCDP GED events (5,834) are not loaded for every test: tests that need them
ask for the ``ucdp_events`` fixture (per test) or ``ucdp_ged`` (once per module), both
loaded by the service `napmon init` uses.
"""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from napmon.site.services import initialise

    with django_db_blocker.unblock():
        initialise()


@pytest.fixture
def ucdp_events(db):
    """The built-in UCDP GED Pakistan events, loaded as `napmon init` loads them (inside the
    test's transaction, so undone after it)."""
    from napmon.events.services.builtin import load_builtin_events

    return load_builtin_events()


@pytest.fixture(scope="module")
def ucdp_ged(django_db_setup, django_db_blocker):
    """The same built-in events loaded once for a whole module, for modules whose every
    test reads them: committed outside the tests' transactions and removed after the
    module (unless they were there before). Yields the dataset name, "UCDP GED"."""
    from napmon.events.models import Dataset, Event, ImportBatch
    from napmon.events.services.builtin import UCDP_DATASET, load_builtin_events

    with django_db_blocker.unblock():
        created = not Event.objects.filter(dataset__name=UCDP_DATASET).exists()
        load_builtin_events()
    yield UCDP_DATASET
    if created:
        with django_db_blocker.unblock():
            dataset = Dataset.objects.get(name=UCDP_DATASET)
            Event.objects.filter(dataset=dataset).delete()
            ImportBatch.objects.filter(dataset=dataset).delete()
            dataset.delete()


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty page cache (test data often changes without an
    audit entry, so the data version alone would not tell pages apart) and without the
    page rate limit, which has its own tests: tests ask for many pages from one address."""
    from django.core.cache import cache

    settings.NAPMON_PAGE_RATE = 100000
    cache.clear()
