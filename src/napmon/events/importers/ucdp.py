"""UCDP Georeferenced Event Dataset (GED): CSV, either date format, trailing commas allowed."""

from __future__ import annotations

from napmon.events.importers.base import BaseImporter
from napmon.events.importers.values import RowError, parse_date, to_float, to_int
from napmon.events.resolvers import is_pakistan

DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")
VIOLENCE = {
    "1": ("battle", "state-based conflict"),
    "2": ("battle", "non-state conflict"),
    "3": ("violence_against_civilians", "one-sided violence"),
}
# date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 month, 5 year or longer.
PRECISION = {"1": "day", "2": "day", "3": "day", "4": "month", "5": "year"}


class UcdpImporter(BaseImporter):
    """UCDP GED rows → events, with best/low/high deaths (or best_est/low_est/high_est).

    The perpetrator is side_b for state-based conflict (side_a is the
    government) and side_a otherwise.
    """

    format = "ucdp"
    label = "UCDP GED"
    default_dataset = "UCDP GED"
    measure = "organised violence (events with at least one death)"
    records_injuries = False
    columns = {
        "id": ("id",),
        "date_start": ("date_start",),
        "date_end": ("date_end",),
        "date_prec": ("date_prec",),
        "type_of_violence": ("type_of_violence",),
        "country": ("country",),
        "province": ("adm_1",),
        "district": ("adm_2",),
        "where_coordinates": ("where_coordinates",),
        "latitude": ("latitude",),
        "longitude": ("longitude",),
        "where_prec": ("where_prec",),
        "side_a": ("side_a",),
        "side_b": ("side_b",),
        "best": ("best", "best_est"),
        "low": ("low", "low_est"),
        "high": ("high", "high_est"),
        "source_headline": ("source_headline",),
        "where_description": ("where_description",),
    }
    required = ("id", "date_start", "type_of_violence", "country", "province", "best")
    id_column = "id"
    allow_trailing_comma = True

    def clean(self, cells: list[str], row: int) -> dict:
        cell = self.cell
        when = parse_date(cell(cells, "date_start"), "date_start", DATE_FORMATS)
        end_text = cell(cells, "date_end")
        end = parse_date(end_text, "date_end", DATE_FORMATS) if end_text else None
        violence = cell(cells, "type_of_violence")
        if violence not in VIOLENCE:
            raise RowError("type_of_violence", "invalid_value", f"'{violence}' is not 1, 2 or 3")
        event_type, violence_label = VIOLENCE[violence]
        country = cell(cells, "country")
        province_raw = cell(cells, "province")
        side_a, side_b = cell(cells, "side_a"), cell(cells, "side_b")
        perpetrator = side_b if violence == "1" else side_a
        return {
            "external_id": cell(cells, "id"),
            "date": when,
            "date_precision": PRECISION.get(cell(cells, "date_prec"), "day"),
            "end_date": end if end and end != when else None,
            "country": country,
            "province_id": (
                self.gazetteer.resolve(province_raw, row, when) if is_pakistan(country) else None
            ),
            "province_raw": province_raw,
            "district": cell(cells, "district"),
            "city": cell(cells, "where_coordinates"),
            "latitude": to_float(cell(cells, "latitude"), "latitude", -90, 90),
            "longitude": to_float(cell(cells, "longitude"), "longitude", -180, 180),
            "geo_precision": to_int(cell(cells, "where_prec"), "where_prec"),
            "event_type": event_type,
            "violence": int(violence),
            "attack_type": violence_label,
            "actor_id": self.actors.resolve(perpetrator),
            "perpetrator_name": perpetrator,
            "killed": to_int(cell(cells, "best"), "best"),
            "killed_low": to_int(cell(cells, "low"), "low"),
            "killed_high": to_int(cell(cells, "high"), "high"),
            "summary": cell(cells, "source_headline") or cell(cells, "where_description"),
        }
