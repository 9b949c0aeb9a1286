"""The administrative units of Pakistan the platform reports on (pure data).

Codes follow ISO 3166-2:PK. FATA (``PK-TA``) existed until its merger into
Khyber Pakhtunkhwa under the 25th Amendment (31 May 2018).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # country / province / territory / former
    valid_until: date | None = None
    successor: str | None = None


NATIONAL = "PK"

UNITS: tuple[Unit, ...] = (
    Unit("PK", "Pakistan", "country"),
    Unit("PK-PB", "Punjab", "province"),
    Unit("PK-SD", "Sindh", "province"),
    Unit("PK-KP", "Khyber Pakhtunkhwa", "province"),
    Unit("PK-BA", "Balochistan", "province"),
    Unit("PK-GB", "Gilgit-Baltistan", "territory"),
    Unit("PK-JK", "Azad Jammu and Kashmir", "territory"),
    Unit("PK-IS", "Islamabad Capital Territory", "territory"),
    Unit("PK-TA", "Federally Administered Tribal Areas", "former", date(2018, 5, 31), "PK-KP"),
)

BY_CODE: dict[str, Unit] = {unit.code: unit for unit in UNITS}
CHOICES: list[tuple[str, str]] = [(unit.code, unit.name) for unit in UNITS]


def name_of(code: str) -> str:
    """The English name of a unit code; the code itself when unknown."""
    unit = BY_CODE.get(code)
    return unit.name if unit else code
