"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`.

The built-in UCDP GED events (5,834) are not loaded for every test: tests that need them
ask for the ``ucdp_events`` fixture (per test) or ``ucdp_ged`` (once per module), both
loaded by the service `napmon init` uses.
"""

import os
from pathlib import Path

import pytest

# Imports do not warm the page cache afterwards (hundreds of tests import files): the
# tests of that step turn it on (tests/web/test_cache_warm.py).
os.environ.setdefault("NAPMON_WARM_AFTER_IMPORT", "0")

TESTS = Path(__file__).parent

# Where SQLite and PostgreSQL may behave differently, so the PostgreSQL pass of CI
# (`scripts/test-postgres -m db_engine`) runs these and the SQLite pass runs everything:
# raw SQL and bulk writes (summary tables, importers, rollback, matching), transactions,
# locks and optimistic locking (reporting workflow, task leases, concurrency), triggers,
# backup and restore, streamed responses, LIKE/case rules of the country scope, big
# integers in API input, and every URL once (role matrix). Pure computation, page
# rendering, translations and the browser tests read the same rows on either engine.
DB_ENGINE_PATHS = (
    "ops/",
    "events/",
    "briefs/",
    "analysis/test_summaries.py",
    "analysis/test_summary_faces.py",
    "analysis/test_claims_independent.py",
    "reporting/test_reports.py",
    "reporting/test_periods.py",
    "reporting/test_rates_reviews.py",
    "reporting/test_approval_levels.py",
    "reporting/test_views.py",
    "reporting/test_actions.py",
    "reporting/test_actions_cli.py",
    "reporting/test_funding.py",
    "reporting/test_province_reviews.py",
    "reporting/test_reminders.py",
    "api/test_actions.py",
    "core/test_audit.py",
    "core/test_task_leases.py",
    "core/test_two_factor.py",
    "core/test_visibility_attacks.py",
    "api/test_errors.py",
    "api/test_input_errors.py",
    "api/test_exports.py",
    "api/test_reporting.py",
    "web/test_page_cache.py",
)


def pytest_collection_modifyitems(config, items):
    """Mark the tests of ``DB_ENGINE_PATHS`` (and any marked ``postgres``) ``db_engine``."""
    for item in items:
        path = item.path.relative_to(TESTS).as_posix()
        if path.startswith(DB_ENGINE_PATHS) or item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.db_engine)


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
def _default_language():
    """Each test ends in the default language: a request with the Urdu cookie activates
    Urdu in the test's thread (LocaleMiddleware does not switch back), which would leak
    into the next test's command or service output."""
    from django.conf import settings as django_settings
    from django.utils import translation

    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty page cache (test data often changes without an
    audit entry, so the data version alone would not tell pages apart) and without the
    page rate limit, which has its own tests: tests ask for many pages from one address."""
    from django.core.cache import cache

    from napmon.analysis.services import summaries

    settings.NAPMON_PAGE_RATE = 100000
    cache.clear()
    # The process's memo of verified summary states: a rolled-back test can leave batch
    # ids that the next test's batches take again, so the memo would match stale tables.
    summaries._VERIFIED.clear()


@pytest.fixture
def urdu_fragments(settings, tmp_path):
    """The Urdu of the branches' fragments (``locale/fragments/*.po``) in force, before the
    lead merges them into ``django.po``: each fragment is compiled with msgfmt into a
    locale folder placed first in ``LOCALE_PATHS`` (Django resets its catalogues on the
    change). After the merge the fragments are gone and the catalogue has the same text."""
    import shutil
    import subprocess
    from pathlib import Path

    import napmon

    fragments = sorted((Path(napmon.__file__).parent / "locale" / "fragments").glob("*.po"))
    if fragments and not shutil.which("msgfmt"):
        pytest.skip("needs msgfmt (gettext) to compile the Urdu fragments")
    paths = []
    for fragment in fragments:
        target = tmp_path / fragment.stem / "ur" / "LC_MESSAGES" / "django.mo"
        target.parent.mkdir(parents=True)
        subprocess.run(["msgfmt", "-o", str(target), str(fragment)], check=True)
        paths.append(tmp_path / fragment.stem)
    settings.LOCALE_PATHS = [*paths, *settings.LOCALE_PATHS]
