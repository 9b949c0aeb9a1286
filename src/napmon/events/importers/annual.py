"""Annual summary tables: (year, region, measure, value, source), kept under the source's names."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from napmon.events.importers.base import BaseImporter
from napmon.events.importers.values import RowError, to_int
from napmon.events.measures import EVENT_COUNT_MEASURES, MEASURES
from napmon.events.models import AdminUnit
from napmon.events.names import name_key

__all__ = ["EVENT_COUNT_MEASURES", "MEASURES", "AnnualImporter"]


class AnnualImporter(BaseImporter):
    """Rows of yearly totals → ``AnnualFigure``.

    The measure keeps the source's own name: "casualties" is never turned into
    "killed". Measures must be in ``MEASURES`` (case and spaces ignored: "Suicide
    attacks" is ``suicide_attacks``) and regions must be known to the gazetteer;
    anything else is a row error listing the accepted values. A figure is
    identified by (year, region, measure) in its dataset.
    """

    format = "annual"
    label = "annual summary table"
    default_dataset = "Annual figures"
    measure = "annual totals, under each source's own measure names"
    kind = "annual"
    columns = {
        "year": ("year",),
        "region": ("region",),
        "measure": ("measure",),
        "value": ("value",),
        "source": ("source",),
    }
    required = ("year", "region", "measure", "value")

    def clean(self, cells: list[str], row: int) -> dict:
        year = to_int(self.cell(cells, "year"), "year")
        if year is None or not 1900 <= year <= 2100:
            raise RowError("year", "invalid_value", f"'{self.cell(cells, 'year')}' is not a year")
        region = self.cell(cells, "region")
        measure = self.cell(cells, "measure")
        if not region or not measure:
            missing = "region" if not region else "measure"
            raise RowError(missing, "missing_value", f"the {missing} is empty")
        measure = measure.lower().replace(" ", "_")
        if measure not in MEASURES:
            raise RowError(
                "measure",
                "unknown_measure",
                f"'{self.cell(cells, 'measure')}' is not a known measure; accepted: "
                f"{', '.join(MEASURES)}",
            )
        unit_id = self.gazetteer._lookup(region)
        if unit_id is None:
            raise RowError(
                "region",
                "unknown_region",
                f"'{region}' is not a region in the gazetteer; accepted: "
                f"{', '.join(self._regions())} (or an alias such as KPK)",
            )
        text = self.cell(cells, "value").replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise RowError("value", "invalid_number", f"'{text}' is not a number") from None
        if not value.is_finite():
            raise RowError("value", "invalid_number", f"'{text}' is not a number")
        return {
            "year": year,
            "region": region,
            "unit_id": unit_id,
            "measure": measure,
            "value": value,
            "source": self.cell(cells, "source"),
        }

    def _regions(self) -> list[str]:
        if not hasattr(self, "_region_names"):
            # The country and its first-level units: enough to show what is meant.
            units = AdminUnit.objects.filter(
                kind__in=("country", "province", "territory", "former")
            )
            self._region_names = list(units.order_by("code").values_list("name", flat=True))
        return self._region_names

    def finish_record(self, record: dict, cells: list[str], row: int) -> dict:
        record = super().finish_record(record, cells, row)
        record["key"] = "|".join(
            (str(record["year"]), name_key(record["region"]), name_key(record["measure"]))
        )[:64]
        return record
