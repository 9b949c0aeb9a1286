"""Release snapshots: the public data as a Frictionless data package.

``write_release(directory)`` writes ``datapackage.json`` and ``data/<table>.csv``.
The package is dated by the data's last change — the newest audit entry about plan
or indicator records, not the clock — and everything is ordered (rows by key, JSON
keys in a fixed order, ``\\r\\n`` CSV line endings), so two runs on unchanged data
give byte-identical files. Each resource records its file's SHA-256 and size.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from napmon.api.errors import ExportError
from napmon.api.services.exports import to_csv
from napmon.api.services.tables import TABLES, build_table
from napmon.core import audit
from napmon.core.errors import NapmonError

PACKAGE_NAME = "nap-monitor"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass(frozen=True)
class ReleaseResult:
    directory: Path
    created: str
    files: dict[str, str]  # relative path -> sha256


def data_changed_at() -> str:
    """``core.audit.data_changed_at``; raises ``ExportError`` (no_data) when nothing changed."""
    try:
        return audit.data_changed_at()
    except NapmonError as exc:
        raise ExportError(exc.message, code=exc.code) from None


def _schema(table) -> dict:
    schema = {"fields": [{"name": c.name, "type": c.type} for c in table.columns]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    return schema


def _event_provenance(name: str) -> dict:
    """Licences and sources of the event datasets behind the ``event_years`` table."""
    if name != "event_years":
        return {}
    from napmon.events.services.summary import datasets_shown

    datasets = [d for d in datasets_shown(public=True) if d.licence or d.citation]
    return {
        "licenses": [{"name": d.licence, "title": f"{d.name}: {d.licence}"} for d in datasets],
        "sources": [
            {"title": f"{d.name} ({d.producer}): {d.citation}", "path": d.url} for d in datasets
        ],
    }


def build_release() -> tuple[dict, dict[str, bytes]]:
    """The descriptor and the CSV files (path → bytes) of the public data."""
    created = data_changed_at()
    files: dict[str, bytes] = {}
    resources = []
    for name in TABLES:
        table = build_table(name, public_only=True)
        path = f"data/{name}.csv"
        content = to_csv(table)
        files[path] = content
        resources.append(
            {
                "name": name,
                "title": table.title,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": _schema(table),
                **_event_provenance(name),
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "NAP Monitor: public data release",
        "description": (
            "Public plan, indicator and rating data of NAP Monitor. Dated by the last change "
            "to the data. Text cells beginning with =, +, -, @, tab or carriage return carry "
            "a leading single quote (protection against spreadsheet formula injection)."
        ),
        "created": created,
        "licenses": [LICENSE],
        "resources": resources,
    }
    return descriptor, files


def write_release(directory: Path | str) -> ReleaseResult:
    """Write the package into ``directory`` (created if needed); returns what was written.

    Raises ``ExportError`` (no_data, not_a_directory).
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ExportError(
            f"{directory} is not a directory.", code="not_a_directory", field="directory"
        )
    descriptor, files = build_release()
    (directory / "data").mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        (directory / path).write_bytes(content)
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (directory / "datapackage.json").write_bytes(text.encode("utf-8"))
    hashes = {path: hashlib.sha256(content).hexdigest() for path, content in files.items()}
    return ReleaseResult(directory, descriptor["created"], hashes)
