"""Cleaning helpers: typed values from cells, with a clear error naming the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")


class RowError(Exception):
    """A cell that cannot be cleaned; becomes a problem with the row, field and code."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message


def to_int(value: str, field: str, unknown: frozenset[str] = frozenset()) -> int | None:
    """A non-negative whole number; ``None`` for a blank or an unknown code such as -99."""
    value = value.strip()
    if not value or value in unknown:
        return None
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value.replace(",", ""))
        except ValueError:
            raise RowError(field, "invalid_number", f"'{value}' is not a number") from None
        if not as_float.is_integer():
            raise RowError(field, "invalid_number", f"'{value}' is not a whole number") from None
        number = int(as_float)
    if number < 0:
        raise RowError(field, "invalid_number", f"{number} is negative")
    return number


_FRACTION = re.compile(r"^\d*\.\d+$")


def to_amount(
    value: str, field: str, unknown: frozenset[str] = frozenset()
) -> int | Decimal | None:
    """A non-negative count that may be fractional (GTD's wounded 8.5): kept exactly.

    Whole numbers (``17``, ``17.0``, ``1,234``) come back as int; a fraction as a
    ``Decimal`` with at most two places (``8.5``), never rounded. More places than two
    cannot be stored exactly and are an ``invalid_number`` error naming the value.
    """
    text = value.strip()
    if not text or text in unknown:
        return None
    plain = text.replace(",", "")
    if not _FRACTION.match(plain):
        return to_int(text, field, unknown)
    try:
        number = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise RowError(field, "invalid_number", f"'{text}' is not a number") from None
    if number == number.to_integral_value():
        return int(number)
    if number != number.quantize(Decimal("0.01")):
        raise RowError(
            field,
            "invalid_number",
            f"'{text}' has more than two decimal places; counts are kept to two",
        )
    return number


_AT_LEAST = re.compile(
    r"^(?:at\s+least\s+|>=\s*|\u2265\s*)?([\d,]+(?:\.\d+)?)\s*(\+?)$", re.IGNORECASE
)


def to_count(value: str, field: str, whole: bool = False) -> tuple[int | Decimal | None, bool]:
    """A count that may be written as a lower bound: ``40+``, ``at least 40``, ``>=40``.

    Fractions (``8.5``) are kept (see ``to_amount``) unless ``whole`` (hostages).
    Returns ``(number, at_least)``; raises ``RowError`` like ``to_int`` otherwise.
    """
    read = to_int if whole else to_amount
    text = value.strip()
    match = _AT_LEAST.match(text)
    if match and (match.group(2) or match.group(0)[:1] in "aA>\u2265"):
        return read(match.group(1), field), True
    return read(text, field), False


def to_float(value: str, field: str, low: float, high: float) -> float | None:
    """A coordinate within ``low``..``high``; ``None`` when blank."""
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(field, "invalid_number", f"'{value}' is not a number") from None
    if not low <= number <= high:
        raise RowError(field, "out_of_range", f"{number} is outside {low}..{high}")
    return number


def to_bool(value: str, field: str, unknown: frozenset[str] = frozenset()) -> bool | None:
    """1/0, yes/no, true/false; ``None`` for a blank or unknown code."""
    value = value.strip().lower()
    if not value or value in unknown:
        return None
    if value in {"1", "yes", "y", "true", "t"}:
        return True
    if value in {"0", "no", "n", "false", "f"}:
        return False
    raise RowError(field, "invalid_value", f"'{value}' is not yes/no (1/0)")


def make_date(year: int, month: int, day: int, field: str) -> date:
    """``date(year, month, day)`` or a RowError naming the impossible date."""
    try:
        return date(year, month, day)
    except ValueError:
        raise RowError(
            field, "invalid_date", f"{year:04d}-{month:02d}-{day:02d} is not a real date"
        ) from None


def parse_date(value: str, field: str, formats: tuple[str, ...]) -> date:
    """The date in ``value`` under the first matching format (ISO is always tried first)."""
    text = value.strip()
    if not text:
        raise RowError(field, "missing_value", "the date is empty")
    head = text[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-":
        try:
            return date.fromisoformat(head)
        except ValueError:
            raise RowError(field, "invalid_date", f"'{text}' is not a real date") from None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(
        field,
        "invalid_date",
        f"'{text}' is not a real date in a known format ({', '.join(formats)})",
    )


def looks_scientific(value: str) -> bool:
    """Whether an id was mangled by a spreadsheet into scientific notation (2.01305E+11)."""
    return bool(_SCIENTIFIC.match(value.strip()))


TYPE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bombing", ("bomb", "explos", "ied", "blast", "grenade", "suicide", "remote violence")),
    ("kidnapping", ("kidnap", "hostage", "abduct", "hijack")),
    ("assassination", ("assassin", "target killing", "targeted killing")),
    ("battle", ("battle", "clash", "encounter", "armed conflict", "state-based", "non-state")),
    ("violence_against_civilians", ("violence against civilians", "one-sided")),
    ("facility_attack", ("facility", "infrastructure", "arson")),
    ("unrest", ("protest", "riot")),
    ("armed_assault", ("armed assault", "firing", "shoot", "gun", "attack")),
    ("other", ("strategic", "other", "unarmed")),
)


def classify_type(text: str) -> str:
    """The normalised event type for a source's own type label; '' when unknown."""
    lowered = text.strip().lower()
    if not lowered or lowered == "unknown":
        return ""
    for event_type, words in TYPE_KEYWORDS:
        if any(word in lowered for word in words):
            return event_type
    return "other"
