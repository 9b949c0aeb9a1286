"""`napmon serve`: gunicorn workers, whitenoise static files, /healthz, JSON log lines."""

import json
import subprocess
import time
import urllib.request

from .helpers import NAPMON, free_port, production_env, run_napmon

# A loaded two-core machine (CI runs the suite beside PostgreSQL) can take several seconds to
# render a first page while gunicorn workers import the app: allow for it, since what the test
# asserts is the answer, not its speed.
PAGE_TIMEOUT = 60


def get(url, timeout=PAGE_TIMEOUT, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def wait_for(url, server, limit=120):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            return get(url, timeout=10)
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {limit} s")


def test_serve_answers_with_gunicorn_and_logs_json(tmp_path):
    env = production_env(tmp_path)
    run_napmon("migrate", env=env)
    port = free_port()
    server = subprocess.Popen(
        [*NAPMON, "serve", "--port", str(port), "--workers", "2", "--no-static"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        status, headers, body = wait_for(f"{base}/healthz", server)
        assert status == 200 and json.loads(body)["database"] == "ok"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        # Static files come from whitenoise, behind the pretend TLS proxy.
        status, headers, body = get(f"{base}/static/web/site.css", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        status, headers, _ = get(f"{base}/sources/", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    access = [r for r in records if r["logger"] == "gunicorn.access"]
    assert {"path": "/healthz", "status": "200", "method": "GET"}.items() <= access[0].items()
    assert "duration_ms" in access[0]
    booted = [r for r in records if r["logger"] == "gunicorn.error"]
    assert sum("Booting worker" in r["message"] for r in booted) == 2
