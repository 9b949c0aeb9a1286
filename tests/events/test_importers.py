"""Each importer reads its valid samples into the values a user would check."""

import csv
import json
from datetime import date
from decimal import Decimal

import pytest

from napmon.events.importers.gtd import GtdImporter
from napmon.events.models import AnnualFigure, Event
from napmon.events.services import import_events

pytestmark = pytest.mark.django_db


def _event(dataset, key):
    return Event.objects.select_related("province", "actor").get(dataset__name=dataset, key=key)


@pytest.mark.parametrize("name", ["gtd_pakistan.csv", "gtd_pakistan.xlsx"])
def test_gtd_sample_is_read_with_unknowns_and_precision(reference, data_dir, name):
    report = import_events(data_dir / "gtd" / "valid" / name, "gtd")

    assert (report.rows_read, report.imported, report.error_count) == (12, 12, 0)
    aps = _event("GTD", "201412160001")
    assert (aps.date, aps.date_precision, aps.killed, aps.injured) == (
        date(2014, 12, 16),
        "day",
        150,
        131,
    )
    assert aps.province.code == "PK-KP" and aps.actor.short_name == "TTP"
    assert aps.suicide is True and aps.event_type == "armed_assault"
    assert "\u201cthe school\u201d" in aps.summary  # cp1252 quotes decoded
    assert aps.raw["gname"] == "Tehrik-i-Taliban Pakistan (TTP)"
    month_only = _event("GTD", "201005000001")
    assert (month_only.date, month_only.date_precision) == (date(2010, 5, 1), "month")
    assert month_only.killed is None  # -99
    assert month_only.province.code == "PK-TA"
    year_only = _event("GTD", "200800000001")
    assert (year_only.date_precision, year_only.injured, year_only.hostages) == ("year", None, None)
    assert year_only.province.code == "PK-KP"  # NWFP
    assert _event("GTD", "201301100002").province.code == "PK-BA"  # Baluchistan
    assert _event("GTD", "201506150001").province.code == "PK-IS"  # Capital
    assert _event("GTD", "201908010001").province.code == "PK-KP"  # FATA after 31 May 2018
    unknown = _event("GTD", "201804040001")
    assert unknown.province is None and unknown.province_raw == "Xyzabad Agency"
    abroad = _event("GTD", "201811230001")
    assert abroad.country == "Afghanistan" and abroad.province is None
    extended = _event("GTD", "201407100001")
    assert (extended.end_date, extended.hostages) == (date(2014, 7, 14), 3)
    related = _event("GTD", "201301100001")
    assert related.related == "201301100001, 201301100002" and related.raw["multiple"] == "1"
    warning = [p for p in report.problems if p.code == "unknown_province"]
    assert len(warning) == 1 and warning[0].row == 11 and warning[0].field == "provstate"
    assert "Xyzabad Agency" in warning[0].message and "1 event(s)" in warning[0].message


def test_gtd_exclude_doubtful_lists_skipped_rows(reference, data_dir):
    report = import_events(
        data_dir / "gtd/valid/gtd_pakistan.csv", "gtd", options={"exclude_doubtful": True}
    )

    assert (report.imported, report.skipped, report.skipped_rows) == (11, 1, [7])
    assert not Event.objects.filter(key="201602270001").exists()
    assert Event.objects.filter(key="201703270001").exists()  # doubtterr -9 is kept


def test_mangled_ids_are_reported_and_keys_derived(reference, data_dir):
    report = import_events(data_dir / "gtd/valid/gtd_mangled_ids.csv", "gtd")

    assert report.imported == 4
    warning = next(p for p in report.problems if p.code == "unusable_id")
    assert warning.field == "eventid" and "2.01412E+11" in warning.message
    assert "4 row(s)" in warning.message
    keys = set(Event.objects.values_list("key", flat=True))
    assert len(keys) == 4 and all(k.startswith("row:") for k in keys)
    # the two rows sharing '2.01301E+11' stay two events
    assert Event.objects.filter(external_id="2.01301E+11").count() == 2
    again = import_events(data_dir / "gtd/valid/gtd_mangled_ids.csv", "gtd")
    assert (again.imported, again.duplicates) == (0, 4)


