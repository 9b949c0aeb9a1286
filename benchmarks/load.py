"""Load benchmark: the production server on loopback under 50 concurrent clients.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 50] [--workers N]

Creates a temporary data dir, runs `napmon init` in it, starts `napmon serve` on a
free loopback port with production settings (NAPMON_HTTPS=1 behind a pretend TLS
proxy: requests carry X-Forwarded-Proto), then drives each endpoint in turn with
CLIENTS concurrent clients for SECONDS: the trivial /healthz first, then the
scorecard (/plan/2021/), a point page, the events summary, the coordinator's
cockpit (signed in) and monthly report submission: each client signs in as the
reporter of its own body and, for one opened month after another, starts the
report, reads the form and submits it filled in (three requests; the latency is
that of the whole submission). Prints requests per second, p50/p95/p99 latency and errors per
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
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
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


async def exchange(
    port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None
) -> tuple[int, dict, str]:
    """One HTTP/1.1 request on loopback: (status, headers with Set-Cookie listed, body)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
            f"{extra}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        writer.write(head.encode() + body)
        await writer.drain()
        raw = await reader.read()  # everything, until the server closes
    finally:
        writer.close()
    head_text, _sep, rest = raw.partition(b"\r\n\r\n")
    lines = head_text.decode("latin-1").split("\r\n")
    found: dict = {"set-cookie": []}
    for line in lines[1:]:
        name, _c, value = line.partition(":")
        if name.lower() == "set-cookie":
            found["set-cookie"].append(value.strip())
        else:
            found[name.lower()] = value.strip()
    return int(lines[0].split()[1]), found, rest.decode("utf-8", "replace")


async def one_request(port: int, method: str, path: str, body: bytes = b"", headers=None) -> int:
    status, _headers, _body = await exchange(port, method, path, body, headers)
    return status


async def client(port, method, path, deadline, result: Result, headers=None) -> None:
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status = await asyncio.wait_for(
                one_request(port, method, path, headers=headers), timeout=10
            )
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            key = type(exc).__name__
        else:
            if 200 <= status < 300:
                result.latencies.append(time.monotonic() - started)
                continue
            key = f"HTTP {status}"
        result.errors[key] = result.errors.get(key, 0) + 1


async def drive(port, name, method, path, clients, seconds, headers=None) -> Result:
    result = Result(name)
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(client(port, method, path, deadline, result, headers) for _ in range(clients))
    )
    result.seconds = time.monotonic() - started
    return result


SETUP = """
import json, sys
import django
django.setup()
from datetime import date
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import BodyMembership, Period, ReportingBody

clients, months, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
User = get_user_model()
coordinator = User.objects.create_user("load-coordinator", password=password)
coordinator.groups.add(Group.objects.get(name="coordinator"))
point = Point.objects.get(version__label="2021", number=4)
for i in range(clients):
    body = ReportingBody.objects.create(
        slug=f"load-body-{i}", name=f"Load body {i}", kind="provincial", geography="PK-PB"
    )
    user = User.objects.create_user(f"load-reporter-{i}", password=password)
    user.groups.add(Group.objects.get(name="reporter"))
    BodyMembership.objects.create(user=user, body=body)
    services.assign_point(body, point)
first = date(2000, 1, 1)
for m in range(months):
    services.open_period(date(first.year + m // 12, m % 12 + 1, 1))
print(json.dumps(sorted(Period.objects.values_list("pk", flat=True))))
"""

ORIGIN = f"https://{HOST}"
TAG = re.compile(r"<(?:input|textarea)\b[^>]*>")
NAME = re.compile(r'\bname="([^"]+)"')
VALUE = re.compile(r'\bvalue="([^"]*)"')


