"""Write path of an import: insert new records in batches, update changed ones, retire.

Existing keys of the dataset are loaded once into a dict, so deciding between
insert, update and duplicate costs no query per row.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from operator import gt, itemgetter

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from napmon.core.config import env
from napmon.core.fields import CountField
from napmon.events.models import AnnualFigure, Event, ImportBatch, RecordRevision

BATCH_SIZE = 5000
UPDATE_CHUNK = 500
# Fewest new rows for which an import builds the secondary indexes at the end (SQLite).
BULK_MIN_ROWS = 20_000
# SQLite's page cache while importing, in KiB (negative, as PRAGMA cache_size takes it).
# The default 2 MB is soon outgrown by the key and date indexes, which are written in
# random order; then every insert reads pages back from disk.
IMPORT_CACHE_KIB = env("NAPMON_IMPORT_CACHE_MB") * 1024


def key_digest(key: str) -> int:
    """A 64-bit digest of an event key, to remember millions of keys in little memory.

    Python's own string hash: computed in C and cached on the string, about twenty
    times cheaper than a cryptographic digest. It differs between processes, which is
    fine: an import compares the digests of one file within one process. Two different
    keys share a digest with a probability of about n² / 2⁶⁵ (3 in 100 million for a
    million rows); such a pair is reported as a repeated id, never merged silently.
    """
    return hash(key)


@contextmanager
def bulk_write_settings(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Tune the connection for one large import, then restore its settings.

    On SQLite: a larger page cache and temporary structures in memory. Durability
    is untouched (journal and synchronous stay as configured), so a process killed
    half-way leaves the database as it was before the import. Other databases are
    left as they are.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    # SQLite refuses to change temp_store inside a transaction (an outer atomic block).
    pragmas = ["cache_size"] + ([] if connection.in_atomic_block else ["temp_store"])
    with connection.cursor() as cursor:
        previous = {}
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
            previous[pragma] = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB:d}")
        if "temp_store" in previous:
            cursor.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for pragma, value in previous.items():
                cursor.execute(f"PRAGMA {pragma} = {value:d}")


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
        # key → (pk, row_hash, active); the key is not repeated in the value, and the
        # status is a bool, to keep this small when a large dataset is imported again.
        rows = self.model.objects.filter(dataset=batch.dataset)
        if self.has_status:
            self.existing = {
                key: (pk, row_hash, status == "active")
                for pk, key, row_hash, status in rows.values_list("pk", "key", "row_hash", "status")
            }
        else:
            self.existing = {
                key: (pk, row_hash, True)
                for pk, key, row_hash in rows.values_list("pk", "key", "row_hash")
            }
        self.max_length = [
            (f.attname, f.max_length)
            for f in self.model._meta.concrete_fields
            if isinstance(f, models.CharField) and f.max_length
        ]
        # The text columns and their limits, to check every row's lengths in one C pass.
        # (itemgetter needs two names or more to return a tuple: the first is repeated.)
        checked = self.max_length[:1] + self.max_length
        self.text_values = itemgetter(*[name for name, _ in checked])
        self.text_limits = tuple(limit for _, limit in checked)
        self.batch_values = {"dataset_id": batch.dataset_id, "batch_id": batch.pk}
        # The wrapper itself, not the thread-local proxy: it is read for every value.
        self.connection = connections[DEFAULT_DB_ALIAS]
        self._prepare_columns()
        self.buffer: list[tuple] = []
        self.updates: list[tuple[int, dict]] = []
        self.inserted = self.duplicates = 0

    def _secondary_indexes(self) -> list[tuple[str, str]]:
        """The table's non-unique indexes as (name, CREATE statement); SQLite only."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [self.model._meta.db_table],
            )
            return cursor.fetchall()

    @contextmanager
    def deferred_indexes(self, expected_rows: int) -> Iterator[None]:
        """For a large insert on SQLite, build the secondary indexes once at the end.

        Inserting rows in file order updates every index at random places; building
        an index afterwards sorts once, which is several times faster. Done only when
        the file is expected to add at least ``BULK_MIN_ROWS`` rows and at least half
        as many as the table already has (rebuilding covers the whole table). The
        indexes are dropped and created again inside the import's transaction: other
        connections keep seeing them, and a failed import restores them with the rest.
        Unique indexes stay, as they guard the keys.
        """
        if self.connection.vendor != "sqlite" or expected_rows < BULK_MIN_ROWS:
            yield
            return
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - name from _meta
            existing = cursor.fetchone()[0] or 0
        if expected_rows * 2 < existing:
            yield
            return
        indexes = self._secondary_indexes()
        with self.connection.cursor() as cursor:
            for name, _sql in indexes:
                cursor.execute(f"DROP INDEX {self.connection.ops.quote_name(name)}")
        yield
        with self.connection.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)

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
                if field.attname == "raw" and self.connection.vendor == "sqlite":
                    continue  # the importer's JSON text is stored as is (see _insert)
                adapter = (lambda f: lambda v: ops.adapt_json_value(v, f.encoder))(field)
            elif isinstance(field, CountField):
                continue  # ints and Decimals from the importers; both drivers adapt them
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
        found = self.existing.get(record["key"])
        if found is None:
            self._insert(record)
            return
        raw_json = record.pop("_raw_json", None)
        if found[1] == record["row_hash"] and found[2]:
            self.duplicates += 1
        else:
            if raw_json is not None:
                record["raw"] = json.loads(raw_json)
            self.updates.append((found[0], record))

    def _insert(self, record: dict) -> None:
        raw_json = record.pop("_raw_json", None)
        if raw_json is not None and self.raw_position is None:
            record["raw"] = json.loads(raw_json)  # other databases adapt the dict
        row = {**self.defaults, **record, **self.batch_values}
        try:
            # Every text within its column's limit (the usual case), checked in C.
            fits = not any(map(gt, map(len, self.text_values(row)), self.text_limits))
        except TypeError:  # a None in a text column: checked one by one below
            fits = False
        if not fits:
            for name, limit in self.max_length:
                value = row[name]
                if value and len(value) > limit:
                    row[name] = value[:limit]
        values = list(self.row_values(row))
        for position, adapter in self.adapters:
            if values[position] is not None:
                values[position] = adapter(values[position])
        if self.raw_position is not None:
            # The same text adapt_json_value would produce; SQLite stores JSON as text.
            position = self.raw_position
            values[position] = raw_json if raw_json is not None else json.dumps(values[position])
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

    def retire_missing(self, seen: Container[int]) -> int:
        """Retire active events of the dataset whose key this file no longer has.

        ``seen`` holds the ``key_digest`` of every key in the file.
        """
        gone = [
            pk
            for key, (pk, _, active) in self.existing.items()
            if active and key_digest(key) not in seen
        ]
        now = timezone.now()
        for start in range(0, len(gone), UPDATE_CHUNK):
            Event.objects.filter(pk__in=gone[start : start + UPDATE_CHUNK]).update(
                status="retired", retired_at=now, retired_by=self.batch
            )
        return len(gone)
