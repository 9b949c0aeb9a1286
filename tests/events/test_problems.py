"""Bad input: a clear message naming the row and field, and nothing stored."""

import pytest
from django.test import override_settings

from napmon.core.models import AuditEntry
from napmon.events.errors import EventImportError
from napmon.events.models import Dataset, Event, ImportBatch
from napmon.events.services import import_events

pytestmark = pytest.mark.django_db

CASES = [
    # format, file, code, row, field, words in the message
    ("gtd", "missing_columns.csv", "missing_columns", 1, "nkill", "nkill"),
    ("gtd", "truncated.csv", "truncated_row", 3, "", "cut off"),
    ("gtd", "no_header.csv", "missing_header", 1, None, "not column names"),
    ("gtd", "text_in_number.csv", "invalid_number", 3, "nkill", "'many' is not a number"),
    ("gtd", "impossible_date.csv", "invalid_date", 4, "iday", "2014-02-30"),
    ("gtd", "duplicate_ids.csv", "duplicate_id", 4, "eventid", "already appears at row 2"),
    ("gtd", "empty.csv", "empty_file", None, "file", "empty"),
    (
        "gtd",
        "wrong_field_count.csv",
        "wrong_field_count",
        4,
        "",
        "136 fields where the header has 135",
    ),
    ("ucdp", "impossible_date.csv", "invalid_date", 3, "date_start", "2014-02-30"),
    ("ucdp", "text_in_number.csv", "invalid_number", 5, "best", "'ten'"),
    ("ucdp", "missing_columns.csv", "missing_columns", 1, "best", "best"),
    ("acled", "duplicate_ids.csv", "duplicate_id", 5, "event_id_cnty", "PAK90001"),
    ("acled", "impossible_date.csv", "invalid_date", 4, "event_date", "30 February 2023"),
    ("annual", "text_in_number.csv", "invalid_number", 6, "value", "about 1700"),
    ("mapped", "impossible_date.csv", "invalid_date", 4, "Date", "February 30"),
    ("mapped", "text_in_number.csv", "invalid_number", 6, "Killed Min", "'eighty'"),
    ("mapped", "wrong_weekday.csv", "invalid_date", 2, "Date", "1995-11-19 (a Sunday)"),
]


def _state():
    return (
        Event.objects.count(),
        ImportBatch.objects.count(),
        Dataset.objects.count(),
        AuditEntry.objects.filter(action__startswith="events.batch").count(),
    )


@pytest.mark.parametrize(("fmt", "name", "code", "row", "field", "words"), CASES)
def test_problem_file_is_rejected_with_row_and_field(
    reference, data_dir, mapping_file, fmt, name, code, row, field, words
):
    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd", dataset="existing")
    before = _state()
    mapping = mapping_file if fmt == "mapped" else None

    with pytest.raises(EventImportError) as caught:
        import_events(data_dir / fmt / "with-problems" / name, fmt, mapping=mapping)

    error = caught.value
    assert (error.code, error.row, error.field) == (code, row, field)
    assert words in error.message
    assert _state() == before


def test_wrong_encoding_names_line_and_column(reference, data_dir):
    with pytest.raises(EventImportError) as caught:
        import_events(data_dir / "gtd/with-problems/wrong_encoding.csv", "gtd", encoding="utf-8")

    error = caught.value
    assert (error.code, error.row, error.field) == ("wrong_encoding", 2, "summary")
    assert "--encoding cp1252" in error.message
    assert Event.objects.count() == 0


def test_skip_bad_rows_imports_the_rest_and_lists_them(reference, data_dir):
    report = import_events(
        data_dir / "gtd/with-problems/text_in_number.csv", "gtd", skip_bad_rows=True
    )

    assert (report.imported, report.skipped, report.skipped_rows) == (2, 1, [3])
    assert report.errors[0].field == "nkill"
    assert ImportBatch.objects.get().problems[0]["code"] == "invalid_number"


def test_oversized_file_is_refused(reference, data_dir):
    with override_settings(NAPMON_MAX_IMPORT_MB=0.001), pytest.raises(EventImportError) as c:
        import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    assert c.value.code == "file_too_large" and "NAPMON_MAX_IMPORT_MB" in c.value.message


def test_default_limit_accepts_a_200_mb_file():
    from napmon.events.services import max_import_bytes

    assert max_import_bytes() >= 200 * 1024 * 1024


def test_dry_run_stores_nothing(reference, data_dir):
    report = import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd", dry_run=True)
    assert report.imported == 12 and report.batch_id is None
    assert Event.objects.count() == ImportBatch.objects.count() == 0


def test_bad_mapping_is_explained(reference, data_dir, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  date: Date\n  deaths: Killed\n")
    with pytest.raises(EventImportError) as caught:
        import_events(
            data_dir / "mapped/valid/monitor_incidents.csv", "mapped", mapping=mapping, dataset="x"
        )
    assert (caught.value.code, caught.value.field) == ("invalid_mapping", "deaths")
