"""System checks run at start-up (`napmon check`, `napmon serve`, `napmon migrate`).

Ids are stable; the README's "Server mode" section lists them.

- napmon.E001 the data directory (or its media / static folders) is not writable
- napmon.E002 the secret key is missing or too short
- napmon.E003 the database cannot be reached
- napmon.E004 an upload limit is not a positive number
- napmon.E005 an entry of NAPMON_TRUSTED_PROXIES is not an IP address or network
- napmon.W001 (deploy) NAPMON_HTTPS is off, so cookies travel without TLS
- napmon.W002 (deploy, PostgreSQL) the application's role owns tables, so it could
  disable the audit log's trigger or drop its history
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import connections
from django.db.utils import DatabaseError

from napmon.core.config import env

MIN_SECRET_KEY_LENGTH = 40


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".napmon-check-"):
            return True
    except OSError:
        return False


@register("napmon")
def check_data_dir(app_configs=None, **kwargs):
    """napmon.E001: every folder the platform writes to accepts files."""
    folders = [Path(settings.DATA_DIR), Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    return [
        Error(
            f"{folder} is not a writable folder.",
            hint="Set NAPMON_DATA_DIR to a folder the server's user may write to.",
            id="napmon.E001",
        )
        for folder in folders
        if not _writable(folder)
    ]


@register("napmon")
def check_secret_key(app_configs=None, **kwargs):
    """napmon.E002: a secret key long enough to sign sessions safely."""
    key = getattr(settings, "SECRET_KEY", "") or ""
    if len(key) >= MIN_SECRET_KEY_LENGTH:
        return []
    return [
        Error(
            f"The secret key is missing or shorter than {MIN_SECRET_KEY_LENGTH} characters.",
            hint="Unset NAPMON_SECRET_KEY to use the generated key, or set a long random one.",
            id="napmon.E002",
        )
    ]


@register("napmon")
def check_database(app_configs=None, **kwargs):
    """napmon.E003: the database answers a trivial query."""
    errors = []
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            errors.append(
                Error(
                    f"The database {alias!r} cannot be reached: {str(exc).strip()}",
                    hint="Check NAPMON_DATABASE_URL (host, port, name, user, password).",
                    id="napmon.E003",
                )
            )
    return errors


@register("napmon")
def check_upload_limits(app_configs=None, **kwargs):
    """napmon.E004: upload limits are positive numbers."""
    names = ["NAPMON_MAX_UPLOAD_MB", "DATA_UPLOAD_MAX_MEMORY_SIZE", "FILE_UPLOAD_MAX_MEMORY_SIZE"]
    return [
        Error(f"{name} must be a positive number.", id="napmon.E004")
        for name in names
        if not (isinstance(getattr(settings, name, None), int) and getattr(settings, name) > 0)
    ]


@register("napmon")
def check_trusted_proxies(app_configs=None, **kwargs):
    """napmon.E005: every trusted proxy is an address or a network (CIDR)."""
    import ipaddress

    errors = []
    for item in getattr(settings, "NAPMON_TRUSTED_PROXIES", []) or []:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"NAPMON_TRUSTED_PROXIES: '{item}' is not an IP address or network.",
                    hint="List proxy addresses or CIDR networks, comma-separated.",
                    id="napmon.E005",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def check_https(app_configs=None, **kwargs):
    """napmon.W001: production runs behind TLS with NAPMON_HTTPS=1."""
    if env("NAPMON_HTTPS"):
        return []
    return [
        Warning(
            "NAPMON_HTTPS is off: session and CSRF cookies are sent without TLS and "
            "HSTS is not set.",
            hint="Serve behind a TLS proxy and set NAPMON_HTTPS=1 (see README, Server mode).",
            id="napmon.W001",
        )
    ]


OWNED_TABLES_SQL = (
    "SELECT count(*) FROM pg_catalog.pg_tables "
    "WHERE schemaname = current_schema() AND tableowner = current_user"
)


@register(Tags.security, deploy=True)
def check_table_owner(app_configs=None, **kwargs):
    """napmon.W002: in server mode the app connects as a role that does not own the tables."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(OWNED_TABLES_SQL)
            owned = cursor.fetchone()[0]
    except DatabaseError:
        return []  # napmon.E003 reports an unreachable database
    if not owned:
        return []
    return [
        Warning(
            f"The database role the application connects as owns {owned} tables: it could "
            "disable the audit log's trigger or rewrite its history.",
            hint="Run migrations as an owner role and serve as a role that was only granted "
            "SELECT, INSERT, UPDATE and DELETE (see README, Server mode).",
            id="napmon.W002",
        )
    ]
