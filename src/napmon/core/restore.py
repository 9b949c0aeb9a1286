"""Restoring a backup archive (see ``napmon.core.backup``) into a fresh database."""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from napmon.core.backup import (
    FORMAT,
    VERSION,
    BackupError,
    BackupSummary,
    _sha256_file,
    backed_up_models,
    snapshot_models,
)


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Regular files and folders with relative paths only (no links, no ``..``)."""
    members = []
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"The archive holds an unsafe entry: {member.name!r}.")
        members.append(member)
    return members


def _unpack(archive_path: Path, folder: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(folder, members=_safe_members(archive), filter="data")
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BackupError(f"{archive_path} is not a readable backup archive: {exc}") from exc
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{archive_path} has no readable manifest.json: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{archive_path} is not a NAP Monitor backup of format {VERSION}.")
    return manifest


def _verify_files(folder: Path, manifest: dict) -> None:
    """Every file named by the manifest is there with the recorded checksum."""
    entries = [(e["file"], e["sha256"]) for e in manifest["models"]]
    entries += [(e["name"], e["sha256"]) for e in manifest["media"]]
    for name, expected in entries:
        path = folder / name
        if not path.is_file() or _sha256_file(path) != expected:
            raise BackupError(
                f"The archive is damaged: {name} is missing or does not match its checksum.",
                code="backup_damaged",
            )


def _check_migrations(manifest: dict) -> None:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of NAP Monitor (unknown migrations: "
            f"{', '.join(unknown[:5])}). Upgrade first, then restore.",
            code="backup_newer",
        )


def _check_empty(manifest: dict) -> None:
    by_label = {model._meta.label_lower: model for model in backed_up_models()}
    occupied = [
        f"{entry['label']} ({count} rows)"
        for entry in manifest["models"]
        if entry["rows"] and entry["label"] in by_label
        for count in [by_label[entry["label"]]._base_manager.count()]
        if count
    ]
    if occupied:
        raise BackupError(
            "Restore into a fresh database: this one already holds data in "
            f"{', '.join(occupied[:5])}. Point NAPMON_DATABASE_URL (or NAPMON_DATA_DIR) "
            "at an empty database and run `napmon restore` again.",
            code="database_not_empty",
        )


def _compare(expected: list[dict], actual: list[dict]) -> None:
    have = {entry["label"]: entry for entry in actual}
    problems = [
        f"{entry['label']}: {have.get(entry['label'], {}).get('rows')} rows restored, "
        f"{entry['rows']} in the backup"
        for entry in expected
        if (entry["rows"], entry["sha256"])
        != (have.get(entry["label"], {}).get("rows"), have.get(entry["label"], {}).get("sha256"))
    ]
    if problems:
        raise BackupError(
            "The restored data differ from the backup; nothing was restored: "
            + "; ".join(problems[:5]),
            code="restore_mismatch",
        )


def restore_backup(archive_path: str | Path) -> BackupSummary:
    """Restore ``archive_path`` into the (empty) configured database and MEDIA_ROOT.

    Migrates the database first. Raises ``BackupError`` for a damaged or foreign
    archive, a database that already holds data, or restored data whose counts or
    checksums differ from the manifest; the database is then left unchanged.
    """
    archive_path = Path(archive_path)
    with tempfile.TemporaryDirectory(prefix="napmon-restore-") as tmp:
        folder = Path(tmp)
        manifest = _unpack(archive_path, folder)
        _verify_files(folder, manifest)
        _check_migrations(manifest)
        call_command("migrate", interactive=False, verbosity=0)
        _check_empty(manifest)
        fixtures = [str(folder / entry["file"]) for entry in manifest["models"] if entry["rows"]]
        with transaction.atomic():
            if fixtures:
                call_command("loaddata", *fixtures, verbosity=0)
            restored = snapshot_models(None)
            _compare(manifest["models"], restored)
        _restore_media(folder, manifest["media"])
    if connection.vendor == "sqlite":
        # A freshly filled SQLite file benefits from up-to-date planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return BackupSummary(path=archive_path, models=restored, media=manifest["media"])


def _restore_media(folder: Path, media: list[dict]) -> None:
    root = Path(settings.MEDIA_ROOT)
    for entry in media:
        target = root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / entry["name"], target)
