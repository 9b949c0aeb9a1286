"""The mapping format does what docs/importing.md says, every option on the worked example."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from napmon.events.errors import EventImportError
from napmon.events.importers.mapping import parse_mapping
from napmon.events.models import Dataset, Event
from napmon.events.services import import_events, totals

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "importing.md"
DATASET = "Suicide attacks sheet"


@pytest.fixture
def sheet(data_dir):
    return data_dir / "mapped/valid/suicide_attacks.csv"


@pytest.fixture
def mapping_data(data_dir):
    text = (data_dir / "mapped/valid/suicide_attacks_mapping.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _event(key):
    return Event.objects.select_related("province", "actor").get(dataset__name=DATASET, key=key)


def test_docs_worked_example_is_the_tested_mapping(mapping_data):
    docs = DOCS.read_text(encoding="utf-8")
    block = re.search(
        r"Its mapping, `tests/data/mapped/valid/suicide_attacks_mapping.yaml`:\s*```yaml\n(.*?)```",
        docs,
        re.S,
    )
    assert block is not None
    assert yaml.safe_load(block.group(1)) == mapping_data
    documented = set(re.findall(r"^\| `(\w+)` \|", docs.split("## The mapping format")[1], re.M))
    assert set(mapping_data) | {"sheet"} == documented  # every documented key is in the example


def test_worked_example_applies_every_option(reference, sheet, mapping_data):
    report = import_events(sheet, "mapped", mapping=parse_mapping(mapping_data))

    assert (report.rows_read, report.imported, report.skipped, report.error_count) == (7, 6, 1, 0)
    assert report.skipped_rows == [8]
    codes = {(p.code, p.row, p.field) for p in report.problems}
    assert ("weekday_mismatch", 3, "Date") in codes
    assert ("killed_unknown", 4, "Killed Min") in codes
    assert ("at_least", 5, "Killed Min") in codes and ("at_least", 6, "Injured") in codes
    # a wrong weekday is a warning here: the date is kept
    assert _event("2").date == date(2016, 3, 7)
    # values: applies to dates too
    ashura = _event("4")
    assert (ashura.date, ashura.date_precision, ashura.province.code) == (
        date(2009, 12, 28),
        "day",
        "PK-SD",
    )
    # "40+" is a lower bound, flagged; "NA" is unknown, not 0
    assert (ashura.killed, ashura.killed_low, ashura.killed_high) == (40, 40, 43)
    assert ashura.lower_bounds == "killed,killed_low" and ashura.injured is None
    assert (_event("5").injured, _event("5").lower_bounds) == (250, "injured")
    # killed_fallback: unknown: no minimum means killed unknown, never the maximum
    hazara = _event("3")
    assert (hazara.killed, hazara.killed_low, hazara.killed_high) == (None, None, 91)
    embassy = _event("1")
    assert (embassy.perpetrator_name, embassy.actor, embassy.event_type) == ("", None, "bombing")
    assert _event("6").province.code == "PK-TA"  # Kurram Agency → FATA through values:
    assert totals({"dataset": DATASET})["killed"] == 15 + 17 + 40 + 88 + 67


def test_other_bound_fallback_is_explicit(reference, sheet, mapping_data):
    report = import_events(
        sheet, "mapped", mapping=parse_mapping({**mapping_data, "killed_fallback": "other_bound"})
    )

    assert _event("3").killed == 91
    fallback = next(p for p in report.problems if p.code == "killed_fallback")
    assert fallback.row == 4 and "1 row(s)" in fallback.message


def test_weekday_mismatch_is_an_error_by_default(reference, sheet, mapping_data):
    del mapping_data["weekday_mismatch"]
    with pytest.raises(EventImportError) as caught:
        import_events(sheet, "mapped", mapping=parse_mapping(mapping_data))

    assert (caught.value.code, caught.value.row, caught.value.field) == ("invalid_date", 3, "Date")
    assert "(a Monday)" in caught.value.message and Event.objects.count() == 0


def test_na_without_unknown_values_is_an_error(reference, sheet, mapping_data):
    del mapping_data["unknown_values"]
    with pytest.raises(EventImportError) as caught:
        import_events(sheet, "mapped", mapping=parse_mapping(mapping_data))

    problems = [(p.row, p.field, p.code) for p in caught.value.report.errors]
    assert problems == [(5, "Injured", "invalid_number")]


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"killed_fallback": "max"}, "killed_fallback", "unknown, other_bound"),
        ({"weekday_mismatch": "ignore"}, "weekday_mismatch", "error, warning"),
        ({"unknown_values": {"Injured": ["NA"]}}, "unknown_values.Injured", "does not map"),
        ({"unknown_values": {"injured": {"a": 1}}}, "unknown_values.injured", "list of cell"),
    ],
)
def test_bad_options_name_the_key(mapping_data, change, field, text):
    with pytest.raises(EventImportError) as caught:
        parse_mapping({**mapping_data, **change})

    assert (caught.value.code, caught.value.field) == ("invalid_mapping", field)
    assert text in caught.value.message


def test_explorer_marks_lower_bounds(reference, sheet, mapping_data, client):
    import_events(sheet, "mapped", mapping=parse_mapping(mapping_data))
    # A mapped spreadsheet starts restricted (core.visibility); publish its rows.
    Dataset.objects.filter(name=DATASET).update(licence_tier="open")

    html = client.get("/events/", {"dataset": DATASET}).content.decode()

    ashura = html.split("2009-12-28")[1].split("</tr>")[0]
    assert "<td>40<abbr" in ashura and "at least" in ashura  # killed 40+
    assert "<td>–</td>" in ashura  # injured NA: unknown, not 0
    embassy = html.split("1995-11-19")[1].split("</tr>")[0]
    assert "<td>15</td>" in embassy and "<abbr" not in embassy
