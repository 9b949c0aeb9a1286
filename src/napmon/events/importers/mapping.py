"""Loading and checking the YAML mapping used by the ``mapped`` importer.

See docs/importing.md for the format and a worked example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import re2

from napmon.events.errors import EventImportError

FIELDS = (
    "date",
    "end_date",
    "country",
    "province",
    "district",
    "city",
    "latitude",
    "longitude",
    "event_type",
    "attack_type",
    "target_type",
    "weapon_type",
    "perpetrator",
    "killed",
    "killed_low",
    "killed_high",
    "injured",
    "suicide",
    "hostages",
    "summary",
)
CONSTANT_FIELDS = ("country", "province", "event_type", "perpetrator", "attack_type")
BEST_RULES = ("low", "high", "mean")
FALLBACKS = ("unknown", "other_bound")
SEVERITIES = ("error", "warning")
TOP_LEVEL = {
    "dataset",
    "encoding",
    "sheet",
    "id",
    "columns",
    "date_formats",
    "values",
    "skip_rows",
    "constants",
    "killed_best",
    "killed_fallback",
    "weekday_mismatch",
    "unknown_values",
    "description",
}


@dataclass
class SkipRule:
    """Leave out rows whose ``column`` matches ``pattern`` (or is empty when ``empty``)."""

    column: str
    pattern: object | None = None  # a compiled RE2 pattern (see _compile)
    empty: bool = False
    name: str = ""

    def applies(self, value: str) -> bool:
        if self.empty:
            return not value.strip()
        return bool(self.pattern and self.pattern.search(value))


@dataclass
class Mapping:
    """A checked mapping: which column feeds which event field, and how to read it."""

    dataset: str = ""
    encoding: str | None = None
    sheet: str | None = None
    id_column: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    skip_rows: list[SkipRule] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)
    killed_best: str = "low"
    killed_fallback: str = "unknown"
    weekday_mismatch: str = "error"
    # field → cell texts (lower-cased) that mean "unknown"; "*" applies to every field
    unknown_values: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_unknown(self, name: str, text: str) -> bool:
        """Whether ``text`` is declared to mean unknown for the field ``name``."""
        if not self.unknown_values:
            return False
        lowered = text.lower()
        return lowered in self.unknown_values.get("*", ()) or lowered in self.unknown_values.get(
            name, ()
        )


def _fail(message: str, key: str) -> EventImportError:
    return EventImportError(f"Mapping file: {message}", code="invalid_mapping", field=key)


MAX_PATTERN_LENGTH = 500


def _compile(pattern: str):
    """A linear-time (RE2) pattern: no input can make matching take exponential time,
    so an uploaded mapping cannot hang the worker."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise re.error(f"longer than {MAX_PATTERN_LENGTH} characters")
    options = re2.Options()
    options.log_errors = False
    return re2.compile(pattern, options)


def _skip_rules(items) -> list[SkipRule]:
    if not isinstance(items, list):
        raise _fail("'skip_rows' must be a list of rules", "skip_rows")
    rules = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "column" not in item:
            raise _fail(f"skip rule {number} needs a 'column'", "skip_rows")
        try:
            pattern = _compile(str(item["matches"])) if "matches" in item else None
        except (re.error, re2.error) as exc:
            reason = exc.args[0] if exc.args else exc
            reason = reason.decode(errors="replace") if isinstance(reason, bytes) else reason
            raise _fail(
                f"skip rule {number}: bad pattern ({reason}); patterns are RE2 syntax "
                "(no backreferences or lookaround)",
                "skip_rows",
            ) from exc
        if pattern is None and not item.get("empty"):
            raise _fail(f"skip rule {number} needs 'matches' or 'empty: true'", "skip_rows")
        rules.append(
            SkipRule(
                str(item["column"]),
                pattern,
                bool(item.get("empty")),
                str(item.get("name", f"rule {number}")),
            )
        )
    return rules


