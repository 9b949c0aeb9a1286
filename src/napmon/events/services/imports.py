"""The ``import_events`` service: run an importer and write its records in one transaction."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction

from napmon.core.audit import log_action
from napmon.core.visibility import default_tier
from napmon.events import signals
from napmon.events.errors import EventImportError
from napmon.events.importers import get_importer
from napmon.events.importers.base import BaseImporter
from napmon.events.importers.report import MAX_LISTED_PROBLEMS, ImportReport, Problem
from napmon.events.models import AdminUnit, Dataset, ImportBatch
from napmon.events.resolvers import is_pakistan
from napmon.events.services.reference import seed_reference_data
from napmon.events.services.writer import RecordWriter, bulk_write_settings, key_digest


class _DryRun(Exception):  # noqa: N818 - control flow: roll the transaction back
    pass


def max_import_bytes() -> int:
    """The size limit, ``settings.NAPMON_MAX_IMPORT_MB`` (declared in ``core.config``)."""
    return int(float(settings.NAPMON_MAX_IMPORT_MB) * 1024 * 1024)


def _check_file(path: Path, display_name: str) -> None:
    if not path.is_file():
        raise EventImportError(f"No such file: {path}", code="file_not_found", field="file")
    size = path.stat().st_size
    if size == 0:
        raise EventImportError(
            f"{display_name} is empty (0 bytes).", code="empty_file", field="file"
        )
    if size > max_import_bytes():
        raise EventImportError(
            f"{display_name} is {size / 1048576:.0f} MB, above the import limit of "
            f"{max_import_bytes() / 1048576:.0f} MB (NAPMON_MAX_IMPORT_MB).",
            code="file_too_large",
            field="file",
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _json_options(options: dict) -> dict:
    return {
        k: str(v) if isinstance(v, Path) else v
        for k, v in options.items()
        if v not in (None, "", False) and isinstance(v, (str, int, float, bool, Path))
    }


def _problem_for_duplicate(importer: BaseImporter, row: int, record: dict, first: int):
    if record["key"].startswith("row:"):
        return Problem(
            row,
            "",
            "duplicate_row",
            f"the same content as row {first}; the two cannot be told apart",
        )
    column = importer.header[importer.index["id"]] if "id" in importer.index else "id"
    return Problem(
        row, column, "duplicate_id", f"id '{record['key']}' already appears at row {first}"
    )


def _expected_rows(path: Path) -> int:
    """About how many rows a file has: its size over the line length of its first MB."""
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    lines = sample.count(b"\n")
    return path.stat().st_size * lines // len(sample) if lines and sample else 0


def _read_and_write(importer, writer, report, skip_bad_rows) -> dict[int, int]:
    """Stream the records into the writer; collect problems.

    Returns the rows seen by ``key_digest`` of their key: 8-byte integers rather
    than the keys themselves, so a file of millions of rows stays small in memory.
    """
    seen: dict[int, int] = {}
    writing = True
    for row, record, problem in importer.records():
        report.rows_read += 1
        if record is not None:
            digest = key_digest(record["key"])
            first = seen.get(digest)
            if first is not None:
                problem = _problem_for_duplicate(importer, row, record, first)
                record = None
        if record is not None:
            for warning in record.pop("_warnings", ()):
                report.add(warning)  # about a row that is imported
        if problem is not None:
            report.add(problem)
            if problem.severity == "error" and not skip_bad_rows:
                writing = False  # the import will fail; keep validating, stop writing
                continue
            report.skipped += 1
            if len(report.skipped_rows) < MAX_LISTED_PROBLEMS:
                report.skipped_rows.append(row)
            continue
        seen[digest] = row
        if not is_pakistan(record.get("country", "Pakistan")):
            report.outside_pakistan += 1
        if writing:
            writer.add(record)
    return seen


def _write(importer: BaseImporter, report: ImportReport, skip_bad_rows: bool, user) -> None:
    if not AdminUnit.objects.exists():
        seed_reference_data()  # a database created without `napmon init` still resolves names
    dataset, _ = Dataset.objects.get_or_create(
        name=report.dataset,
        defaults={
            **importer.dataset_defaults(),
            "licence_tier": default_tier(importer.format),
        },
    )
    batch = ImportBatch.objects.create(
        dataset=dataset,
        format=importer.format,
        file_name=report.file_name,
        sha256=report.sha256,
        options=_json_options(importer.options),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_by_label=user.get_username()
        if getattr(user, "is_authenticated", False)
        else "system",
    )
    writer = RecordWriter(importer.kind, batch)
    with writer.deferred_indexes(_expected_rows(importer.path)):  # large files index at the end
        seen = _read_and_write(importer, writer, report, skip_bad_rows)
        writer.flush()
    report.encoding = importer.encoding or ""
    for warning in importer.warnings():
        report.add(warning)
    if report.error_count and not skip_bad_rows:
        return
    report.imported, report.duplicates = writer.inserted, writer.duplicates
    report.updated = writer.apply_updates()
    if importer.retires_missing and report.skipped_rows:
        report.add(
            Problem(
                None,
                "",
                "retire_skipped",
                "events missing from this file were not retired because some rows "
                "were skipped; fix them and import again",
                "warning",
            )
        )
    elif importer.retires_missing:
        report.retired = writer.retire_missing(seen)
    batch.encoding = report.encoding
    batch.columns = importer.header
    batch.rows_read, batch.rows_imported = report.rows_read, report.imported
    batch.rows_updated, batch.rows_retired = report.updated, report.retired
    batch.rows_skipped, batch.rows_duplicate = report.skipped, report.duplicates
    batch.problems = [p.as_dict() for p in report.problems]
    batch.save()
    report.batch_id = batch.pk
    log_action("events.batch.imported", obj=batch, actor=user, changes=report.counts())
    transaction.on_commit(lambda: signals.events_imported.send(sender=ImportBatch, batch=batch))


def import_events(
    path,
    format_name: str,
    *,
    dataset: str | None = None,
    mapping=None,
    encoding: str | None = None,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
    options: dict | None = None,
    user=None,
    progress=None,
    file_name: str | None = None,
) -> ImportReport:
    """Import one file of ``format_name`` into ``dataset`` and return the report.

    All or nothing: when any row has an error the transaction is rolled back
    and ``EventImportError`` is raised with the first problem's code, row and
    field, and the full ``report``; with ``skip_bad_rows`` those rows are left
    out and listed instead. ``dry_run`` does everything, then rolls back.
    Rows already imported unchanged count as duplicates; changed ones are
    updated (and their old values kept for rollback). Also raises
    ``EventImportError`` for a missing, empty or oversized file, an unknown
    format or encoding, a bad mapping, or a header without required columns.
    """
    path = Path(path)
    _check_file(path, file_name or path.name)
    opts = {**(options or {}), "dataset": dataset, "mapping": mapping, "file_name": file_name}
    importer = get_importer(format_name)(path, encoding=encoding, options=opts, progress=progress)
    name = importer.dataset_name()
    if not name:
        raise EventImportError(
            "Name the dataset (--dataset NAME or 'dataset:' in the mapping).",
            code="missing_dataset",
            field="dataset",
        )
    report = ImportReport(
        importer.format, name, file_name or path.name, _sha256(path), dry_run=dry_run
    )
    try:
        with bulk_write_settings(), transaction.atomic():
            _write(importer, report, skip_bad_rows, user)
            if dry_run or (report.error_count and not skip_bad_rows):
                raise _DryRun
    except _DryRun:
        report.batch_id = None
    except EventImportError as exc:
        exc.report = report
        raise
    if report.error_count and not skip_bad_rows:
        first = report.first_error
        column = f", column '{first.field}'" if first and first.field else ""
        where = f" Row {first.row}{column}: {first.message}." if first else ""
        raise EventImportError(
            f"{report.file_name}: {report.error_count} problem(s); nothing was imported.{where}",
            code=first.code if first else "import_failed",
            field=first.field if first else None,
            row=first.row if first else None,
            report=report,
        )
    return report
