"""Any other incident spreadsheet (CSV or XLSX), read through a user-written YAML mapping."""

from __future__ import annotations

from datetime import date, datetime

from napmon.events.errors import EventImportError
from napmon.events.importers.base import BaseImporter, SkipRow
from napmon.events.importers.mapping import Mapping, load_mapping
from napmon.events.importers.values import (
    RowError,
    classify_type,
    to_bool,
    to_count,
    to_float,
)
from napmon.events.models import Event
from napmon.events.resolvers import is_pakistan

TYPES = set(Event.Type.values)
INT_FIELDS = ("killed", "killed_low", "killed_high", "injured", "hostages")
TEXT_FIELDS = ("district", "city", "target_type", "weapon_type", "summary")


def _precision(fmt: str) -> str:
    if "%d" in fmt:
        return "day"
    return "month" if any(code in fmt for code in ("%m", "%B", "%b")) else "year"


class MappedImporter(BaseImporter):
    """Rows of a free-form incident sheet → events, as the mapping file says.

    Needs ``options["mapping"]`` (a path or a ``Mapping``); raises
    ``EventImportError`` (invalid_mapping) when it is missing or malformed.
    """

    format = "mapped"
    label = "mapped spreadsheet"
    default_dataset = ""

    def __init__(self, path, *, encoding=None, options=None, progress=None):
        super().__init__(path, encoding=encoding, options=options, progress=progress)
        source = self.options.get("mapping")
        if not source:
            raise EventImportError(
                "The mapped format needs a mapping file (--mapping FILE).",
                code="invalid_mapping",
                field="mapping",
            )
        self.mapping: Mapping = source if isinstance(source, Mapping) else load_mapping(source)
        self.encoding = encoding or self.mapping.encoding
        if self.mapping.sheet and not self.options.get("sheet"):
            self.options["sheet"] = self.mapping.sheet
        self.columns = {name: (header,) for name, header in self.mapping.columns.items()}
        if self.mapping.id_column:
            self.columns["id"] = (self.mapping.id_column,)
            self.id_column = self.mapping.id_column
        for rule in self.mapping.skip_rows:
            self.columns[f"skip:{rule.column}"] = (rule.column,)
        self.required = tuple(self.columns)

    def dataset_name(self) -> str:
        return self.options.get("dataset") or self.mapping.dataset

    def value(self, cells: list[str], name: str) -> str:
        """The cell for an event field after the mapping's value table, or its constant.

        A text the mapping declares unknown (``unknown_values``) becomes empty.
        """
        text = self.cell(cells, name) if name in self.index else ""
        if not text:
            text = self.mapping.constants.get(name, "")
        if text and self.mapping.is_unknown(name, text):
            return ""
        table = self.mapping.values.get(name)
        if table and text:
            text = table.get(text.lower(), text)
            if self.mapping.is_unknown(name, text):
                return ""
        return text

    def _date(self, text: str, field: str, row: int, warnings: list) -> tuple[date, str]:
        text = " ".join(text.split())
        if not text:
            raise RowError(field, "missing_value", "the date is empty")
        for fmt in ("%Y-%m-%d", *self.mapping.date_formats):
            try:
                parsed = datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if "%A" in fmt and parsed.strftime("%A").lower() not in text.lower():
                message = (
                    f"'{text}': the weekday does not match the date {parsed} "
                    f"(a {parsed.strftime('%A')})"
                )
                if self.mapping.weekday_mismatch == "error":
                    raise RowError(field, "invalid_date", message)
                warnings.append(
                    (field, "weekday_mismatch", message + "; the date was kept as asked")
                )
            return parsed, _precision(fmt)
        raise RowError(
            field,
            "invalid_date",
            f"'{text}' is not a real date in the formats {', '.join(self.mapping.date_formats)}",
        )

    def _killed(self, numbers: dict, row: int) -> tuple[int | None, str | None]:
        """``killed`` and the field it came from, by ``killed_best`` and ``killed_fallback``."""
        low, high = numbers["killed_low"], numbers["killed_high"]
        if low is not None and high is not None and low > high:
            raise RowError("killed_low", "invalid_value", f"low estimate {low} is above {high}")
        if numbers["killed"] is not None:
            return numbers["killed"], "killed"
        if low is None and high is None:
            return None, None
        rule = self.mapping.killed_best
        if low is not None and high is not None:
            if rule == "mean":
                return (low + high) // 2, None
            return (low, "killed_low") if rule == "low" else (high, "killed_high")
        missing = "killed_low" if low is None else "killed_high"
        present = "killed_high" if low is None else "killed_low"
        column = self.mapping.columns.get(missing, missing)
        if self.mapping.killed_fallback == "other_bound":
            self.note(
                "killed_fallback",
                column,
                row,
                f"'{column}' is empty; killed is the other estimate "
                f"('{self.mapping.columns.get(present, present)}'), as killed_fallback: "
                "other_bound says",
            )
            return numbers[present], present
        self.note(
            "killed_unknown",
            column,
            row,
            f"'{column}' is empty; killed is unknown (killed_best: {rule}, "
            "killed_fallback: unknown)",
        )
        return None, None

    def _event_type(self, cells: list[str]) -> str:
        text = self.value(cells, "event_type") or self.value(cells, "attack_type")
        mapped = self.mapping.values.get("event_type", {}).get(text.lower(), text)
        return mapped if mapped in TYPES else classify_type(mapped)

    def _counts(self, cells: list[str], row: int) -> tuple[dict, list[str]]:
        """The count fields, and those written as lower bounds (``40+``)."""
        numbers, at_least = {}, []
        for name in INT_FIELDS:
            text = self.value(cells, name)
            numbers[name], bound = to_count(text, name, whole=name == "hostages")
            if bound:
                at_least.append(name)
                column = self.mapping.columns.get(name, name)
                self.note(
                    "at_least",
                    column,
                    row,
                    f"values such as '{text}' are read as lower bounds ({numbers[name]}) and "
                    "flagged on the event",
                )
        return numbers, at_least

    def clean(self, cells: list[str], row: int) -> dict:
        for rule in self.mapping.skip_rows:
            if rule.applies(self.cell(cells, f"skip:{rule.column}")):
                raise SkipRow(f"left out by skip rule '{rule.name}' on column '{rule.column}'")
        warnings: list[tuple[str, str, str]] = []
        when, precision = self._date(self.value(cells, "date"), "date", row, warnings)
        end_text = self.value(cells, "end_date")
        country = self.value(cells, "country")
        province_raw = self.value(cells, "province")
        perpetrator = self.value(cells, "perpetrator")
        numbers, at_least = self._counts(cells, row)
        killed, killed_from = self._killed(numbers, row)
        if killed_from in at_least and "killed" not in at_least:
            at_least.insert(0, "killed")
        record = {name: self.value(cells, name)[:200] for name in TEXT_FIELDS}
        record["summary"] = self.value(cells, "summary")
        record.update(
            {
                "external_id": self.cell(cells, "id") if "id" in self.index else "",
                "date": when,
                "date_precision": precision,
                "end_date": (
                    self._date(end_text, "end_date", row, warnings)[0] if end_text else None
                ),
                "country": country,
                "province_id": (
                    self.gazetteer.resolve(province_raw, row, when)
                    if is_pakistan(country)
                    else None
                ),
                "province_raw": province_raw,
                "latitude": to_float(self.value(cells, "latitude"), "latitude", -90, 90),
                "longitude": to_float(self.value(cells, "longitude"), "longitude", -180, 180),
                "event_type": self._event_type(cells),
                "attack_type": self.value(cells, "attack_type")[:200],
                "actor_id": self.actors.resolve(perpetrator),
                "perpetrator_name": perpetrator[:200],
                "killed": killed,
                "killed_low": numbers["killed_low"],
                "killed_high": numbers["killed_high"],
                "injured": numbers["injured"],
                "hostages": numbers["hostages"],
                "lower_bounds": ",".join(at_least),
                "suicide": to_bool(self.value(cells, "suicide"), "suicide"),
            }
        )
        for field, code, message in warnings:
            self.warn(record, row, field, code, message)
        return record