def set_up_reporting(env: dict, clients: int, months: int, password: str) -> list[int]:
    """Bodies, reporters and opened months for the submission benchmark (in the database)."""
    done = subprocess.run(
        [sys.executable, "-c", SETUP, str(clients), str(months), password],
        env={**env, "DJANGO_SETTINGS_MODULE": "napmon.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cookies(found: dict, jar: dict) -> dict:
    for line in found["set-cookie"]:
        name, _eq, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def _headers(jar: dict, path: str) -> dict:
    return {
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        "Referer": ORIGIN + path,
        "Origin": ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
    }


async def post(port, path, jar, fields: dict) -> tuple[int, dict, str]:
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": jar.get("csrftoken", "")})
    status, found, text = await exchange(port, "POST", path, body.encode(), _headers(jar, path))
    _cookies(found, jar)
    return status, found, text


async def log_in(port: int, username: str, password: str) -> dict:
    """A signed-in session's cookies (raises when the sign-in fails)."""
    jar: dict = {}
    _status, found, _text = await exchange(port, "GET", "/login/")
    _cookies(found, jar)
    status, found, _text = await post(
        port, "/login/", jar, {"username": username, "password": password}
    )
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"could not sign in as {username} (HTTP {status})")
    return jar


async def submit_one(port: int, jar: dict, period: int) -> str | None:
    """Start, read and submit one report; ``None`` when it worked, else what went wrong."""
    status, found, _t = await post(port, "/reporting/reports/new/", jar, {"period": period})
    location = found.get("location", "")
    if status != 302 or not location.endswith("/edit/"):
        return f"start HTTP {status}"
    path = urllib.parse.urlsplit(location).path
    status, found, page = await exchange(port, "GET", path, headers=_headers(jar, path))
    if status != 200:
        return f"form HTTP {status}"
    fields = {}
    for tag in TAG.findall(page):
        name = NAME.search(tag)
        value = VALUE.search(tag)
        name, value = (name[1] if name else ""), (value[1] if value else "")
        if name.startswith("progress-"):
            fields[name] = "Accounts reviewed under the load benchmark."
        elif name.startswith("value-"):
            fields[name] = "10"
        elif name == "version":
            fields[name] = value
    fields["submit"] = "1"
    status, found, _t = await post(port, path, jar, fields)
    if status != 302 or found.get("location", "").endswith("/edit/"):
        return f"submit HTTP {status}"
    return None


async def submitter(port, jar, periods, deadline, result: Result) -> None:
    for period in periods:
        if time.monotonic() >= deadline:
            return
        started = time.monotonic()
        try:
            problem = await asyncio.wait_for(submit_one(port, jar, period), timeout=30)
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            problem = type(exc).__name__
        if problem is None:
            result.latencies.append(time.monotonic() - started)
        else:
            result.errors[problem] = result.errors.get(problem, 0) + 1


async def drive_submissions(port, clients, seconds, periods, password) -> Result:
    jars = [await log_in(port, f"load-reporter-{i}", password) for i in range(clients)]
    result = Result("report submission (3 requests)")
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(submitter(port, jar, periods, deadline, result) for jar in jars))
    result.seconds = time.monotonic() - started
    return result


def wait_until_up(port: int, server: subprocess.Popen, limit: float = 180) -> None:
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
    parser.add_argument(
        "--months", type=int, default=60, help="opened months each reporter can submit"
    )
    parser.add_argument("--mixed", action="store_true", help="briefs + pages + /healthz at once")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="napmon-load-") as tmp:
        env = production_env(Path(tmp))
        subprocess.run([*NAPMON, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        password = secrets.token_urlsafe(16)
        periods = set_up_reporting(env, args.clients, args.months, password)
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
            coordinator = asyncio.run(log_in(port, "load-coordinator", password))
            results.append(
                asyncio.run(
                    drive(
                        port,
                        "cockpit /reporting/cockpit/",
                        "GET",
                        "/reporting/cockpit/",
                        args.clients,
                        args.seconds,
                        _headers(coordinator, "/reporting/cockpit/"),
                    )
                )
            )
            results.append(
                asyncio.run(drive_submissions(port, args.clients, args.seconds, periods, password))
            )
            report(results)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
