"""ACLED CSV exports; a newer export updates changed events and retires deleted ones."""

from __future__ import annotations

from napmon.events.importers.base import BaseImporter
from napmon.events.importers.values import parse_date, to_float, to_int
from napmon.events.resolvers import is_pakistan

DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y")
EVENT_TYPES = {
    "battles": "battle",
    "explosions/remote violence": "bombing",
    "violence against civilians": "violence_against_civilians",
    "protests": "unrest",
    "riots": "unrest",
    "strategic developments": "other",
}
# time_precision: 1 the day, 2 within a week, 3 within a month.
PRECISION = {"1": "day", "2": "day", "3": "month"}


class AcledImporter(BaseImporter):
    """ACLED rows → events matched on ``event_id_cnty`` within the dataset.

    Events of the dataset absent from a newer export are retired (not deleted).
    ACLED records no injuries; fatalities are its conservative estimate.
    """

    format = "acled"
    label = "ACLED"
    default_dataset = "ACLED"
    measure = "political violence and protest events (ACLED)"
    records_injuries = False
    columns = {
        "id": ("event_id_cnty",),
        "event_date": ("event_date",),
        "time_precision": ("time_precision",),
        "event_type": ("event_type",),
        "sub_event_type": ("sub_event_type",),
        "actor1": ("actor1",),
        "actor2": ("actor2",),
        "country": ("country",),
        "province": ("admin1",),
        "admin2": ("admin2",),
        "location": ("location",),
        "latitude": ("latitude",),
        "longitude": ("longitude",),
        "geo_precision": ("geo_precision",),
        "notes": ("notes",),
        "fatalities": ("fatalities",),
    }
    required = ("id", "event_date", "event_type", "country", "province", "fatalities")
    id_column = "event_id_cnty"
    retires_missing = True

    def clean(self, cells: list[str], row: int) -> dict:
        cell = self.cell
        when = parse_date(cell(cells, "event_date"), "event_date", DATE_FORMATS)
        country = cell(cells, "country")
        province_raw = cell(cells, "province")
        source_type, sub_type = cell(cells, "event_type"), cell(cells, "sub_event_type")
        perpetrator = cell(cells, "actor1")
        return {
            "external_id": cell(cells, "id"),
            "date": when,
            "date_precision": PRECISION.get(cell(cells, "time_precision"), "day"),
            "country": country,
            "province_id": (
                self.gazetteer.resolve(province_raw, row, when) if is_pakistan(country) else None
            ),
            "province_raw": province_raw,
            "district": cell(cells, "admin2"),
            "city": cell(cells, "location"),
            "latitude": to_float(cell(cells, "latitude"), "latitude", -90, 90),
            "longitude": to_float(cell(cells, "longitude"), "longitude", -180, 180),
            "geo_precision": to_int(cell(cells, "geo_precision"), "geo_precision"),
            "event_type": EVENT_TYPES.get(source_type.lower(), "other") if source_type else "",
            "attack_type": " / ".join(v for v in (source_type, sub_type) if v),
            "actor_id": self.actors.resolve(perpetrator),
            "perpetrator_name": perpetrator,
            "killed": to_int(cell(cells, "fatalities"), "fatalities"),
            "suicide": True if "suicide" in sub_type.lower() else None,
            "summary": cell(cells, "notes"),
        }