@pytest.mark.parametrize(
    "name",
    ["ged_iso.csv", "ged_us_dates_trailing_comma.csv", "ged_old_est_columns.csv"],
)
def test_ucdp_variants_read_the_same_events(reference, data_dir, name):
    report = import_events(data_dir / "ucdp/valid" / name, "ucdp", dataset="GED")

    assert (report.imported, report.error_count) == (5, 0)
    aps = _event("GED", "200101")
    assert (aps.killed, aps.killed_low, aps.killed_high) == (150, 148, 157)
    assert aps.perpetrator_name == "TTP" and aps.actor.short_name == "TTP"
    assert aps.province.code == "PK-KP" and aps.event_type == "battle"
    ranged = _event("GED", "200103")
    assert (ranged.date, ranged.end_date, ranged.province.code) == (
        date(2015, 3, 1),
        date(2015, 3, 5),
        "PK-TA",
    )
    assert _event("GED", "200104").date_precision == "month"
    assert _event("GED", "200102").event_type == "violence_against_civilians"


def test_acled_sample(reference, data_dir):
    report = import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled")

    assert report.imported == 4
    first = _event("ACLED", "PAK90001")
    assert (first.date, first.killed, first.injured, first.suicide) == (
        date(2023, 1, 5),
        4,
        None,
        True,
    )
    assert first.actor.short_name == "TTP" and first.event_type == "bombing"
    assert _event("ACLED", "PAK90004").province.code == "PK-IS"


def test_annual_keeps_the_source_measure(reference, data_dir):
    report = import_events(data_dir / "annual/valid/pips_yearly.csv", "annual", dataset="PIPS")

    assert report.imported == 9
    figures = {(f.year, f.measure): f.value for f in AnnualFigure.objects.all()}
    assert figures[(2014, "casualties")] == Decimal("1723")
    assert (2014, "killed") not in figures
    assert figures[(2008, "attacks")] == Decimal("2148")
    assert AnnualFigure.objects.filter(unit__code="PK").count() == 9
    assert Event.objects.count() == 0


def test_mapped_sheet_with_worked_example(reference, data_dir, mapping_file):
    path = data_dir / "mapped/valid/monitor_incidents.csv"
    report = import_events(path, "mapped", mapping=mapping_file)

    with path.open(encoding="cp1252", newline="") as fh:
        incidents = [r for r in csv.DictReader(fh) if r["S#"]]
    assert report.imported == len(incidents) == 7
    assert (report.skipped, report.skipped_rows) == (1, [9])  # the totals row
    assert report.problems[0].code == "skipped_by_rule"
    embassy = _event("Monitor incident sheet", "1")
    assert (embassy.date, embassy.province.code) == (date(1995, 11, 19), "PK-IS")
    assert (embassy.killed, embassy.killed_low, embassy.killed_high) == (15, 15, 17)
    assert embassy.event_type == "bombing" and "\u201cblast\u201d" in embassy.summary
    wana = _event("Monitor incident sheet", "2")
    assert (wana.date, wana.province.code, wana.event_type) == (date(2004, 6, 18), "PK-TA", "other")
    aps = _event("Monitor incident sheet", "4")
    assert (aps.province.code, aps.actor.short_name, aps.event_type) == (
        "PK-KP",
        "TTP",
        "armed_assault",
    )
    assert _event("Monitor incident sheet", "7").province.code == "PK-SD"  # Sind
    assert _event("Monitor incident sheet", "3").province.code == "PK-KP"  # N.W.F.P.
    assert _event("Monitor incident sheet", "6").actor.short_name == "JuA"


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        (["eventid", "summary", "city"], ["1", 'a \u201cquoted\u201d \u2013 "x"\\ \x00\n', ""]),
        (["eventid", "", "city"], ["", "", "Wana"]),
        (["a", "b", "a"], ["first", "", "second"]),  # a repeated name keeps the last value
        (["\u00e9t\u00e9", "b"], ["", ""]),
    ],
)
def test_raw_row_json_is_exactly_json_dumps(header, cells):
    # The stored row and its content hash must not change between versions: a changed
    # hash would turn the re-import of an unchanged file into updates.
    importer = GtdImporter("unused.csv")
    importer.header = header
    importer.positions = []
    importer._prepare_row_access()

    expected = json.dumps({h: c for h, c in zip(header, cells, strict=True) if c})
    assert importer.raw_json(cells) == expected
