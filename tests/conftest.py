"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from napmon.core.services import initialise

    with django_db_blocker.unblock():
        initialise()


@pytest.fixture(scope="session")
def builtin_ucdp_csv(tmp_path_factory):
    """The built-in UCDP GED extract, decompressed once (the importer reads plain CSV)."""
    import gzip
    import shutil
    from pathlib import Path

    import napmon.events

    source = Path(napmon.events.__file__).parent / "data" / "ucdp-ged-pakistan-1989-2019.csv.gz"
    target = tmp_path_factory.mktemp("ucdp") / "ucdp-ged-pakistan-1989-2019.csv"
    with gzip.open(source, "rb") as src, target.open("wb") as out:
        shutil.copyfileobj(src, out)
    return target


@pytest.fixture
def ucdp_events(db, builtin_ucdp_csv):
    """The built-in UCDP data imported through the ordinary ``ucdp`` importer."""
    from napmon.events.services import import_events

    return import_events(builtin_ucdp_csv, "ucdp", dataset="UCDP GED")
