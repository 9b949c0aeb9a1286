"""The write path of large imports: every batch inserted, indexes built once at the end
on SQLite, and nothing half-written when the database refuses a row of a later batch."""

import csv

import pytest
from django.db import DatabaseError, connection

from napmon.events.errors import EventImportError
from napmon.events.models import Event, ImportBatch
from napmon.events.services import import_events, summarise_events
from napmon.events.services import writer as writer_module

from .gtd_layout import GTD_COLUMNS

pytestmark = pytest.mark.django_db


def _gtd(path, rows, *, city=lambda n: "Quetta", bad_year_at=None):
    """A GTD file of ``rows`` Balochistan bombings, one per day from 1 January 2015."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(GTD_COLUMNS)
        for n in range(rows):
            row = dict.fromkeys(GTD_COLUMNS, "")
            row.update(
                eventid=f"2015{1 + n // 28 % 12:02d}{1 + n % 28:02d}{n:04d}",
                iyear="2015" if n != bad_year_at else "20x5",
                imonth=str(1 + n // 28 % 12),
                iday=str(1 + n % 28),
                country_txt="Pakistan",
                provstate="Balochistan",
                city=city(n),
                attacktype1_txt="Bombing/Explosion",
                gname="Unknown",
                nkill=str(n % 5),
                nwound="2",
            )
            out.writerow([row[c] for c in GTD_COLUMNS])
    return path


def _indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'events_event' "
            "AND type = 'index' ORDER BY name"
        )
        return cursor.fetchall()


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 7 rows, and the deferred-index path from 10 rows, to test small files."""
    monkeypatch.setattr(writer_module, "BATCH_SIZE", 7)
    monkeypatch.setattr(writer_module, "BULK_MIN_ROWS", 10)


def test_every_batch_arrives(reference, small_batches, tmp_path):
    report = import_events(_gtd(tmp_path / "gtd.csv", 60), "gtd")

    assert (report.rows_read, report.imported, report.error_count) == (60, 60, 0)
    rows = sorted(Event.objects.values_list("source_row", flat=True))
    assert rows == list(range(2, 62))
    balochistan = next(r for r in summarise_events("province", {}) if r["key"] == "Balochistan")
    # nkill cycles 0..4 over 60 rows: 12 * (0+1+2+3+4) = 120; two wounded each.
    assert (balochistan["events"], balochistan["killed"], balochistan["injured"]) == (60, 120, 120)


@pytest.fixture
def refuse_boom(db):
    """A trigger that makes the database refuse any event in the city 'Boom'."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_boom BEFORE INSERT ON events_event "
                "WHEN NEW.city = 'Boom' BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN "
                "IF NEW.city = 'Boom' THEN RAISE EXCEPTION 'refused by test'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_boom BEFORE INSERT ON events_event "
                "FOR EACH ROW EXECUTE FUNCTION refuse_boom()"
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER refuse_boom"
            if connection.vendor == "sqlite"
            else "DROP TRIGGER refuse_boom ON events_event; DROP FUNCTION refuse_boom()"
        )


def test_a_refused_insert_in_a_later_batch_leaves_nothing(
    reference, small_batches, refuse_boom, tmp_path
):
    """A database error in the fifth batch fails the import and rolls all of it back."""
    before = _indexes() if connection.vendor == "sqlite" else None
    path = _gtd(tmp_path / "gtd.csv", 60, city=lambda n: "Boom" if n == 30 else "Quetta")

    with pytest.raises(DatabaseError, match="refused by test"):
        import_events(path, "gtd")

    assert Event.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    if before is not None:
        assert _indexes() == before


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_large_import_builds_the_same_indexes_again(reference, small_batches, tmp_path):
    before = _indexes()
    assert any(name == "events_date_idx" for name, _ in before)

    import_events(_gtd(tmp_path / "gtd.csv", 60), "gtd")

    assert _indexes() == before
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN SELECT id FROM events_event WHERE date = '2015-01-02'")
        assert "events_date_idx" in " ".join(str(r) for r in cursor.fetchall())


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_refused_large_import_keeps_its_indexes(reference, small_batches, tmp_path):
    before = _indexes()
    path = _gtd(tmp_path / "gtd.csv", 60, bad_year_at=55)

    with pytest.raises(EventImportError) as caught:
        import_events(path, "gtd")

    assert caught.value.row == 57 and caught.value.field == "iyear"
    assert _indexes() == before
    assert Event.objects.count() == 0
