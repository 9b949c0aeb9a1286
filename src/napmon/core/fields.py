"""Model fields shared by the apps (pure Django, no app imports)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


def plain_count(value):
    """A stored count as a plain number: an int when whole, a float when fractional.

    ``Decimal("17.00")`` becomes 17 and ``Decimal("8.50")`` becomes 8.5, so pages,
    JSON and tables show 17 and 8.5 (never "17.00", never a rounded 9). None stays None.
    """
    if value is None or isinstance(value, int):
        return value
    number = Decimal(value) if not isinstance(value, Decimal) else value
    if number == number.to_integral_value():
        return int(number)
    return float(number)


class CountField(models.DecimalField):
    """A non-negative count that may be fractional where the source says so.

    GTD writes fractional wounded counts (8.5) where the casualties of one attack are
    split between incidents. Stored exactly as a decimal (two places) so that sums
    over many events stay exact on every database; read back as an int when whole
    and a float otherwise (see ``plain_count``), in rows and in aggregates alike.
    """

    def __init__(self, *args, max_digits: int = 12, decimal_places: int = 2, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(0)])
        super().__init__(*args, max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, "napmon.core.fields.CountField", args, kwargs

    def from_db_value(self, value, expression, connection):
        return plain_count(value)
