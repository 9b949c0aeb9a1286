"""Load benchmark: the production server on loopback under 50 concurrent clients.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 50] [--workers N]

Creates a temporary data dir, runs `napmon init` in it, starts `napmon serve` on a
free loopback port with production settings (NAPMON_HTTPS=1 behind a pretend TLS
proxy: requests carry X-Forwarded-Proto), then drives each endpoint in turn with
CLIENTS concurrent clients for SECONDS: the trivial /healthz first, then the
scorecard (/plan/2021/), a point page, the events summary and report submission
where those exist. Prints requests per second, p50/p95/p99 latency and errors per
endpoint, and each endpoint's throughput as a ratio of the trivial one.
NAPMON_DATABASE_URL in the environment selects PostgreSQL (an empty database).

Targets: no errors; p99 under 250 ms; scorecard at least half the trivial
endpoint's throughput.

``--mixed`` instead runs one scenario for SECONDS: 8 anonymous clients asking for the
scorecard PDF (answered from the worker's cache or "being prepared", never rendered in
the request), CLIENTS page clients over the public pages, and one client probing
/healthz; it prints the /healthz latencies (target: p99 under 200 ms). No worker is
started, so the brief clients get the "being prepared" answer throughout: what is
measured is that their requests cost the web workers nothing heavy.

Only 127.0.0.1 is ever contacted; every loop is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
NAPMON = [sys.executable, "-m", "napmon.cli"]
ENDPOINTS = [
    ("trivial /healthz", "GET", "/healthz"),
    ("scorecard /plan/2021/", "GET", "/plan/2021/"),
    ("point /plan/2021/points/4/", "GET", "/plan/2021/points/4/"),
    ("events summary /events/", "GET", "/events/"),
]


@dataclass
class Result:
    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NAPMON_DATA_DIR"}
    env.update(
        NAPMON_DATA_DIR=str(data_dir),
        NAPMON_HTTPS="1",
        NAPMON_SECRET_KEY=secrets.token_urlsafe(50),
        NAPMON_ALLOWED_HOSTS=HOST,
        NAPMON_LOG_LEVEL="ERROR",
        # Every client here shares one address; the per-client page limit is tested apart.
        NAPMON_PAGE_RATE="1000000",
    )
    return env


async def one_request(port: int, method: str, path: str, body: bytes = b"") -> int:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        writer.write(head.encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        await reader.read()  # the rest, until the server closes
        return int(status_line.split()[1])
    finally:
        writer.close()


async def client(port, method, path, deadline, result: Result) -> None:
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status = await asyncio.wait_for(one_request(port, method, path), timeout=10)
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            key = type(exc).__name__
        else:
            if 200 <= status < 300:
                result.latencies.append(time.monotonic() - started)
                continue
            key = f"HTTP {status}"
        result.errors[key] = result.errors.get(key, 0) + 1


async def drive(port, name, method, path, clients, seconds) -> Result:
    result = Result(name)
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(client(port, method, path, deadline, result) for _ in range(clients)))
    result.seconds = time.monotonic() - started
    return result


def wait_until_up(port: int, server: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"napmon serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as r:  # noqa: S310 - loopback
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz in time")


def exists(port: int, path: str) -> bool:
    status = asyncio.run(one_request(port, "GET", path))
    return 200 <= status < 300


def report(results: list[Result]) -> None:
    trivial = results[0].rps or 1.0
    print(
        f"{'endpoint':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'vs trivial':>10}"
    )
    for r in results:
        print(
            f"{r.name:32} {r.rps:8.1f} {r.percentile(50):8.1f} {r.percentile(95):8.1f} "
            f"{r.percentile(99):8.1f} {sum(r.errors.values()):7d} {r.rps / trivial:10.2f}"
        )
        if r.errors:
            print(f"{'':32} errors: {r.errors}")
    scorecard = next((r for r in results if r.name.startswith("scorecard")), None)
    checks = {
        "no errors": all(not r.errors for r in results),
        "p99 under 250 ms": all(r.percentile(99) < 250 for r in results),
        "scorecard >= half of trivial": bool(scorecard and scorecard.rps >= trivial / 2),
    }
    for name, ok in checks.items():
        print(f"target {name}: {'met' if ok else 'NOT met'}")


PAGES = ["/plan/2021/", "/plan/2021/points/4/", "/events/", "/outcomes/", "/outcomes/index/"]


async def mixed(port: int, clients: int, seconds: float) -> list[Result]:
    """Brief, page and /healthz clients at once (see the module docstring)."""
    deadline = time.monotonic() + seconds
    briefs, pages, health = (
        Result("8 briefs /briefs/scorecard.pdf"),
        Result("pages"),
        Result("probe /healthz (mixed)"),
    )
    started = time.monotonic()
    await asyncio.gather(
        *(client(port, "GET", "/briefs/scorecard.pdf?lang=en", deadline, briefs) for _ in range(8)),
        *(client(port, "GET", PAGES[i % len(PAGES)], deadline, pages) for i in range(clients)),
        client(port, "GET", "/healthz", deadline, health),
    )
    for r in (briefs, pages, health):
        r.seconds = time.monotonic() - started
    return [health, briefs, pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="per endpoint")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--mixed", action="store_true", help="briefs + pages + /healthz at once")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="napmon-load-") as tmp:
        env = production_env(Path(tmp))
        subprocess.run([*NAPMON, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(
            [
                *NAPMON,
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, server)
            print(
                f"napmon serve on {HOST}:{port}: {args.workers} workers x {args.threads} "
                f"threads, {args.clients} clients, {args.seconds:g} s per endpoint, "
                f"database {'PostgreSQL' if env.get('NAPMON_DATABASE_URL') else 'SQLite'}"
            )
            if args.mixed:
                results = asyncio.run(mixed(port, args.clients, args.seconds))
                report(results)
                p99 = results[0].percentile(99)
                print(
                    f"/healthz p99 under load: {p99:.1f} ms (target under 200 ms: "
                    f"{'met' if p99 < 200 else 'NOT met'})"
                )
                return
            results = []
            for name, method, path in ENDPOINTS:
                if not exists(port, path):
                    print(f"skipped {name}: not served by this version")
                    continue
                results.append(
                    asyncio.run(drive(port, name, method, path, args.clients, args.seconds))
                )
            report(results)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
