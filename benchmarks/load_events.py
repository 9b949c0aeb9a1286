"""Load benchmark of the public event pages and API with many events loaded.

    .venv/bin/python benchmarks/load_events.py [--events 1000000] [--seconds 30] [--clients 50]
        [--data-dir DIR] [--only NAME]

Creates a throwaway SQLite data dir (or, with --data-dir, one kept for the next run and
reused when it already holds the events), runs `napmon init --no-events`, bulk-inserts
EVENTS synthetic events (20 years, every province and some unknown, 12 actors, 9 types,
killed/injured sometimes unknown; one open dataset) straight into the event table with
executemany, builds the summary tables (``refresh_summaries``), empties the shared cache
folder, then starts `napmon serve` on loopback with production settings (as
``benchmarks/load.py``) and prints how long it took to answer (start-up includes its
warming of the shared cache). For each endpoint it prints the first hit after start-up
(one request), then drives it with CLIENTS concurrent clients for SECONDS and prints
req/s, p50/p95/p99 and errors. Endpoints: every public page and API endpoint that reads
events (explorer, outcome pages with map, comparison, index and claims, the event and
outcome summaries, the analyses, the claims ledger) and, for comparison, the home page,
the scorecard and /healthz.

Targets: p99 under 300 ms at 50 clients and the first hit under 1 s on a quiet
machine. On a shared machine the figures swing with the load: run it alone (the load
average is printed).
Only 127.0.0.1 is contacted; every loop is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
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

DATASET = "Benchmark"
ENDPOINTS = [
    ("trivial /healthz", "/healthz"),
    ("home /", "/"),
    ("explorer /events/", "/events/"),
    ("explorer filtered, page 3", "/events/?province=PK-PB&event_type=bombing&page=3"),
    ("outcomes /outcomes/", "/outcomes/"),
    ("map /outcomes/map/", "/outcomes/map/"),
    ("comparison page", "/outcomes/comparison/"),
    ("index page", "/outcomes/index/"),
    ("claims page", "/outcomes/claims/"),
    ("scorecard 2021", "/reporting/scorecard/2021/"),
    ("API summary by year", "/api/v1/events/summary?by=year"),
    ("API summary by month", "/api/v1/events/summary?by=month"),
    ("API summary by province", "/api/v1/events/summary?by=province"),
    ("API summary by district", "/api/v1/events/summary?by=district"),
    ("API outcomes summary", "/api/v1/outcomes/summary?by=month"),
    # The analyses as a client asks for them by default (the default dataset: the only one).
    ("API ITS", "/api/v1/outcomes/its?intervention=nap-adopted"),
    ("API before-after", "/api/v1/outcomes/before-after?intervention=nap-adopted"),
    ("API change points", "/api/v1/outcomes/change-points"),
    ("API surges", "/api/v1/outcomes/surges"),
    (
        "API comparative ITS",
        "/api/v1/outcomes/comparative-its?province=PK-KP&control=PK-PB&intervention=nap-adopted",
    ),
    ("API synthetic control", "/api/v1/outcomes/synthetic-control?intervention=nap-adopted"),
    ("API index", "/api/v1/outcomes/index"),
    ("API claims", "/api/v1/claims"),
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
    dataset = Dataset.objects.create(name=DATASET, format="synthetic", licence_tier="open")
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


def first_hits(port: int, paths=None) -> list[tuple[str, float, int]]:
    """One request per endpoint right after start-up: (path, seconds, status)."""
    found = []
    for path in paths or [path for _, path in ENDPOINTS[1:]]:
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


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def prepare(data_dir: Path, env: dict, events: int) -> None:
    """The data dir with EVENTS events and fresh summaries (kept ones are reused), and an
    empty shared cache, so the start-up below warms it from nothing."""
    if not (data_dir / "napmon.sqlite3").exists():
        subprocess.run(
            [*NAPMON, "init", "--no-events"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [sys.executable, __file__, "--insert-only", str(events)], env=env, check=True
        )
    else:
        print(f"reusing the events in {data_dir}")
    shutil.rmtree(data_dir / "cache", ignore_errors=True)


def serve(port: int, env: dict, workers: int) -> subprocess.Popen:
    command = [*NAPMON, "serve", "--host", HOST, "--port", str(port)]
    return subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def report(port: int, args) -> None:
    for path, seconds, status in first_hits(port):
        verdict = "met" if seconds < 1 and status == 200 else "NOT met"
        print(f"first hit {path}: {seconds * 1000:.0f} ms, HTTP {status} (< 1 s: {verdict})")
    results: list[Result] = []
    for name, path in ENDPOINTS:
        results.append(asyncio.run(drive(port, name, "GET", path, args.clients, args.seconds)))
    table(results)
    worst = max(results[1:], key=lambda r: r.percentile(99))
    print(
        f"worst p99: {worst.percentile(99):.0f} ms ({worst.name}; target under 300 ms: "
        f"{'met' if worst.percentile(99) < 300 else 'NOT met'}); {load_average()}"
    )


def run(data_dir: Path, args) -> None:
    env = production_env(data_dir)
    env.pop("NAPMON_DATABASE_URL", None)  # a throwaway SQLite database only
    env.pop("NAPMON_CACHE", None)  # the default: the shared cache in the data dir
    env["DJANGO_SETTINGS_MODULE"] = "napmon.settings"
    # Every client here shares one address; the API's per-client limit is tested apart.
    env["NAPMON_API_RATE"] = "1000000/min"
    prepare(data_dir, env, args.events)
    port = free_port()
    started = time.monotonic()
    server = serve(port, env, args.workers)
    try:
        wait_until_up(port, server)
        print(
            f"napmon serve: {args.workers} workers, {args.clients} clients, SQLite; "
            f"answering {time.monotonic() - started:.1f} s after launch (cache warmed "
            f"from empty); {load_average()}"
        )
        report(port, args)
    finally:
        stop(server)
    # A restart keeps the shared cache: the warm-up finds it warm for the same data.
    started = time.monotonic()
    server = serve(port, env, args.workers)
    try:
        wait_until_up(port, server)
        print(
            f"restart with the cache kept: answering {time.monotonic() - started:.1f} s "
            "after launch"
        )
        for path, seconds, status in first_hits(
            port, ("/outcomes/", "/events/", "/api/v1/events/summary?by=year")
        ):
            print(f"first hit after restart {path}: {seconds * 1000:.0f} ms, HTTP {status}")
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=30, help="per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--data-dir", type=Path, help="keep the data dir here (reused when it has events)"
    )
    parser.add_argument("--only", help="only the endpoints whose name contains this (and /healthz)")
    parser.add_argument("--insert-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        ENDPOINTS[1:] = [e for e in ENDPOINTS[1:] if args.only.lower() in e[0].lower()]
    if args.insert_only is not None:
        insert_events(args.insert_only)
        return
    if args.data_dir:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        run(args.data_dir.resolve(), args)
        return
    with tempfile.TemporaryDirectory(prefix="napmon-load-events-") as tmp:
        run(Path(tmp), args)


if __name__ == "__main__":
    main()
