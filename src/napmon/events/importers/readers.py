"""Reading stage: stream the rows of a CSV or XLSX file as lists of strings.

Nothing here loads a whole file: CSV is decoded in chunks by the text layer,
XLSX is read with openpyxl's read-only (streaming) mode.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path

from napmon.core.uploads import UploadError, check_zip
from napmon.events.errors import EventImportError

SAMPLE_BYTES = 1 << 20
PROGRESS_EVERY = 5000
# Sources often publish latin-1 that is really Windows-1252 (curly quotes in 0x80-0x9f).
_ENCODING_ALIASES = {"ascii": "utf-8", "latin_1": "cp1252", "iso8859_1": "cp1252"}

_LATIN_LOOKALIKES = {
    "cp1250",
    "cp1252",
    "cp1257",
    "cp437",
    "cp775",
    "cp850",
    "cp852",
    "cp858",
    "iso8859_2",
    "iso8859_15",
    "latin_1",
    "mac_latin2",
    "mac_roman",
}

csv.field_size_limit(1 << 24)


def detect_encoding(path: Path) -> str:
    """The encoding of a text file, from a BOM, a UTF-8 check or charset-normalizer."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # A multi-byte character may straddle the end of the sample; the
        # incremental decoder does not count that as an error.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only when BOM and UTF-8 fail: slow to import

    best = from_bytes(sample).best()
    name = _ENCODING_ALIASES.get(best.encoding, best.encoding) if best else "cp1252"
    # Windows-1252 is what GTD and spreadsheets saved on Windows use. With few accented
    # letters charset-normalizer cannot tell it from Latin look-alikes (cp1250, cp850 ...);
    # prefer it then, as long as every byte is defined in it.
    if name in _LATIN_LOOKALIKES:
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return name


class TableReader:
    """Iterate ``(row_number, cells)``; row 1 is the header, as a spreadsheet numbers it."""

    encoding = ""

    def __init__(
        self, path: Path, progress: Callable[[int, int], None] | None = None, name: str = ""
    ):
        self.path = path
        self.name = name or path.name
        self.total_bytes = path.stat().st_size
        self.progress = progress

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:  # pragma: no cover - abstract
        raise NotImplementedError


