"""Backups: every record and uploaded file in one archive, restorable into a fresh database.

The archive (``.tar.gz``) holds

- ``manifest.json``: format version, when and from which database it was made,
  the migrations it was made at, and per model the row count and the SHA-256 of
  its data file; per uploaded file its size and SHA-256;
- ``data/NNN-app.model.json``: each model's rows, in dependency order, as Django
  fixtures (natural keys for content types and permissions, which ``migrate``
  re-creates under other ids), one canonical JSON object a line, ordered by key;
- ``media/...``: the files under MEDIA_ROOT.

The rows are read in one transaction (REPEATABLE READ on PostgreSQL), so the copy
is consistent while the site keeps running. ``restore_backup`` checks every
checksum before touching the database, loads everything in one transaction, and
re-computes the counts and checksums from the restored database before committing.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from napmon import __version__
from napmon.core.errors import NapmonError

FORMAT = "napmon-backup"
VERSION = 1
# Re-created by `migrate` (and referenced by natural key), or not data at all.
EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "core.loginfailure",
    "django_tasks_db.dbtaskresult",
}


class BackupError(NapmonError):
    """A backup cannot be made or restored; the message says why."""

    default_code = "backup_failed"


@dataclass
class BackupSummary:
    path: Path
    models: list[dict] = field(default_factory=list)
    media: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(entry["rows"] for entry in self.models)


def _encode(value):
    """JSON for field values, keeping full precision (DjangoJSONEncoder cuts microseconds)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot store {type(value).__name__} in a backup")


def backed_up_models() -> list:
    """Every concrete model with data worth keeping, parents before children."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    ]


def _rows(model):
    """The model's rows as canonical fixture lines (bytes), ordered by primary key."""
    queryset = model._base_manager.order_by("pk")
    objects = serializers.serialize(
        "python", queryset.iterator(chunk_size=2000), use_natural_foreign_keys=True
    )
    for obj in objects:
        yield json.dumps(obj, default=_encode, sort_keys=True, ensure_ascii=False).encode()


def _write_model(model, path: Path | None) -> dict:
    """Write (or, with ``path=None``, only measure) one model's fixture file."""
    digest, count = hashlib.sha256(), 0
    out = path.open("wb") if path else None
    try:
        # A JSON array with one object a line: loaddata reads it, diff shows rows.
        chunks = [b"[\n"]
        for line in _rows(model):
            chunks.append((b",\n" if count else b"") + line)
            count += 1
            if len(chunks) > 500:
                _emit(chunks, digest, out)
        chunks.append(b"\n]\n")
        _emit(chunks, digest, out)
    finally:
        if out:
            out.close()
    return {"label": model._meta.label_lower, "rows": count, "sha256": digest.hexdigest()}


def _emit(chunks: list[bytes], digest, out) -> None:
    data = b"".join(chunks)
    digest.update(data)
    if out:
        out.write(data)
    chunks.clear()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> dict[str, list[str]]:
    loader = MigrationLoader(connection)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


@contextmanager
def _consistent_snapshot():
    """A transaction that sees one moment of the database while the site keeps writing.

    PostgreSQL: REPEATABLE READ gives every query the same snapshot. SQLite: the
    transaction holds the write lock (IMMEDIATE mode), so writers wait meanwhile.
    """
    outer = connection.in_atomic_block
    with transaction.atomic():
        if not outer and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def snapshot_models(folder: Path | None) -> list[dict]:
    """Count and checksum every model (writing fixture files into ``folder`` if given)."""
    entries = []
    for index, model in enumerate(backed_up_models()):
        name = f"data/{index:03d}-{model._meta.label_lower.replace('.', '-')}.json"
        entry = _write_model(model, folder / name if folder else None)
        entry["file"] = name
        entries.append(entry)
    return entries


def create_backup(target: str | Path) -> BackupSummary:
    """Write a backup archive of the whole installation to ``target``.

    Raises ``BackupError`` when the target cannot be written.
    """
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="napmon-backup-") as tmp:
        staging = Path(tmp)
        (staging / "data").mkdir()
        with _consistent_snapshot():
            models = snapshot_models(staging)
            migrations = _applied_migrations()
        media = _media_entries()
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().astimezone(UTC).isoformat(),
            "napmon": __version__,
            "database": connection.vendor,
            "migrations": migrations,
            "models": models,
            "media": media,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".partial")
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(staging / "manifest.json", arcname="manifest.json")
                archive.add(staging / "data", arcname="data")
                for entry in media:
                    archive.add(Path(settings.MEDIA_ROOT) / entry["path"], arcname=entry["name"])
            # Only a complete archive gets the requested name.
            partial.replace(target)
        except OSError as exc:
            raise BackupError(f"Cannot write the backup to {target}: {exc}") from exc
    return BackupSummary(path=target, models=models, media=media)


def _media_entries() -> list[dict]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    entries = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        entries.append(
            {
                "path": relative,
                "name": f"media/{relative}",
                "bytes": path.stat().st_size,
                "sha256": _sha256_file(path),
            }
        )
    return entries
