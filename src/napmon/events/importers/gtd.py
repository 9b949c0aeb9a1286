"""Global Terrorism Database (START): CSV or XLSX in the published layout, all years."""

from __future__ import annotations

import re
from datetime import date

from napmon.events.importers.base import BaseImporter, SkipRow
from napmon.events.importers.values import (
    RowError,
    make_date,
    parse_date,
    to_amount,
    to_bool,
    to_float,
    to_int,
)
from napmon.events.resolvers import is_pakistan

# GTD writes -9 for an unknown categorical or yes/no value and -99 for an unknown count.
UNKNOWN = frozenset({"-9", "-99", "-9.0", "-99.0"})
EVENTID = re.compile(r"^\d{12}$")

ATTACK_TYPES = {
    "bombing/explosion": "bombing",
    "armed assault": "armed_assault",
    "assassination": "assassination",
    "hostage taking (kidnapping)": "kidnapping",
    "hostage taking (barricade incident)": "kidnapping",
    "hijacking": "kidnapping",
    "facility/infrastructure attack": "facility_attack",
    "unarmed assault": "other",
    "unknown": "",
}

_COLUMNS = (
    "iyear",
    "imonth",
    "iday",
    "extended",
    "resolution",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "doubtterr",
    "multiple",
    "related",
    "suicide",
    "gname",
    "nkill",
    "nwound",
    "ishostkid",
    "nhostkid",
    "attacktype1_txt",
    "attacktype2_txt",
    "attacktype3_txt",
    "targtype1_txt",
    "targtype2_txt",
    "targtype3_txt",
    "weaptype1_txt",
    "weaptype2_txt",
    "weaptype3_txt",
    "weaptype4_txt",
)


ATTACK_COLUMNS = ("attacktype1_txt", "attacktype2_txt", "attacktype3_txt")
TARGET_COLUMNS = ("targtype1_txt", "targtype2_txt", "targtype3_txt")
WEAPON_COLUMNS = ("weaptype1_txt", "weaptype2_txt", "weaptype3_txt", "weaptype4_txt")


def _event_type(attack: str) -> str:
    return ATTACK_TYPES.get(attack.lower(), "other") if attack else ""


def _join(cell, names: tuple[str, ...]) -> str:
    return "; ".join([v for v in map(cell, names) if v and v != "."])


class GtdImporter(BaseImporter):
    """GTD rows → events. -9/-99 become unknown; month or day 0 lowers the date precision.

    Options: ``exclude_doubtful`` leaves out rows with ``doubtterr == 1``
    (listed as skipped). ``multiple`` and ``related`` are kept.
    """

    format = "gtd"
    label = "GTD"
    default_dataset = "GTD"
    measure = "terrorist attacks (GTD, including attacks it doubts: doubtterr = 1)"

    def dataset_defaults(self) -> dict:
        defaults = super().dataset_defaults()
        if self.options.get("exclude_doubtful"):
            defaults["measure"] = (
                "terrorist attacks (GTD, doubtful attacks excluded: doubtterr = 1)"
            )
        return defaults

    columns = {
        "id": ("eventid",),
        "province": ("provstate",),
        **{name: (name,) for name in _COLUMNS},
    }
    required = ("id", "iyear", "imonth", "iday", "country_txt", "province", "nkill")
    id_column = "eventid"

    def id_usable(self, value: str) -> bool:
        return bool(EVENTID.match(value))

    def resolve_columns(self, header: list[str]) -> None:
        super().resolve_columns(header)
        # Every column the cleaning reads, blank when this file's layout lacks it.
        self._blank = dict.fromkeys(self.columns, "")

    def _date(self, cell) -> tuple[date, str]:
        try:
            # The common case, a full date in plain digits, without the checks below.
            year, month, day = int(cell("iyear")), int(cell("imonth")), int(cell("iday"))
            if year > 0 and month > 0 and day > 0:
                return date(year, month, day), "day"
        except ValueError:
            pass  # cleaned below, with the error naming the field
        year = to_int(cell("iyear"), "iyear")
        if year is None:
            raise RowError("iyear", "missing_value", "the year is empty")
        month = to_int(cell("imonth"), "imonth", UNKNOWN) or 0
        day = to_int(cell("iday"), "iday", UNKNOWN) or 0
        if month == 0:
            return make_date(year, 1, 1, "iyear"), "year"
        if day == 0:
            return make_date(year, month, 1, "imonth"), "month"
        return make_date(year, month, day, "iday"), "day"

    def clean(self, cells: list[str], row: int) -> dict:
        values = self._blank | self.values(cells)
        cell = values.__getitem__
        if values["doubtterr"] == "1" and self.options.get("exclude_doubtful"):
            raise SkipRow("doubtterr = 1 (doubt that this is terrorism); excluded as asked")
        when, precision = self._date(cell)
        end = None
        if values["extended"] == "1" and values["resolution"]:
            end = parse_date(values["resolution"], "resolution", ("%m/%d/%Y", "%d-%b-%y"))
        country = values["country_txt"]
        province_raw = values["province"]
        province = self.gazetteer.resolve(province_raw, row, when) if is_pakistan(country) else None
        perpetrator = values["gname"]
        hostages = None
        if to_bool(values["ishostkid"], "ishostkid", UNKNOWN):
            hostages = to_int(values["nhostkid"], "nhostkid", UNKNOWN)
        return {
            "external_id": values["id"],
            "date": when,
            "date_precision": precision,
            "end_date": end,
            "country": country,
            "province_id": province,
            "province_raw": province_raw,
            "city": values["city"],
            "latitude": to_float(values["latitude"], "latitude", -90, 90),
            "longitude": to_float(values["longitude"], "longitude", -180, 180),
            "geo_precision": to_int(values["specificity"], "specificity", UNKNOWN),
            "event_type": _event_type(values["attacktype1_txt"]),
            "attack_type": _join(cell, ATTACK_COLUMNS),
            "target_type": _join(cell, TARGET_COLUMNS),
            "weapon_type": _join(cell, WEAPON_COLUMNS),
            "actor_id": self.actors.resolve(perpetrator),
            "perpetrator_name": perpetrator,
            "killed": to_amount(values["nkill"], "nkill", UNKNOWN),
            "injured": to_amount(values["nwound"], "nwound", UNKNOWN),
            "suicide": to_bool(values["suicide"], "suicide", UNKNOWN),
            "hostages": hostages,
            "related": values["related"][:500],
            "summary": values["summary"],
        }
