import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from napmon.api.services.exports import csv_cell
from napmon.core.spreadsheet import escape_cell
from napmon.indicators.models import Indicator, IndicatorValue, Source, Visibility

pytestmark = pytest.mark.django_db


def _db_values():
    public = IndicatorValue.objects.filter(
        visibility=Visibility.PUBLIC, indicator__visibility=Visibility.PUBLIC
    )
    return {
        (v.indicator.slug, v.period_start.isoformat(), v.geography): v.value.normalize()
        for v in public.select_related("indicator")
    }


def _key(row):
    return (row["indicator"], str(row["period_start"])[:10], row["geography"])


def test_csv_round_trips_to_the_database_values(client):
    text = client.get("/api/v1/exports/values.csv").content.decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {_key(r): Decimal(r["value"]).normalize() for r in rows} == _db_values()
    change = next(r for r in rows if r["indicator"] == "change-attacks-2014-2015")
    assert change["value"] == "-48"  # a negative number stays a number


def test_xlsx_round_trips_with_numeric_cells(client):
    content = client.get("/api/v1/exports/values.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert {_key(r): Decimal(str(r["value"])).normalize() for r in rows} == _db_values()
    assert all(isinstance(r["value"], (int, float)) for r in rows)


def test_json_round_trips(client):
    data = json.loads(client.get("/api/v1/exports/values.json").content)
    assert data["columns"][9] == {"name": "value", "type": "number"}
    assert {_key(r): Decimal(str(r["value"])).normalize() for r in data["rows"]} == _db_values()


def test_filters_apply_to_exports(client):
    text = client.get("/api/v1/exports/values.csv?version=2021&point=4").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["indicator"] for r in rows} == {
        "schedule-iv-listed",
        "accounts-blocked",
        "funds-frozen",
    }
    assert len(rows) == 6
    text = client.get("/api/v1/exports/values.csv?geography=PK-KP").content.decode()
    assert {r["indicator"] for r in csv.DictReader(io.StringIO(text))} == {
        "kp-ct-operations",
        "kp-terrorists-killed",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+92", "'+92"),
        ("-48 attacks", "'-48 attacks"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_formula_escape_rule(text, expected):
    assert escape_cell(text) == expected


def test_numeric_columns_keep_negative_numbers():
    assert csv_cell(Decimal("-48"), "number") == "-48"
    assert csv_cell(-3, "integer") == "-3"
    assert csv_cell("-48", "string") == "'-48"


def test_formula_injection_is_escaped_in_csv_and_inert_in_xlsx(client):
    indicator = Indicator.objects.get(slug="executions")
    IndicatorValue.objects.create(
        indicator=indicator,
        value=Decimal("-5"),
        precision="year",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        period_label="2023",
        source=Source.objects.get(key="issra-via-article"),
        note='=HYPERLINK("http://evil.example","click")',
    )
    text = client.get("/api/v1/exports/values.csv?indicator=executions").content.decode()
    row = [r for r in csv.DictReader(io.StringIO(text)) if r["period"] == "2023"][0]
    assert row["note"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["value"] == "-5"
    content = client.get("/api/v1/exports/values.xlsx?indicator=executions").content
    sheet = load_workbook(io.BytesIO(content)).active
    notes = [row[13] for row in sheet.iter_rows(min_row=2)]
    evil = next(c for c in notes if c.value and "HYPERLINK" in c.value)
    assert evil.data_type == "s"
    assert evil.value == '=HYPERLINK("http://evil.example","click")'


def test_open_sdg_layout(client):
    text = client.get("/api/v1/exports/opensdg/sectarian-incidents.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "Year",
        "Geography",
        "GeoCode",
        "Units",
        "Source",
        "COMMENT_OBS",
        "Value",
    ]
    assert [(r["Year"], r["Value"], r["COMMENT_OBS"]) for r in rows] == [
        ("2023", "12", ""),
        ("2024", "18", "by October 2024"),
    ]
    assert rows[0]["Units"] == "count" and "ISSRA" in rows[0]["Source"]
    text = client.get("/api/v1/exports/opensdg/kp-ct-operations.csv").content.decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["Geography"], row["GeoCode"], row["Value"]) == (
        "Khyber Pakhtunkhwa",
        "PK-KP",
        "14535",
    )


def test_unknown_table_or_format_is_a_400(client):
    assert client.get("/api/v1/exports/secrets.csv").json()["code"] == "unknown_table"
    assert client.get("/api/v1/exports/values.xml").json()["code"] == "unknown_format"


def test_export_command_writes_files(tmp_path, capsys):
    from django.core.management import call_command

    out = tmp_path / "v.xlsx"
    call_command("export", "values", "--format", "xlsx", "-o", str(out), "--point", "2021/4")
    assert load_workbook(out).active.max_row == 7
    call_command("export", "opensdg", "schedule-iv-listed")
    assert "2024,,,count," in capsys.readouterr().out