class CsvReader(TableReader):
    """A CSV file decoded with ``encoding`` (detected when not given)."""

    def __init__(self, path, encoding=None, progress=None, name=""):
        super().__init__(path, progress, name)
        self.encoding = encoding or detect_encoding(path)
        try:
            codecs.lookup(self.encoding)
        except LookupError as exc:
            raise EventImportError(
                f"Unknown encoding '{self.encoding}'. Use a name such as utf-8 or cp1252.",
                code="unknown_encoding",
                field="encoding",
            ) from exc

    def __iter__(self):
        self._refuse_nul_bytes()
        with self.path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
            reader = csv.reader(text)
            row = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except UnicodeDecodeError as exc:
                    raise self._decode_error() from exc
                except csv.Error as exc:
                    raise EventImportError(
                        f"Row {row + 1} is not valid CSV: {exc}.",
                        code="malformed_csv",
                        row=row + 1,
                    ) from exc
                row += 1
                if self.progress and row % PROGRESS_EVERY == 0:
                    self.progress(raw.tell(), self.total_bytes)
                yield row, cells
            if self.progress:
                self.progress(self.total_bytes, self.total_bytes)

    def _refuse_nul_bytes(self) -> None:
        """Refuse a text file holding NUL bytes (a binary file, or a damaged export).

        A byte scan in C before parsing costs a fraction of the import; PostgreSQL
        cannot store NUL in text and SQLite would keep it silently.
        """
        if self.encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32")):
            return  # NUL bytes are part of these encodings
        with self.path.open("rb") as fh:
            offset = 0
            while chunk := fh.read(SAMPLE_BYTES):
                position = chunk.find(b"\x00")
                if position >= 0:
                    raise self._nul_error(offset + position)
                offset += len(chunk)

    def _nul_error(self, position: int) -> EventImportError:
        with self.path.open("rb") as fh:
            before = fh.read(position)
        line_number = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        with self.path.open("rb") as fh:
            header = fh.readline().rstrip(b"\r\n").split(b",")
        cells = before[line_start:].count(b",")
        column = header[cells].decode("ascii", "replace") if cells < len(header) else ""
        with self.path.open("rb") as fh:
            start = fh.read(400)
        # Text in UTF-16 without a byte-order mark has a NUL beside every ASCII letter.
        if start and start.count(b"\x00") >= len(start) // 3:
            return EventImportError(
                "The file looks like UTF-16 text without a byte-order mark: choose its "
                "encoding explicitly (--encoding utf-16-le or utf-16-be).",
                code="nul_byte",
                field="encoding",
                row=1,
            )
        return EventImportError(
            f"Row {line_number}, column '{column}': the file contains a NUL byte (0x00), "
            "which text files do not hold. It is binary or damaged; export it again as CSV.",
            code="nul_byte",
            field=column or None,
            row=line_number,
        )

    def _decode_error(self) -> EventImportError:
        """Find the first line and column that do not decode, for a precise message.

        The text layer decodes ahead in chunks, so the row being parsed when the
        error surfaces is not the row at fault; this rescans line by line.
        """
        header: list[bytes] = []
        with self.path.open("rb") as fh:
            for line_number, line in enumerate(fh, start=1):
                if line_number == 1:
                    header = line.rstrip(b"\r\n").split(b",")
                try:
                    line.decode(self.encoding)
                except UnicodeDecodeError as exc:
                    cells = line[: exc.start].count(b",")
                    column = header[cells].decode("ascii", "replace") if cells < len(header) else ""
                    return EventImportError(
                        f"Line {line_number}, column '{column}': byte "
                        f"0x{line[exc.start]:02x} is not valid {self.encoding}. The file uses "
                        "another encoding: choose it explicitly (for example --encoding "
                        "cp1252).",
                        code="wrong_encoding",
                        field=column or "encoding",
                        row=line_number,
                    )
        return EventImportError(
            f"The file cannot be decoded as {self.encoding}; choose its encoding explicitly.",
            code="wrong_encoding",
            field="encoding",
        )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() if isinstance(value, str) else str(value)


class XlsxReader(TableReader):
    """The first (or the named) sheet of an XLSX workbook, streamed read-only."""

    encoding = "xlsx"

    def __init__(self, path, sheet: str | None = None, progress=None, name=""):
        super().__init__(path, progress, name)
        self.sheet = sheet

    def __iter__(self):
        from openpyxl import load_workbook

        try:
            check_zip(self.path, self.name or "The workbook")
        except UploadError as exc:
            raise EventImportError(exc.message, code=exc.code, field=exc.field) from exc
        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile/KeyError/... on damaged files
            raise EventImportError(
                f"{self.name} is not a readable XLSX workbook ({exc}).",
                code="malformed_xlsx",
            ) from exc
        try:
            if self.sheet and self.sheet not in workbook.sheetnames:
                raise EventImportError(
                    f"The workbook has no sheet '{self.sheet}' "
                    f"(it has: {', '.join(workbook.sheetnames)}).",
                    code="missing_sheet",
                    field="sheet",
                )
            sheet = workbook[self.sheet] if self.sheet else workbook.worksheets[0]
            for row, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                yield row, cells
        finally:
            workbook.close()


def open_table(
    path: Path, *, encoding=None, sheet=None, progress=None, name: str = ""
) -> TableReader:
    """A reader for ``path`` chosen by its extension (.xlsx, else CSV)."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return XlsxReader(path, sheet=sheet, progress=progress, name=name)
    return CsvReader(path, encoding=encoding, progress=progress, name=name)
