"""Global Terrorism Database (START): CSV or XLSX in the published layout, all years."""

from __future__ import annotations

import re
from datetime import date
from operator import itemgetter

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


# Distinct cell texts remembered per column; beyond this the rest are cleaned each time.
MEMO_LIMIT = 10_000


def _event_type(attack: str) -> str:
    return ATTACK_TYPES.get(attack.lower(), "other") if attack else ""


def _join(cells: tuple[str, ...]) -> str:
    return "; ".join([v for v in cells if v and v != "."])


class _Memo(dict):
    """The cleaned value of each distinct cell text of one column, computed once.

    Most GTD columns hold a few distinct texts (counts, 0/1 flags, category names),
    so a million rows need a few thousand conversions instead of a million. A text
    that does not clean raises ``RowError`` every time it is met and is not stored,
    so each bad row is still reported with its own row and field.
    """

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, text):
        value = self.read(text)
        if len(self) < MEMO_LIMIT:
            self[text] = value
        return value


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
        self._missing = len(self.index) < len(self.columns)
        self._memo = {
            name: _Memo(lambda text, name=name, read=read: read(text, name, UNKNOWN))
            for name, read in (
                ("nkill", to_amount),
                ("nwound", to_amount),
                ("suicide", to_bool),
                ("ishostkid", to_bool),
                ("nhostkid", to_int),
                ("specificity", to_int),
            )
        }
        self._memo["event_type"] = _Memo(_event_type)
        # The attack, target and weapon columns, each group joined into one text.
        self._types = [
            (itemgetter(*names), _Memo(_join))
            for names in (ATTACK_COLUMNS, TARGET_COLUMNS, WEAPON_COLUMNS)
        ]

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
        values = self.values(cells)
        if self._missing:
            values = self._blank | values
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
        memo = self._memo
        (attacks, attack), (targets, target), (weapons, weapon) = self._types
        hostages = None
        if memo["ishostkid"][values["ishostkid"]]:
            hostages = memo["nhostkid"][values["nhostkid"]]
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
            "geo_precision": memo["specificity"][values["specificity"]],
            "event_type": memo["event_type"][values["attacktype1_txt"]],
            "attack_type": attack[attacks(values)],
            "target_type": target[targets(values)],
            "weapon_type": weapon[weapons(values)],
            "actor_id": self.actors.resolve(perpetrator),
            "perpetrator_name": perpetrator,
            "killed": memo["nkill"][values["nkill"]],
            "injured": memo["nwound"][values["nwound"]],
            "suicide": memo["suicide"][values["suicide"]],
            "hostages": hostages,
            "related": values["related"][:500],
            "summary": values["summary"],
        }
