"""Benchmark the GTD importer against pandas.read_csv on the same file.

    .venv/bin/python benchmarks/import_events.py [--rows 1000000] [--keep]

Writes ROWS rows in the GTD layout (all 135 columns, cp1252) to a temporary
directory, imports them into a fresh temporary SQLite database with
``import_events`` and prints rows/s, wall time, the time pandas.read_csv takes
on the same file, the ratio (of wall and of CPU time), and the peak memory (maxrss)
of the import.
Then times two phases again on their own (reading and cleaning without writing; the
summary rebuild), to show where the rest of the time goes.
Targets: ratio within 2.5x; peak memory below 400 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "events"))
from gtd_layout import GTD_COLUMNS  # noqa: E402

PROVINCES = [
    "Khyber Pakhtunkhwa",
    "Balochistan",
    "Sindh",
    "Punjab",
    "Federally Administered Tribal Areas",
    "Capital",
    "NWFP",
    "Baluchistan",
    "Gilgit-Baltistan",
    "Azad Kashmir",
]
GROUPS = [
    "Unknown",
    "Tehrik-i-Taliban Pakistan (TTP)",
    "Lashkar-e-Jhangvi",
    "Baloch Liberation Army (BLA)",
]
ATTACKS = ["Bombing/Explosion", "Armed Assault", "Assassination", "Hostage Taking (Kidnapping)"]


def write_gtd(path: Path, rows: int, seed: int = 7) -> None:
    """A GTD-layout CSV of ``rows`` synthetic Pakistani incidents."""
    rng = random.Random(seed)
    template = dict.fromkeys(GTD_COLUMNS, "")
    template.update(
        country="153",
        country_txt="Pakistan",
        region="6",
        region_txt="South Asia",
        crit1="1",
        crit2="1",
        crit3="1",
        success="1",
        property="-9",
        dbsource="START Primary",
        INT_LOG="-9",
        INT_IDEO="-9",
        INT_MISC="0",
        INT_ANY="-9",
        targtype1="3",
        targtype1_txt="Police",
        natlty1="153",
        natlty1_txt="Pakistan",
        weaptype1="6",
        weaptype1_txt="Explosives",
        claimed="0",
        individual="0",
        nperps="-99",
        nperpcap="-99",
        ishostkid="0",
    )
    order = list(GTD_COLUMNS)
    with path.open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(order)
        for number in range(rows):
            year = 1970 + number % 50
            month, day = 1 + number % 12, 1 + number % 28
            row = dict(template)
            row.update(
                eventid=f"{year:04d}{month:02d}{day:02d}{number % 10000:04d}",
                iyear=str(year),
                imonth=str(month),
                iday=str(day),
                extended="0",
                provstate=rng.choice(PROVINCES),
                city=f"City {number % 500}",
                latitude=f"{24 + rng.random() * 12:.6f}",
                longitude=f"{61 + rng.random() * 14:.6f}",
                specificity="1",
                vicinity="0",
                doubtterr=rng.choice(["0", "0", "1", "-9"]),
                multiple="0",
                suicide=rng.choice(["0", "0", "1"]),
                attacktype1="3",
                attacktype1_txt=rng.choice(ATTACKS),
                gname=rng.choice(GROUPS),
                nkill=str(rng.randint(0, 20)),
                nwound=rng.choice(["", "-99", str(rng.randint(0, 40))]),
                summary=f"{year}-{month:02d}-{day:02d}: Assailants attacked a police post in the "
                "area; no group claimed responsibility \u2013 sources differ.",
                scite1="\u201cPolice post attacked,\u201d Dawn, local edition.",
            )
            # eventid collisions across the 10,000-per-day sequence are avoided by the suffix
            row["eventid"] = f"{year:04d}{month:02d}{day:02d}{number // 600 % 10000:04d}"
            writer.writerow([row[c] for c in order])


def _time_inserts() -> list[float]:
    """Time spent in the writer's ``executemany`` calls: storing the rows as they are.

    The one seconds counter is returned and filled in while the import runs. What this
    phase costs depends on what is stored per event (35 columns and the original row
    as JSON, about 1 KB), not on how the file is read.
    """
    from napmon.events.services.writer import RecordWriter

    spent = [0.0]
    flush = RecordWriter.flush

    def timed(writer):
        started = time.perf_counter()
        flush(writer)
        spent[0] += time.perf_counter() - started

    RecordWriter.flush = timed
    return spent


def phases(data: Path, report, baseline: float) -> None:
    """Where the import's time goes, each phase timed again on its own, as x pandas.

    Reading and cleaning: every row through the importer, nothing written. Summary
    rebuild: the one ``refresh_summaries`` the import runs after its commit. The rest
    of the import is the database writes (insert, index build, commit); the inserts
    alone are timed during the import (``_time_inserts``).
    """
    from napmon.analysis.services.summaries import refresh_summaries
    from napmon.events.importers import get_importer
    from napmon.events.models import ImportBatch

    started = time.perf_counter()
    rows = sum(1 for _ in get_importer("gtd")(data).records())
    reading = time.perf_counter() - started
    dataset = ImportBatch.objects.get(pk=report.batch_id).dataset_id
    started = time.perf_counter()
    refresh_summaries([dataset])
    summaries = time.perf_counter() - started
    print(f"phases (each timed alone, {rows:,} rows):")
    print(f"  reading and cleaning, no writes: {reading:.1f}s = {reading / baseline:.2f}x pandas")
    print(
        f"  summary rebuild after commit:    {summaries:.1f}s = {summaries / baseline:.2f}x pandas"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--write-only", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_gtd(Path(args.write_only), args.rows)
        return
    workdir = Path(tempfile.mkdtemp(prefix="napmon-bench-"))
    os.environ["NAPMON_DATA_DIR"] = str(workdir)
    os.environ.pop("NAPMON_DATABASE_URL", None)
    os.environ.setdefault("NAPMON_MAX_IMPORT_MB", "4096")
    os.environ["DJANGO_SETTINGS_MODULE"] = "napmon.settings"
    data = workdir / "gtd.csv"
    started = time.perf_counter()
    # In a child process, so the peak memory below is the import's alone.
    subprocess.run(
        [sys.executable, __file__, "--rows", str(args.rows), "--write-only", str(data)],
        check=True,
    )
    size_mb = data.stat().st_size / 1048576
    print(f"wrote {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f}s")

    import django

    django.setup()
    from django.core.management import call_command

    from napmon.events.models import Event
    from napmon.events.services import import_events, seed_reference_data

    call_command("migrate", verbosity=0)
    seed_reference_data()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    inserting = _time_inserts()
    started, cpu = time.perf_counter(), time.process_time()
    report = import_events(data, "gtd")
    ours, ours_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert Event.objects.count() == report.imported == args.rows, report.counts()

    import pandas as pd

    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(data, encoding="cp1252", low_memory=False)
    theirs, theirs_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert len(frame) == args.rows
    for label, wall, used in (
        ("import_events", ours, ours_cpu),
        ("pandas.read_csv", theirs, theirs_cpu),
    ):
        print(f"{label}: {wall:.1f}s wall ({used:.1f}s CPU), {args.rows / wall:,.0f} rows/s")
    # On a shared machine the wall times swing with the load; CPU time much less.
    print(
        f"ratio: {ours / theirs:.2f}x pandas.read_csv (target <= 2.5x); "
        f"CPU time {ours_cpu / theirs_cpu:.2f}x"
    )
    print(f"peak memory (maxrss): {peak:.0f} MB; before import {before:.0f} MB (target < 400 MB)")
    phases(data, report, theirs)
    print(
        f"  inserting the prepared rows (executemany, timed inside the import): "
        f"{inserting[0]:.1f}s = {inserting[0] / theirs:.2f}x pandas"
    )
    print(f"data dir: {workdir}" + ("" if args.keep else " (removed)"))
    if not args.keep:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
