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
