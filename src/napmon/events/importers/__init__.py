"""One importer class per external format, all subclassing ``BaseImporter``."""

from __future__ import annotations

from napmon.events.errors import EventImportError
from napmon.events.importers.acled import AcledImporter
from napmon.events.importers.annual import AnnualImporter
from napmon.events.importers.base import BaseImporter
from napmon.events.importers.gtd import GtdImporter
from napmon.events.importers.mapped import MappedImporter
from napmon.events.importers.ucdp import UcdpImporter

IMPORTERS: dict[str, type[BaseImporter]] = {
    cls.format: cls
    for cls in (GtdImporter, UcdpImporter, AcledImporter, AnnualImporter, MappedImporter)
}


def get_importer(format_name: str) -> type[BaseImporter]:
    """The importer class for a format name; raises ``EventImportError`` (unknown_format)."""
    try:
        return IMPORTERS[format_name.lower()]
    except KeyError:
        raise EventImportError(
            f"Unknown format '{format_name}'. Known formats: {', '.join(IMPORTERS)}.",
            code="unknown_format",
            field="format",
        ) from None


__all__ = ["IMPORTERS", "BaseImporter", "get_importer"]
