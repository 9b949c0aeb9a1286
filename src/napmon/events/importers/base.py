"""The base of every importer: read → resolve columns → clean rows into records.

Subclasses declare their columns and implement ``clean``; writing, counting and
the all-or-nothing rule live in ``napmon.events.services.imports``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from itertools import compress
from json.encoder import encode_basestring_ascii
from operator import add, itemgetter
from pathlib import Path
from typing import ClassVar

from napmon.events.errors import EventImportError
from napmon.events.importers.readers import TableReader, XlsxReader, open_table
from napmon.events.importers.report import Problem
from napmon.events.importers.values import RowError, looks_scientific
from napmon.events.resolvers import ActorRegistry, Gazetteer

_DATA_LIKE = re.compile(r"^[\d.,:/\- E+]+$")


class SkipRow(Exception):  # noqa: N818 - a signal, not an error
    """Raised by ``clean`` for rows a rule says to leave out (a totals row)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _with_last(rows: Iterator) -> Iterator[tuple[tuple[int, list[str]], bool]]:
    """Pair each item with whether it is the last one (to tell a cut-off last line)."""
    previous = None
    for item in rows:
        if previous is not None:
            yield previous, False
        previous = item
    if previous is not None:
        yield previous, True


class BaseImporter:
    """Turn the rows of one file into records (dicts of model field values).

    ``columns`` maps a canonical name to the header spellings accepted for it
    (compared lower-cased); ``required`` lists canonical names that must be
    present. ``clean`` raises ``RowError`` for a bad cell and ``SkipRow`` for a
    row a rule leaves out. ``records`` raises ``EventImportError`` for problems
    with the whole file (encoding, header, empty file).
    """

    format: ClassVar[str] = ""
    label: ClassVar[str] = ""
    default_dataset: ClassVar[str] = ""
    # What one record of this format counts; stored on a dataset the format creates.
    measure: ClassVar[str] = ""
    records_injuries: ClassVar[bool] = True
    kind: ClassVar[str] = "event"  # or "annual": which model the records are for
    columns: ClassVar[dict[str, tuple[str, ...]]] = {}
    required: ClassVar[tuple[str, ...]] = ()
    id_column: ClassVar[str | None] = None
    retires_missing: ClassVar[bool] = False
    allow_trailing_comma: ClassVar[bool] = False

    def __init__(self, path, *, encoding=None, options=None, progress=None):
        self.path = Path(path)
        self.encoding = encoding
        self.options = dict(options or {})
        # Uploads are read from a temporary copy; messages name the file as uploaded.
        self.file_name = self.options.get("file_name") or self.path.name
        self.progress = progress
        self.header: list[str] = []
        self.index: dict[str, int] = {}
        self.notes: dict[tuple[str, str], list] = {}
        self.gazetteer: Gazetteer | None = None
        self.actors: ActorRegistry | None = None
        # content digest (8 bytes) → [occurrences, data-row ordinal, row] of the first one
        self._contents: dict[int, list[int]] = {}
        self._ordinal = 0

    # -- reading ---------------------------------------------------------------------------
    def open(self) -> TableReader:
        return open_table(
            self.path,
            name=self.file_name,
            encoding=self.encoding,
            sheet=self.options.get("sheet"),
            progress=self.progress,
        )

    def dataset_name(self) -> str:
        return self.options.get("dataset") or self.default_dataset

    def dataset_defaults(self) -> dict:
        """Fields of a ``Dataset`` this import creates: what it counts, injuries recorded."""
        return {
            "format": self.format,
            "measure": self.measure,
            "records_injuries": self.records_injuries,
        }

    # -- resolving columns -----------------------------------------------------------------
    def resolve_columns(self, header: list[str]) -> None:
        """Find each canonical column in ``header``; raise when required ones are missing."""
        self.header = [h.strip() for h in header]
        lookup: dict[str, int] = {}
        for position, name in enumerate(self.header):
            lookup.setdefault(name.lower(), position)
        for canonical, spellings in self.columns.items():
            for spelling in spellings:
                if spelling.lower() in lookup:
                    self.index[canonical] = lookup[spelling.lower()]
                    break
        self.positions = list(self.index.items())
        self._prepare_row_access()
        missing = [name for name in self.required if name not in self.index]
        if not missing:
            return
        data_like = sum(1 for h in self.header if h and _DATA_LIKE.match(h))
        if data_like * 2 >= len([h for h in self.header if h]):
            raise EventImportError(
                f"Row 1 holds data ({', '.join(self.header[:3])} ...), not column names: the "
                f"{self.label} layout needs a header row naming columns such as "
                f"{', '.join(self.columns[m][0] for m in missing[:3])}.",
                code="missing_header",
                row=1,
            )
        wanted = [self.columns[m][0] for m in missing]
        raise EventImportError(
            f"Required column(s) missing from the header: {', '.join(wanted)}.",
            code="missing_columns",
            field=wanted[0],
            row=1,
        )

    def _prepare_row_access(self) -> None:
        """Bind, once per file, what ``values`` and ``finish_record`` need for every row."""
        names = [name for name, _ in self.positions]
        positions = [position for _, position in self.positions]
        # itemgetter of one position returns the cell itself, not a 1-tuple.
        getter = itemgetter(*positions) if len(positions) > 1 else None
        self._value_names, self._value_getter = names, getter
        # The JSON of a row's non-empty cells is assembled from the keys encoded once per
        # file: the same text as json.dumps(raw dict), at a fraction of the cost. With a
        # repeated column name the dict keeps the last value, so build the dict then.
        unique = len(set(self.header)) == len(self.header)
        self._raw_keys = [json.dumps(h) + ": " for h in self.header] if unique else None

    def values(self, cells: list[str]) -> dict[str, str]:
        """All resolved columns of a row by canonical name, stripped (one pass, for speed)."""
        if self._value_getter is None:
            return {name: cells[position].strip() for name, position in self.positions}
        return dict(zip(self._value_names, map(str.strip, self._value_getter(cells)), strict=True))

    def raw_json(self, cells: list[str]) -> str:
        """``json.dumps`` of the row's non-empty cells by column name (the ``raw`` field)."""
        if self._raw_keys is None or len(cells) != len(self._raw_keys):
            return json.dumps({h: c for h, c in zip(self.header, cells, strict=False) if c})
        # The keys of the non-empty cells, each joined to its encoded cell: every step
        # runs in C (compress, filter, map), about four times faster than a comprehension.
        keys = compress(self._raw_keys, cells)
        parts = map(add, keys, map(encode_basestring_ascii, filter(None, cells)))
        return "{" + ", ".join(parts) + "}"

    def cell(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        return cells[position].strip() if position is not None else ""

    # -- cleaning --------------------------------------------------------------------------
    def clean(self, cells: list[str], row: int) -> dict:  # pragma: no cover - abstract
        """Return the typed record for one row; raise ``RowError`` or ``SkipRow``."""
        raise NotImplementedError

    def id_usable(self, value: str) -> bool:
        return bool(value) and not looks_scientific(value)

    def warn(self, record: dict, row: int, field: str, code: str, message: str) -> None:
        """Attach a warning about one imported row to its record (shown with its row)."""
        problem = Problem(row, self._column_label(field), code, message, "warning")
        record.setdefault("_warnings", []).append(problem)

    def note(self, code: str, field: str, row: int, message: str) -> None:
        """Count a warning that applies to many rows; the report shows it once."""
        entry = self.notes.get((code, field))
        if entry is None:
            self.notes[(code, field)] = [1, row, message]
        else:
            entry[0] += 1

    def warnings(self) -> list[Problem]:
        """The aggregated warnings, including province names the gazetteer did not know."""
        found = [
            Problem(
                first, field, code, f"{message} ({count} row(s), first at row {first})", "warning"
            )
            for (code, field), (count, first, message) in self.notes.items()
        ]
        if self.gazetteer:
            for name, count in self.gazetteer.unknown.most_common():
                first = self.gazetteer.first_row[name]
                found.append(
                    Problem(
                        first,
                        self.province_column(),
                        "unknown_province",
                        f"'{name}' is not a known province or territory; {count} event(s) keep "
                        f"the name with province unknown (first at row {first})",
                        "warning",
                    )
                )
        return found

    def province_column(self) -> str:
        position = self.index.get("province")
        return self.header[position] if position is not None else "province"

    def finish_record(self, record: dict, cells: list[str], row: int) -> dict:
        """Add the key, content hash and original row (non-empty cells) to a record.

        The original row is kept as its JSON text under ``_raw_json``: hashed here,
        stored as is on SQLite, decoded by the writer only where it needs the dict
        (``raw``: updates, other databases).
        """
        raw_json = self.raw_json(cells)
        record["source_row"] = row
        record["_raw_json"] = raw_json
        record["row_hash"] = hashlib.sha1(raw_json.encode(), usedforsecurity=False).hexdigest()
        external = record.get("external_id", "")
        if self.id_usable(external):
            record["key"] = external
            return record
        id_position = self.index.get("id") if self.id_column else None
        if self.id_column:
            shown = external or "(empty)"
            self.note(
                "unusable_id",
                self.header[id_position],
                row,
                f"the id '{shown}' is unusable (empty or mangled by a spreadsheet); "
                "a stable key was derived from the row content",
            )
        content = [c for i, c in enumerate(cells) if i != id_position]
        digest = hashlib.sha1("\x1f".join(content).encode(), usedforsecurity=False).hexdigest()
        # The n-th row of the file with this content gets ":n" (n >= 2): the key stays the
        # same when the file is imported again, and identical rows no longer collide.
        short = int(digest[:16], 16)
        seen = self._contents.get(short)
        if seen is None:
            self._contents[short] = [1, self._ordinal, row]
            record["key"] = "row:" + digest
            return record
        seen[0] += 1
        record["key"] = f"row:{digest}:{seen[0]}"
        record["_twin"] = (seen[1], seen[2], seen[0])
        return record

    def records(self) -> Iterator[tuple[int, dict | None, Problem | None]]:
        """Yield ``(row, record, problem)``; exactly one of record/problem is set.

        A row left out by a rule yields a warning problem and no record. Warnings
        about a row that is imported (``identical_row``, a weekday that does not
        match) travel with its record, as a list under ``_warnings``.
        """
        self.gazetteer = Gazetteer()
        self.actors = ActorRegistry()
        reader = self.open()
        self.encoding = reader.encoding
        rows = iter(reader)
        header = next(rows, None)
        if header is None or not any(c.strip() for c in header[1]):
            raise EventImportError(
                f"{self.file_name} is empty: no header row and no data.", code="empty_file"
            )
        self.resolve_columns(header[1])
        pad_short = isinstance(reader, XlsxReader)
        yield from self._separate_identical(self._rows(reader, rows, header[1], pad_short))

    def _rows(self, reader, rows, header, pad_short):
        """``records`` before identical rows are told apart."""
        width = len(header)
        data_rows = 0
        for (row, cells), last in _with_last(rows):
            if not any(cells):
                continue
            data_rows += 1
            self._ordinal = data_rows
            if len(cells) != width:
                cells = self._fit(cells, width, row, last, pad_short)
                if isinstance(cells, Problem):
                    yield row, None, cells
                    continue
            try:
                record = self.clean(cells, row)
            except RowError as exc:
                yield row, None, Problem(row, self._column_label(exc.field), exc.code, exc.message)
                continue
            except SkipRow as exc:
                yield row, None, Problem(row, "", "skipped_by_rule", exc.reason, "warning")
                continue
            yield row, self.finish_record(record, cells, row), None
        if not data_rows:
            raise EventImportError(
                f"{self.file_name} has a header row but no data rows: nothing to import.",
                code="no_rows",
                field="file",
            )

    def _separate_identical(self, items: Iterator) -> Iterator:
        """Tell rows identical to an earlier row apart: separate incidents, or a repeated file.

        Such rows only reach here when their id is unusable (the key comes from the
        content). A row whose twin's neighbour is also its own neighbour's twin belongs
        to a run of rows repeating an earlier run, as when a file is appended to itself:
        that is an error (``duplicate_row``). An identical row on its own, such as the
        GTD incidents of one coordinated attack that differed only by the id a
        spreadsheet mangled, is kept as a separate incident with a warning
        (``identical_row``). Needs one row of look-ahead.
        """
        previous = None  # [row, record, problem, twin, runs with the one before]
        for row, record, problem in items:
            twin = record.pop("_twin", None) if record is not None else None
            follows = bool(previous and twin and previous[3] and twin[0] == previous[3][0] + 1)
            if previous is not None:
                yield self._settle(*previous[:4], previous[4] or follows)
            previous = [row, record, problem, twin, follows]
        if previous is not None:
            yield self._settle(*previous)

    def _settle(self, row, record, problem, twin, repeated):
        if twin is None:
            return row, record, problem
        first_row, occurrence = twin[1], twin[2]
        if repeated:
            return (
                row,
                None,
                Problem(
                    row,
                    "",
                    "duplicate_row",
                    f"the same content as row {first_row}, in a run of rows that repeats "
                    "earlier rows in the same order: the file looks appended to itself",
                ),
            )
        warning = Problem(
            row,
            "",
            "identical_row",
            f"the same content as row {first_row} and no usable id; kept as a separate "
            f"incident (occurrence {occurrence} of this content)",
            "warning",
        )
        record.setdefault("_warnings", []).append(warning)
        return row, record, None

    def _column_label(self, field: str) -> str:
        position = self.index.get(field)
        return self.header[position] if position is not None else field

    def _fit(self, cells, width, row, last, pad_short):
        if len(cells) == width + 1 and cells[-1] == "" and self.allow_trailing_comma:
            return cells[:-1]
        if len(cells) < width and pad_short:
            return cells + [""] * (width - len(cells))
        if len(cells) < width and last:
            return Problem(
                row,
                "",
                "truncated_row",
                f"the last line has {len(cells)} of {width} fields: the file looks "
                "cut off (incomplete download or copy)",
            )
        return Problem(
            row,
            "",
            "wrong_field_count",
            f"{len(cells)} fields where the header has {width} (an unquoted comma in a cell, "
            "or a line broken in two)",
        )
