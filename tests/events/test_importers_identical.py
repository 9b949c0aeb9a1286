"""Rows with unusable ids and identical content: separate incidents, or a repeated file."""

import pytest

from napmon.events.errors import EventImportError
from napmon.events.models import Event
from napmon.events.services import import_events, summarise_events

pytestmark = pytest.mark.django_db


def test_identical_rows_with_mangled_ids_import_whole(reference, data_dir):
    path = data_dir / "gtd/valid/gtd_identical_rows.csv"
    report = import_events(path, "gtd")

    # Six rows, six incidents: three identical Karachi blasts and a repeated Peshawar report.
    assert (report.rows_read, report.imported, report.skipped, report.error_count) == (6, 6, 0, 0)
    identical = [p for p in report.problems if p.code == "identical_row"]
    assert [(p.row, p.severity) for p in identical] == [
        (4, "warning"),
        (5, "warning"),
        (7, "warning"),
    ]
    assert "the same content as row 3" in identical[0].message
    assert "occurrence 3" in identical[1].message
    assert "the same content as row 2" in identical[2].message
    karachi = Event.objects.filter(city="Karachi").order_by("source_row")
    assert [e.source_row for e in karachi] == [3, 4, 5]
    keys = [e.key for e in karachi]
    assert keys[1] == keys[0] + ":2" and keys[2] == keys[0] + ":3"
    assert all(e.raw["multiple"] == "1" for e in karachi)
    sindh = next(r for r in summarise_events("province", {}) if r["key"] == "Sindh")
    assert (sindh["events"], sindh["injured"]) == (3, 9)


def test_identical_rows_keep_their_keys_on_reimport(reference, data_dir):
    path = data_dir / "gtd/valid/gtd_identical_rows.csv"
    import_events(path, "gtd")
    keys = set(Event.objects.values_list("key", flat=True))

    again = import_events(path, "gtd", dry_run=True)

    assert (again.imported, again.duplicates, again.updated) == (0, 6, 0)
    assert set(Event.objects.values_list("key", flat=True)) == keys


def test_file_appended_to_itself_is_refused(reference, data_dir):
    path = data_dir / "gtd/with-problems/appended_twice.csv"
    with pytest.raises(EventImportError) as caught:
        import_events(path, "gtd")

    report = caught.value.report
    assert caught.value.code == "duplicate_row" and caught.value.row == 5
    duplicates = [p for p in report.problems if p.code == "duplicate_row"]
    assert [p.row for p in duplicates] == [5, 6, 7]
    assert "same content as row 2" in duplicates[0].message
    assert "appended to itself" in duplicates[0].message
    assert Event.objects.count() == 0


def test_appended_copy_is_left_out_with_skip_bad_rows(reference, data_dir):
    path = data_dir / "gtd/with-problems/appended_twice.csv"
    report = import_events(path, "gtd", skip_bad_rows=True)

    assert (report.imported, report.skipped, report.skipped_rows) == (3, 3, [5, 6, 7])