def _check_dict(data: dict, key: str) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise _fail(f"'{key}' must be a mapping of names to values", key)
    return value


def _choice(data: dict, key: str, choices: tuple[str, ...], default: str) -> str:
    value = str(data.get(key, default))
    if value not in choices:
        raise _fail(f"'{key}' must be one of {', '.join(choices)} (not '{value}')", key)
    return value


def _texts(items, key: str) -> frozenset[str]:
    if isinstance(items, str | int | float):
        items = [items]
    if not isinstance(items, list):
        raise _fail(f"'{key}' must be a list of cell texts such as [NA, n/a]", key)
    return frozenset(str(item).strip().lower() for item in items)


def _unknown_values(data, fields: set[str]) -> dict[str, frozenset[str]]:
    """``unknown_values``: a list for every field, or a table of field → list."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        return {"*": _texts(data, "unknown_values")}
    bad = sorted(str(name) for name in data if str(name) not in fields)
    if bad:
        raise _fail(
            f"unknown_values names field(s) {', '.join(bad)} that 'columns' does not map",
            f"unknown_values.{bad[0]}",
        )
    return {str(k): _texts(v, f"unknown_values.{k}") for k, v in data.items()}


def parse_mapping(data) -> Mapping:
    """Check a mapping loaded from YAML; raise ``EventImportError`` (invalid_mapping)."""
    if not isinstance(data, dict):
        raise _fail("the file must hold a YAML mapping (key: value lines)", "")
    unknown = sorted(set(data) - TOP_LEVEL)
    if unknown:
        raise _fail(f"unknown key(s) {', '.join(unknown)}", unknown[0])
    columns = {str(k): str(v) for k, v in _check_dict(data, "columns").items()}
    bad = sorted(set(columns) - set(FIELDS))
    if bad:
        raise _fail(f"unknown event field(s) {', '.join(bad)}; use {', '.join(FIELDS)}", bad[0])
    if "date" not in columns:
        raise _fail("'columns' must name the column holding the date", "columns.date")
    constants = {str(k): str(v) for k, v in _check_dict(data, "constants").items()}
    bad = sorted(set(constants) - set(CONSTANT_FIELDS))
    if bad:
        raise _fail(f"constants can set {', '.join(CONSTANT_FIELDS)} only", bad[0])
    best = str(data.get("killed_best", "low"))
    if best not in BEST_RULES:
        raise _fail(f"'killed_best' must be one of {', '.join(BEST_RULES)}", "killed_best")
    fallback = _choice(data, "killed_fallback", FALLBACKS, "unknown")
    weekday = _choice(data, "weekday_mismatch", SEVERITIES, "error")
    formats = data.get("date_formats") or ["%Y-%m-%d"]
    if isinstance(formats, str):
        formats = [formats]
    values = {
        str(name): {str(k).strip().lower(): str(v) for k, v in (table or {}).items()}
        for name, table in _check_dict(data, "values").items()
    }
    return Mapping(
        dataset=str(data.get("dataset") or ""),
        encoding=data.get("encoding"),
        sheet=data.get("sheet"),
        id_column=str(data["id"]) if data.get("id") else None,
        columns=columns,
        date_formats=tuple(str(f) for f in formats),
        values=values,
        skip_rows=_skip_rules(data.get("skip_rows") or []),
        constants=constants,
        killed_best=best,
        killed_fallback=fallback,
        weekday_mismatch=weekday,
        unknown_values=_unknown_values(data.get("unknown_values"), set(columns) | set(constants)),
    )


def load_mapping(path) -> Mapping:
    """Read and check a YAML mapping file."""
    import yaml  # here, not at start-up: only the mapped format reads YAML

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EventImportError(
            f"Cannot read the mapping file {path.name}: {exc}",
            code="invalid_mapping",
            field="mapping",
        ) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(f"not valid YAML ({exc})", "mapping") from exc
    return parse_mapping(data)
