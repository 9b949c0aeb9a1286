"""An import killed with SIGKILL half-way leaves no partial data behind."""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import NAPMON, napmon_env, run_napmon

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
ROWS = 120_000
# Uncommitted pages spill into the write-ahead log once SQLite's cache is full:
# a log this large means the import is inserting rows.
WRITING_WAL_BYTES = 8 * 1024 * 1024


@pytest.fixture
def big_gtd_file(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from import_events import write_gtd
    except ImportError:
        pytest.skip("benchmarks/import_events.py (the GTD file generator) is missing")
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = tmp_path / "gtd_big.csv"
    write_gtd(path, ROWS)
    return path


def test_sigkill_during_an_import_leaves_no_events_and_no_batch(tmp_path, big_gtd_file):
    data_dir = tmp_path / "data"
    env = napmon_env(data_dir)
    run_napmon("migrate", env=env)
    database = data_dir / "napmon.sqlite3"
    wal = Path(f"{database}-wal")

    command = [*NAPMON, "events", "import", "gtd", str(big_gtd_file)]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as importer:
        deadline = time.monotonic() + 240
        while not (wal.exists() and wal.stat().st_size > WRITING_WAL_BYTES):
            assert importer.poll() is None, (
                "the import ended before it could be killed; raise ROWS: "
                + importer.stderr.read().decode()
            )
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.05)
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
    assert importer.returncode == -signal.SIGKILL

    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM events_event").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM events_importbatch").fetchone() == (0,)
        actions = db.execute("SELECT count(*) FROM core_auditentry WHERE action LIKE 'events.%'")
        assert actions.fetchone() == (0,)
