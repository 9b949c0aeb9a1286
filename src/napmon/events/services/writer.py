"""Write path of an import: insert new records in batches, update changed ones, retire.

Existing keys of the dataset are loaded once into a dict, so deciding between
insert, update and duplicate costs no query per row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from operator import itemgetter

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from napmon.events.models import AnnualFigure, Event, ImportBatch, RecordRevision

BATCH_SIZE = 5000
UPDATE_CHUNK = 500


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class RecordWriter:
    """Collects cleaned records of one batch and writes them with ``bulk_create``."""

    def __init__(self, kind: str, batch: ImportBatch):
        self.model = AnnualFigure if kind == "annual" else Event
        self.label = "annual" if kind == "annual" else "event"
        self.batch = batch
        self.has_status = self.model is Event
        fields = ["pk", "key", "row_hash"] + (["status"] if self.has_status else [])
        self.existing = {
            row[1]: row
            for row in self.model.objects.filter(dataset=batch.dataset).values_list(*fields)
        }
        self.max_length = {
            f.attname: f.max_length
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.CharField) and f.max_length
        }
        # The wrapper itself, not the thread-local proxy: it is read for every value.
        self.connection = connections[DEFAULT_DB_ALIAS]
        self._prepare_columns()
        self.buffer: list[tuple] = []
        self.updates: list[tuple[int, dict]] = []
        self.inserted = self.duplicates = 0

    def _prepare_columns(self) -> None:
        """Column list, defaults and value adapters for the fast insert (pk excluded)."""
        ops = self.connection.ops
        names, columns, self.defaults, self.adapters = [], [], {}, []
        for field in self.model._meta.concrete_fields:
            if field.primary_key:
                continue
            names.append(field.attname)
            columns.append(ops.quote_name(field.column))
            if field.has_default() or not field.null:
                self.defaults[field.attname] = field.get_default()
            else:
                self.defaults[field.attname] = None
            # The conversions bulk_create would apply, bound once.
            if isinstance(field, models.JSONField):
                adapter = (lambda f: lambda v: ops.adapt_json_value(v, f.encoder))(field)
            elif isinstance(field, models.DateTimeField | models.DecimalField):
                adapter = (lambda f: lambda v: f.get_db_prep_save(v, self.connection))(field)
            elif isinstance(field, models.DateField):
                adapter = ops.adapt_datefield_value
            else:
                continue
            self.adapters.append((len(names) - 1, adapter))
        self.row_values = itemgetter(*names)
        self.raw_position = (
            names.index("raw") if "raw" in names and self.connection.vendor == "sqlite" else None
        )
        # Identifiers come from the model's metadata, quoted; values are parameters.
        self.insert_sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            ops.quote_name(self.model._meta.db_table),
            ", ".join(columns),
            ", ".join(["%s"] * len(columns)),
        )

    def add(self, record: dict) -> None:
        """Queue a record: new → insert, changed or retired → update, same → duplicate."""
        if record.get("_raw_json") is not None and record["key"] in self.existing:
            del record["_raw_json"]
        found = self.existing.get(record["key"])
        if found is None:
            self._insert(record)
        elif found[2] == record["row_hash"] and (not self.has_status or found[3] == "active"):
            self.duplicates += 1
        else:
            self.updates.append((found[0], record))

    def _insert(self, record: dict) -> None:
        for name, limit in self.max_length.items():
            value = record.get(name)
            if value and len(value) > limit:
                record[name] = value[:limit]
        raw_json = record.pop("_raw_json", None)
        values = list(
            self.row_values(
                {
                    **self.defaults,
                    **record,
                    "dataset_id": self.batch.dataset_id,
                    "batch_id": self.batch.pk,
                }
            )
        )
        for position, adapter in self.adapters:
            if values[position] is not None:
                values[position] = adapter(values[position])
        if raw_json is not None and self.raw_position is not None:
            # The same text adapt_json_value would produce; SQLite stores JSON as text.
            values[self.raw_position] = raw_json
        self.buffer.append(values)
        if len(self.buffer) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Insert the buffered rows with one executemany.

        This is what ``bulk_create`` does, minus building a model instance and
        compiling SQL for every row, which measured at about 280 µs per event
        (35 columns) against about 10 µs here; values go through the same
        ``get_db_prep_save`` conversions for dates, JSON and decimals.
        """
        if self.buffer:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.insert_sql, self.buffer)
            self.inserted += len(self.buffer)
            self.buffer = []

    def apply_updates(self) -> int:
        """Write changed records, keeping their previous values as revisions."""
        for start in range(0, len(self.updates), UPDATE_CHUNK):
            chunk = self.updates[start : start + UPDATE_CHUNK]
            objects = self.model.objects.in_bulk([pk for pk, _ in chunk])
            revisions, changed, names = [], [], set()
            for pk, record in chunk:
                obj = objects[pk]
                if self.has_status:
                    record = {
                        **record,
                        "status": "active",
                        "retired_at": None,
                        "retired_by_id": None,
                    }
                previous = {
                    name: _plain(getattr(obj, name))
                    for name, value in record.items()
                    if getattr(obj, name) != value
                }
                for name, value in record.items():
                    setattr(obj, name, value)
                names.update(previous)
                changed.append(obj)
                revisions.append(
                    RecordRevision(
                        batch=self.batch, model=self.label, object_id=pk, previous=previous
                    )
                )
            if names:
                self.model.objects.bulk_update(changed, sorted(names), batch_size=UPDATE_CHUNK)
            RecordRevision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
        return len(self.updates)

    def retire_missing(self, seen: set[str]) -> int:
        """Retire active events of the dataset whose key this file no longer has."""
        gone = [
            row[0] for key, row in self.existing.items() if key not in seen and row[3] == "active"
        ]
        now = timezone.now()
        for start in range(0, len(gone), UPDATE_CHUNK):
            Event.objects.filter(pk__in=gone[start : start + UPDATE_CHUNK]).update(
                status="retired", retired_at=now, retired_by=self.batch
            )
        return len(gone)
