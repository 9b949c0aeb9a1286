"""Load benchmark of the public event pages and API with many events loaded.

    .venv/bin/python benchmarks/load_events.py [--events 1000000] [--seconds 30] [--clients 50]

Creates a throwaway SQLite data dir, runs `napmon init --no-events`, bulk-inserts EVENTS
synthetic events (20 years, every province and some unknown, 12 actors, 9 types,
killed/injured sometimes unknown; one open dataset) straight into the event table with
executemany, builds the summary tables (``refresh_summaries``), then starts
`napmon serve` on loopback with production settings (as ``benchmarks/load.py``).
For each endpoint it prints the first hit after start-up (one request, cold worker),
then drives it with CLIENTS concurrent clients for SECONDS and prints req/s,
p50/p95/p99 and errors. Endpoints: the events summary API by year, month and
province, /outcomes/ and /events/.

Targets: p99 under 300 ms at 50 clients and the first hit under 1 s on a quiet
machine. On a shared machine the figures swing with the load: run it alone.
Only 127.0.0.1 is contacted; every loop is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # noqa: E402
    HOST,
    NAPMON,
    Result,
    drive,
    free_port,
    one_request,
    production_env,
    wait_until_up,
)

ENDPOINTS = [
    ("trivial /healthz", "/healthz"),
    ("API summary by year", "/api/v1/events/summary?by=year"),
    ("API summary by month", "/api/v1/events/summary?by=month"),
    ("API summary by province", "/api/v1/events/summary?by=province"),
    ("outcomes /outcomes/", "/outcomes/"),
    ("explorer /events/", "/events/"),
]
TYPES = ["bombing", "armed_assault", "assassination", "kidnapping", "facility_attack"]
TYPES += ["battle", "violence_against_civilians", "other", ""]
COLUMNS = (
    "dataset_id, batch_id, key, external_id, row_hash, status, date, date_precision, "
    "country, province_id, actor_id, event_type, killed, injured, raw, province_raw, "
    "district, city, attack_type, target_type, weapon_type, perpetrator_name, "
    "related, summary, lower_bounds"
)


def _rows(n: int, dataset_id: int, batch_id: int, units: list, actors: list, seed: int = 7):
    rng = random.Random(seed)
    start = date(2005, 1, 1)
    blanks = ("",) * 10
    for i in range(n):
        day = start + timedelta(days=rng.randrange(7300))
        killed = None if rng.random() < 0.1 else rng.choice((0, 0, 1, 1, 2, 3, 5, 12))
        injured = None if rng.random() < 0.2 else rng.choice((0, 0, 1, 2, 4, 9, 8.5))
        yield (
            dataset_id,
            batch_id,
            f"k{i}",
            "",
            "h",
            "active",
            day.isoformat(),
            "year" if rng.random() < 0.01 else "day",
            "Pakistan",
            rng.choice(units),
            rng.choice(actors),
            rng.choice(TYPES),
            killed,
            injured,
            "{}",
            *blanks,
        )


def insert_events(n: int) -> None:
    """In a child process with the benchmark's data dir: the events and the summaries."""
    import django

    django.setup()
    from django.db import connection, transaction

    from napmon.analysis.services import refresh_summaries
    from napmon.events.models import Actor, AdminUnit, Dataset, ImportBatch

    started = time.perf_counter()
    dataset = Dataset.objects.create(name="Benchmark", format="synthetic", licence_tier="open")
    batch = ImportBatch.objects.create(
        dataset=dataset,
        format="synthetic",
        file_name="-",
        sha256="0" * 64,
        created_by_label="benchmark",
    )
    units = list(AdminUnit.objects.exclude(code="PK").values_list("pk", flat=True)) + [None]
    actors = list(Actor.objects.values_list("pk", flat=True))[:12] + [None, None]
    sql = f"INSERT INTO events_event ({COLUMNS}) VALUES ({', '.join(['%s'] * 25)})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        chunk = []
        for row in _rows(n, dataset.pk, batch.pk, units, actors):
            chunk.append(row)
            if len(chunk) == 50_000:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
    inserted = time.perf_counter() - started
    refresh_summaries([dataset.pk])
    print(
        f"inserted {n:,} events in {inserted:.1f}s; summaries built in "
        f"{time.perf_counter() - started - inserted:.1f}s"
    )


def first_hits(port: int) -> list[tuple[str, float, int]]:
    """One request per endpoint right after start-up: (path, seconds, status)."""
    found = []
    for _, path in ENDPOINTS[1:]:
        started = time.monotonic()
        status = asyncio.run(one_request(port, "GET", path))
        found.append((path, time.monotonic() - started, status))
    return found


def table(results: list[Result]) -> None:
    print(f"{'endpoint':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for r in results:
        print(
            f"{r.name:28} {r.rps:8.1f} {r.percentile(50):8.0f} {r.percentile(95):8.0f} "
            f"{r.percentile(99):8.0f} {sum(r.errors.values()):7d}"
        )
        if r.errors:
            print(f"{'':28} errors: {r.errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=30, help="per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--insert-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.insert_only is not None:
        insert_events(args.insert_only)
        return
    with tempfile.TemporaryDirectory(prefix="napmon-load-events-") as tmp:
        env = production_env(Path(tmp))
        env.pop("NAPMON_DATABASE_URL", None)  # a throwaway SQLite database only
        env["DJANGO_SETTINGS_MODULE"] = "napmon.settings"
        # Every client here shares one address; the API's per-client limit is tested apart.
        env["NAPMON_API_RATE"] = "1000000/min"
        subprocess.run(
            [*NAPMON, "init", "--no-events"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [sys.executable, __file__, "--insert-only", str(args.events)], env=env, check=True
        )
        port = free_port()
        command = [*NAPMON, "serve", "--host", HOST, "--port", str(port)]
        server = subprocess.Popen(
            [*command, "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, server)
            print(f"napmon serve: {args.workers} workers, {args.clients} clients, SQLite")
            for path, seconds, status in first_hits(port):
                verdict = "met" if seconds < 1 and status == 200 else "NOT met"
                print(
                    f"first hit {path}: {seconds * 1000:.0f} ms, HTTP {status} (< 1 s: {verdict})"
                )
            results: list[Result] = []
            for name, path in ENDPOINTS:
                results.append(
                    asyncio.run(drive(port, name, "GET", path, args.clients, args.seconds))
                )
            table(results)
            worst = max(r.percentile(99) for r in results[1:])
            print(
                f"worst p99: {worst:.0f} ms "
                f"(target under 300 ms: {'met' if worst < 300 else 'NOT met'})"
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
