"""The built-in UCDP GED Pakistan extract, imported once for tests that need real outcome data.

``ucdp_ged_dataset(django_db_blocker, tmp_path_factory)`` imports the shipped file through the
ordinary ``ucdp`` importer into the dataset "UCDP GED" (unless ``napmon init`` already did),
and returns a teardown that removes it again when this helper created it. Module-scoped
fixtures in the area conftests wrap it so the import runs once per test module.
"""

from __future__ import annotations

import gzip
import shutil

import napmon.events

UCDP_FILE = "ucdp-ged-pakistan-1989-2019.csv.gz"
UCDP_NAME = "UCDP GED"


def ucdp_ged_dataset(django_db_blocker, tmp_path_factory):
    from pathlib import Path

    from napmon.events.models import Dataset, Event, ImportBatch
    from napmon.events.services import import_events

    with django_db_blocker.unblock():
        if Event.objects.filter(dataset__name=UCDP_NAME).exists():
            return lambda: None
        source = Path(napmon.events.__file__).parent / "data" / UCDP_FILE
        target = tmp_path_factory.mktemp("ucdp") / "ged-pakistan-1989-2019.csv"
        with gzip.open(source, "rb") as fin, target.open("wb") as fout:
            shutil.copyfileobj(fin, fout)
        import_events(target, "ucdp", dataset=UCDP_NAME)

    def remove():
        with django_db_blocker.unblock():
            dataset = Dataset.objects.get(name=UCDP_NAME)
            Event.objects.filter(dataset=dataset).delete()
            ImportBatch.objects.filter(dataset=dataset).delete()
            dataset.delete()

    return remove
