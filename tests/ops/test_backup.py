"""`napmon backup` and `napmon restore`: a fresh database gets the same rows and checksums."""

import io
import json
import sqlite3
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.core.audit import log_action
from napmon.core.backup import create_backup
from napmon.plans.models import Point

from .helpers import napmon_env, run_napmon

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = settings.MEDIA_ROOT / "imports" / "gtd.csv"
    path.parent.mkdir(parents=True)
    path.write_text("eventid,iyear\n201401010001,2014\n", encoding="utf-8")
    return path


def manifest_of(path):
    with tarfile.open(path, "r:gz") as archive:
        return json.load(archive.extractfile("manifest.json"))


def test_restore_into_a_fresh_database_has_the_same_counts_and_checksums(
    tmp_path, upload, fresh_database_url
):
    log_action("test.backup", object_type="test", changes={"note": "ا ب ت", "n": 1.5})
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    made = manifest_of(archive)
    by_label = {entry["label"]: entry for entry in made["models"]}
    assert by_label["plans.point"]["rows"] == Point.objects.count() == 34
    assert by_label["core.auditentry"]["rows"] > 0
    assert [m["path"] for m in made["media"]] == ["imports/gtd.csv"]

    fresh = tmp_path / "fresh"
    env = napmon_env(fresh, fresh_database_url)
    out = run_napmon("restore", str(archive), env=env)
    assert "counts and checksums match the backup" in out.stdout
    # An independent look: a backup of the restored installation is the same data.
    again = tmp_path / "again.tar.gz"
    run_napmon("backup", str(again), env=env)
    redone = manifest_of(again)
    assert [(m["label"], m["rows"], m["sha256"]) for m in redone["models"]] == [
        (m["label"], m["rows"], m["sha256"]) for m in made["models"]
    ]
    assert (fresh / "media" / "imports" / "gtd.csv").read_bytes() == upload.read_bytes()


def test_restore_refuses_a_database_that_holds_data(tmp_path, upload):
    archive = create_backup(tmp_path / "b.tar.gz").path
    with pytest.raises(CommandError, match="fresh database.*database_not_empty"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, upload):
    archive = create_backup(tmp_path / "b.tar.gz").path
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member) if member.isfile() else None
            if member.name.endswith("plans-point.json"):
                content = data.read().replace(b"\n]\n", b"\n ]\n")  # still valid JSON
                member.size = len(content)
                data = io.BytesIO(content)
            dst.addfile(member, data)
    fresh = tmp_path / "fresh"
    result = run_napmon("restore", str(damaged), env=napmon_env(fresh), check=False)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "plans-point.json" in result.stderr
    # The fresh installation stays without tables: nothing was migrated or loaded.
    with sqlite3.connect(fresh / "napmon.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone() == (
            0,
        )


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(bogus))
