"""Helpers for the operations tests: `napmon` in a subprocess, fresh databases."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from django.db import connection

NAPMON = [sys.executable, "-m", "napmon.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def napmon_env(data_dir: Path, database_url: str | None = None, **extra: str) -> dict:
    """The environment of a separate installation: its own data dir and database."""
    # Other tests' settings (NAPMON_*, DJANGO_ALLOW_ASYNC_UNSAFE set for Playwright)
    # must not leak into a separate installation.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NAPMON_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env["NAPMON_DATA_DIR"] = str(data_dir)
    if database_url:
        env["NAPMON_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run_napmon(*args: str, env: dict, check: bool = True, timeout: float = 300):
    result = subprocess.run(
        [*NAPMON, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"napmon {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result


def production_env(data_dir: Path, **extra: str) -> dict:
    """Production settings as the README documents them."""
    return napmon_env(
        data_dir,
        NAPMON_HTTPS="1",
        NAPMON_SECRET_KEY=secrets.token_urlsafe(50),
        NAPMON_ALLOWED_HOSTS="nap.example.org,127.0.0.1",
        NAPMON_CSRF_TRUSTED_ORIGINS="https://nap.example.org",
        **extra,
    )


@contextlib.contextmanager
def fresh_postgres_database():
    """A new, empty database on the test server; dropped afterwards. Yields its URL."""
    import psycopg

    params = connection.settings_dict
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    name = f"napmon_fresh_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{server['user']}:{server['password']}@{server['host']}:"
            f"{server['port']}/{name}"
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"
