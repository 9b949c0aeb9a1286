"""The open event data shipped with the package: UCDP GED events located in Pakistan.

``load_builtin_events`` imports it through the ordinary ``ucdp`` importer into its own
dataset, named :data:`UCDP_DATASET`, and records what the data measures, who produced
it, its licence and its citation on the ``Dataset`` so that every page, brief and export
showing its figures can repeat them. Provenance: docs/analysis.md ("Data and licences").
"""

from __future__ import annotations

import gzip
import hashlib
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import transaction

from napmon.core.audit import log_action
from napmon.events.models import Dataset, ImportBatch
from napmon.events.services.imports import import_events

UCDP_DATASET = "UCDP GED"
UCDP_FILE = "ucdp-ged-pakistan-1989-2019.csv.gz"
UCDP_FILE_NAME = "ged-pakistan-1989-2019.csv"
UCDP_METADATA = {
    "measure": "organised violence (events with at least one death)",
    "producer": (
        "Uppsala Conflict Data Program (UCDP), Department of Peace and Conflict Research, "
        "Uppsala University"
    ),
    "licence": "CC BY 4.0",
    "citation": (
        "Sundberg, Ralph and Erik Melander (2013), \u201cIntroducing the UCDP Georeferenced "
        "Event Dataset\u201d, Journal of Peace Research 50(4): 523-532; Pettersson, Therese "
        "and Magnus \u00d6berg (2020), \u201cOrganized violence, 1989-2019\u201d, Journal of "
        "Peace Research 57(4)."
    ),
    "url": "https://ucdp.uu.se/downloads/",
    "records_injuries": False,
    "description": (
        "UCDP Georeferenced Event Dataset (GED, global release ending 2019), the events "
        "located in Pakistan 1989-2019: state-based, non-state and one-sided violence with "
        "at least one death. Deaths are UCDP's best estimate, with low and high estimates. "
        "No injury counts. Not a terrorism dataset."
    ),
}


@dataclass
class BuiltinLoad:
    """What ``load_builtin_events`` did: the dataset, and the import counts (or why not)."""

    dataset: str
    loaded: bool
    events: int
    outside_pakistan: int = 0
    reason: str = ""


def _unpack(target: Path) -> str:
    """Decompress the packaged file into ``target``; return the SHA-256 of the CSV."""
    digest = hashlib.sha256()
    source = resources.files("napmon.events").joinpath("data", UCDP_FILE)
    with source.open("rb") as packed, gzip.open(packed) as csv, target.open("wb") as out:
        while chunk := csv.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _describe(dataset: Dataset, actor=None) -> None:
    changed = {k: v for k, v in UCDP_METADATA.items() if getattr(dataset, k) != v}
    if not changed:
        return
    with transaction.atomic():
        for name, value in changed.items():
            setattr(dataset, name, value)
        dataset.save(update_fields=list(changed))
        log_action(
            "events.dataset.described",
            obj=dataset,
            actor=actor,
            changes={k: str(v) for k, v in changed.items()},
        )


def load_builtin_events(actor=None) -> BuiltinLoad:
    """Import the packaged UCDP GED Pakistan extract into dataset "UCDP GED" (idempotent).

    When the dataset already holds an active import of the same file (same SHA-256) nothing
    is written; otherwise the file goes through ``import_events`` (one transaction, audit
    entry, ``events_imported`` signal) and the dataset's measure, producer, licence,
    citation and address are recorded. Raises ``EventImportError`` if the packaged file
    cannot be imported (it then imports nothing).
    """
    with tempfile.TemporaryDirectory(prefix="napmon-builtin-") as tmp:
        path = Path(tmp) / UCDP_FILE_NAME
        sha256 = _unpack(path)
        already = ImportBatch.objects.filter(
            dataset__name=UCDP_DATASET, sha256=sha256, status=ImportBatch.Status.IMPORTED
        ).first()
        if already is not None:
            _describe(already.dataset, actor)
            return BuiltinLoad(
                UCDP_DATASET,
                loaded=False,
                events=already.rows_imported,
                reason="already imported",
            )
        report = import_events(path, "ucdp", dataset=UCDP_DATASET, user=actor)
    _describe(Dataset.objects.get(name=UCDP_DATASET), actor)
    return BuiltinLoad(
        UCDP_DATASET,
        loaded=True,
        events=report.imported,
        outside_pakistan=report.outside_pakistan,
    )
