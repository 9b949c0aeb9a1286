"""Re-imports change nothing; ACLED exports update and retire; batches roll back."""

import pytest

from napmon.core.models import AuditEntry
from napmon.events.errors import EventImportError
from napmon.events.models import AnnualFigure, Event, ImportBatch
from napmon.events.services import import_events, rollback_batch

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(Event.objects.values_list("key", "row_hash", "status", "killed", "batch_id"))


@pytest.mark.parametrize(
    ("fmt", "path"),
    [
        ("gtd", "gtd/valid/gtd_pakistan.csv"),
        ("ucdp", "ucdp/valid/ged_iso.csv"),
        ("acled", "acled/valid/acled_2023-01-31.csv"),
        ("annual", "annual/valid/pips_yearly.csv"),
    ],
)
def test_reimporting_the_same_file_changes_nothing(reference, data_dir, fmt, path):
    first = import_events(data_dir / path, fmt)
    before = (_snapshot(), AnnualFigure.objects.count())

    again = import_events(data_dir / path, fmt)

    assert (again.imported, again.updated, again.retired) == (0, 0, 0)
    assert again.duplicates == first.imported
    assert (_snapshot(), AnnualFigure.objects.count()) == before


def test_acled_newer_export_updates_and_retires(reference, data_dir):
    import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled")
    report = import_events(data_dir / "acled/valid/acled_2023-02-28.csv", "acled")

    assert (report.imported, report.updated, report.retired, report.duplicates) == (1, 1, 1, 2)
    assert Event.objects.get(key="PAK90002").killed == 5
    gone = Event.objects.get(key="PAK90003")
    assert gone.status == "retired" and gone.retired_by_id == report.batch_id
    assert Event.objects.filter(status="active").count() == 4
    # another dataset with the same ids is untouched
    import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled", dataset="ACLED copy")
    assert Event.objects.filter(dataset__name="ACLED copy", status="active").count() == 4


def test_rollback_restores_updates_and_retirements(reference, data_dir):
    first = import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled")
    before = _snapshot()
    second = import_events(data_dir / "acled/valid/acled_2023-02-28.csv", "acled")

    counts = rollback_batch(second.batch_id)

    assert counts == {"deleted": 1, "restored": 1, "reactivated": 1}
    assert _snapshot() == before
    assert ImportBatch.objects.get(pk=second.batch_id).status == "rolled_back"
    entry = AuditEntry.objects.filter(action="events.batch.rolled_back").get()
    assert entry.object_id == str(second.batch_id) and entry.changes["deleted"] == 1
    rollback_batch(first.batch_id)
    assert Event.objects.count() == 0


def test_rollback_refuses_when_a_later_batch_changed_the_dataset(reference, data_dir):
    first = import_events(data_dir / "acled/valid/acled_2023-01-31.csv", "acled")
    second = import_events(data_dir / "acled/valid/acled_2023-02-28.csv", "acled")

    with pytest.raises(EventImportError) as caught:
        rollback_batch(first.batch_id)
    assert caught.value.code == "batch_superseded" and str(second.batch_id) in caught.value.message
    rollback_batch(second.batch_id)
    with pytest.raises(EventImportError) as caught:
        rollback_batch(second.batch_id)
    assert caught.value.code == "already_rolled_back"
    with pytest.raises(EventImportError) as caught:
        rollback_batch(9999)
    assert caught.value.code == "not_found"


def test_every_import_is_audited(reference, data_dir):
    report = import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    # (other modules leave audit entries behind: the audit log is append-only)
    entry = AuditEntry.objects.get(action="events.batch.imported", object_id=str(report.batch_id))
    assert entry.object_id == str(report.batch_id) and entry.changes["imported"] == 12
    batch = ImportBatch.objects.get()
    assert (batch.rows_read, batch.rows_imported, batch.created_by_label) == (12, 12, "system")
    assert len(batch.sha256) == 64 and batch.encoding == "cp1252"
