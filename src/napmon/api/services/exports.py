"""Writing tables as CSV, XLSX and JSON, and indicators in the Open SDG layout.

CSV rule against formula injection: in a *string* column, a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote
(``'=1+1``), so spreadsheet programs show it as text. Numeric columns (type integer
or number) are written as plain numbers, so ``-48`` stays ``-48``. XLSX cells are
typed: text cells are stored as text (never as formulas) and keep their exact value.
CSV files are UTF-8 without a byte-order mark, with ``\\r\\n`` line endings (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from napmon.api.errors import ExportError
from napmon.api.services.tables import Column, Table, number
from napmon.core import geography as geo
from napmon.core.spreadsheet import escape_cell
from napmon.plans.services import records
from napmon.plans.services.records import Filters

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
NUMERIC_TYPES = {"integer", "number"}


def csv_cell(value, column_type: str) -> str:
    """One CSV cell: numbers plain, dates ISO, text escaped, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if column_type in NUMERIC_TYPES else escape_cell(text)


def to_csv(table: Table) -> bytes:
    """The table as UTF-8 CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    types = [c.type for c in table.columns]
    for row in table.rows:
        writer.writerow([csv_cell(v, t) for v, t in zip(row, types, strict=True)])
    return out.getvalue().encode("utf-8")


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def to_xlsx(table: Table) -> bytes:
    """The table as one XLSX sheet: numbers numeric, dates as dates, text never a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append([c.name for c in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_value(v) for v in row])
    for cells in sheet.iter_rows(min_row=1):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # "=..." stays text, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_value(value):
    """JSON-ready value: Decimal → int or float, date → ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(table: Table) -> bytes:
    """``{"table", "columns", "rows"}`` with rows as objects in column order."""
    data = {
        "table": table.name,
        "columns": [{"name": c.name, "type": c.type} for c in table.columns],
        "rows": [{k: json_value(v) for k, v in rec.items()} for rec in table.records()],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}


def render_table(table: Table, fmt: str) -> bytes:
    """The table in ``fmt`` (csv, xlsx, json); raises ``ExportError`` (unknown_format)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(
            f"No export format {fmt!r}; use csv, xlsx or json.",
            code="unknown_format",
            field="format",
        )
    return writer(table)


OPEN_SDG_COLUMNS = ["Year", "Geography", "GeoCode", "Units", "Source", "COMMENT_OBS", "Value"]


def _comment(value) -> str:
    notes = []
    if value.precision != "year":
        notes.append(value.period_label)
    if value.qualifier != "exact":
        notes.append(value.get_qualifier_display())
    return "; ".join(str(n) for n in notes)


def opensdg_table(slug: str, public_only: bool = True) -> Table:
    """One indicator in the Open SDG tidy layout.

    Year is the year the figure's period ends; national figures leave Geography and
    GeoCode empty (the headline series), provincial ones name the province; the
    period label and any qualifier ("approximately") go to COMMENT_OBS. Raises
    ``ExportError`` (indicator_not_found) for an unknown or non-public indicator.
    """
    if not records.indicators(Filters(indicator=slug), public_only).exists():
        raise ExportError(f"No indicator {slug!r}.", code="indicator_not_found", field="indicator")
    table = Table(
        f"opensdg-{slug}",
        slug,
        [
            Column(name, "integer" if name == "Year" else "number" if name == "Value" else "string")
            for name in OPEN_SDG_COLUMNS
        ],
    )
    for v in records.values(Filters(indicator=slug), public_only):
        national = v.geography == geo.NATIONAL
        table.rows.append(
            [
                v.period_end.year,
                None if national else geo.name_of(v.geography),
                None if national else v.geography,
                str(v.indicator.get_unit_display()),
                v.source.citation(),
                _comment(v) or None,
                number(v.value),
            ]
        )
    table.rows.sort(key=lambda r: (r[0], r[1] or "", r[6]))
    return table
