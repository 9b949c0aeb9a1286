"""Every NAPMON_* setting, declared once: variable, type, default, documented default, help.

``settings.py``, ``napmon serve``, the gunicorn configuration and the system checks read the
environment only through :func:`env`. The README's configuration table is checked against
:data:`DECLARED` by ``tests/core/test_config.py`` (the way datasette checks its documented
settings), so a setting cannot be added, renamed or given a new default without the table
saying so. This module imports nothing from Django: ``settings.py`` loads it first.
"""

import os
from dataclasses import dataclass
from typing import Any

TRUE_WORDS = {"1", "true", "yes", "on"}


class ConfigError(ValueError):
    """An environment variable holds a value of the wrong type; the message names it."""


@dataclass(frozen=True)
class Setting:
    """One environment variable: how to read it and how the README documents it."""

    name: str
    kind: str  # "str", "int", "float", "bool" or "list" (comma-separated)
    default: Any
    doc_default: str  # the README's "default" cell, verbatim
    help: str  # the README's "meaning" cell, verbatim


def _s(name, kind, default, doc_default, help_text):
    return Setting(name, kind, default, doc_default, help_text)


DECLARED: tuple[Setting, ...] = (
    _s(
        "NAPMON_DATA_DIR",
        "str",
        "./var",
        "`./var`",
        "SQLite database, generated secret key, uploads, collected static files",
    ),
    _s(
        "NAPMON_DATABASE_URL",
        "str",
        "",
        "`sqlite:///$NAPMON_DATA_DIR/napmon.sqlite3`",
        "a `postgres://user:pass@host:port/db` URL selects server mode",
    ),
    _s(
        "NAPMON_SECRET_KEY",
        "str",
        "",
        "generated once into `$NAPMON_DATA_DIR/secret_key`",
        "Django secret key",
    ),
    _s("NAPMON_DEBUG", "bool", False, "off", "`1` for development only"),
    _s(
        "NAPMON_ALLOWED_HOSTS",
        "list",
        "127.0.0.1,localhost,[::1],testserver",
        "`127.0.0.1,localhost,[::1],testserver`",
        "host names the server answers",
    ),
    _s(
        "NAPMON_CSRF_TRUSTED_ORIGINS",
        "list",
        "",
        "empty",
        "origins behind a proxy, e.g. `https://nap.example.org`",
    ),
    _s("NAPMON_HTTPS", "bool", False, "off", "`1` behind TLS: secure cookies, HSTS, SSL redirect"),
    _s("NAPMON_WORKERS", "int", 3, "`3`", "gunicorn workers for `napmon serve`"),
    _s(
        "NAPMON_EMAIL_BACKEND",
        "str",
        "django.core.mail.backends.console.EmailBackend",
        "console",
        "Django e-mail backend for reminders",
    ),
    _s(
        "NAPMON_FROM_EMAIL",
        "str",
        "napmon@localhost",
        "`napmon@localhost`",
        "sender address of reminders and password-reset e-mails",
    ),
    _s("NAPMON_LOG_LEVEL", "str", "WARNING", "`WARNING`", "log level"),
    _s(
        "NAPMON_LOG_FORMAT",
        "str",
        "plain",
        "plain (`json` under `serve`)",
        "`json`: one JSON object a log line",
    ),
    _s(
        "NAPMON_THREADS",
        "int",
        1,
        "`1`",
        "threads per gunicorn worker (more than 1: gthread workers)",
    ),
    _s(
        "NAPMON_MAX_REQUESTS",
        "int",
        0,
        "`0` (off)",
        "recycle a gunicorn worker after this many requests",
    ),
    _s(
        "NAPMON_REQUEST_TIMEOUT",
        "int",
        60,
        "`60`",
        "seconds before gunicorn restarts a stuck worker",
    ),
    _s(
        "NAPMON_DB_CONN_MAX_AGE",
        "int",
        60,
        "`60`",
        "seconds a worker keeps its database connection",
    ),
    _s(
        "NAPMON_SSL_REDIRECT",
        "bool",
        True,
        "on with `NAPMON_HTTPS`",
        "`0` when the proxy already redirects HTTP to HTTPS",
    ),
    _s(
        "NAPMON_HSTS_SECONDS",
        "int",
        31536000,
        "`31536000` with `NAPMON_HTTPS`",
        "HSTS max-age",
    ),
    _s(
        "NAPMON_MAX_UPLOAD_MB",
        "int",
        50,
        "`50`",
        "largest file an import or form accepts",
    ),
    _s(
        "NAPMON_LOGIN_MAX_FAILURES",
        "int",
        5,
        "`5`",
        "failed log-ins per username and address before a lock",
    ),
    _s(
        "NAPMON_LOGIN_LOCK_MINUTES",
        "int",
        15,
        "`15`",
        "how long the lock lasts after the last failure",
    ),
    _s(
        "NAPMON_TASKS_BACKEND",
        "str",
        "database",
        "`database`",
        "`immediate` runs background tasks inside the request (development)",
    ),
    _s(
        "NAPMON_MAX_IMPORT_MB",
        "int",
        250,
        "`250`",
        "largest event file `napmon events import` accepts (it streams)",
    ),
    _s(
        "NAPMON_IMPORT_CACHE_MB",
        "int",
        32,
        "`32`",
        "SQLite page cache an import may use while it writes",
    ),
    _s(
        "NAPMON_BACKGROUND_IMPORT_MB",
        "float",
        5.0,
        "`5`",
        "uploads above this size are imported by `napmon worker`, with a progress page",
    ),
    _s(
        "NAPMON_EVIDENCE_MAX_MB",
        "int",
        10,
        "`10`",
        "largest evidence file attached to a monthly report",
    ),
    _s(
        "NAPMON_REPORTING_DEADLINE_DAY",
        "int",
        10,
        "`10`",
        "day of the next month a monthly report is due",
    ),
    _s(
        "NAPMON_REPORTING_LOCK_DAYS",
        "int",
        30,
        "`30`",
        "days after the deadline a period locks unless reopened",
    ),
    _s(
        "NAPMON_REVIEW_PUBLISHER",
        "str",
        "NACTA",
        "`NACTA`",
        "publisher named on the source of finalised review ratings",
    ),
    _s(
        "NAPMON_DEMO_PASSWORD",
        "str",
        "",
        "generated and printed",
        "password of the demo users `napmon demo` creates",
    ),
    _s(
        "NAPMON_API_RATE",
        "str",
        "600/min",
        "`600/min`",
        "API requests per client (token, user or address)",
    ),
    _s(
        "NAPMON_SMALL_CELL_K",
        "int",
        5,
        "`5`",
        (
            "public aggregates of aggregate-only datasets withhold any group that is or "
            "contains a cell (dataset, country, year, province) with fewer than k events "
            "(docs/security.md)"
        ),
    ),
    _s(
        "NAPMON_REPORTING_STATUS_PUBLIC",
        "bool",
        True,
        "`1`",
        "`0` hides the reporting-status page from visitors",
    ),
    _s(
        "NAPMON_REMINDER_DAYS",
        "int",
        3,
        "`3`",
        "`napmon reporting due-notices` tells reporters a report is due this many days ahead",
    ),
    _s(
        "NAPMON_MAX_UNZIPPED_MB",
        "int",
        1000,
        "`1000`",
        "an XLSX/DOCX upload whose members would inflate beyond this is refused before parsing",
    ),
    _s(
        "NAPMON_MAX_ZIP_RATIO",
        "float",
        100.0,
        "`100`",
        (
            "an upload member (over 1 MB) that inflates more than this many times is refused "
            "as a possible zip bomb"
        ),
    ),
    _s(
        "NAPMON_TRUSTED_PROXIES",
        "list",
        "",
        "*(empty)*",
        (
            "comma-separated addresses or CIDR networks of your reverse proxies; only from "
            "these is `X-Forwarded-For` believed when finding the client address for rate "
            "limits, log-in throttling and the audit log (check `napmon.E005`)"
        ),
    ),
    _s(
        "NAPMON_BUILTIN_EVENTS",
        "bool",
        True,
        "on",
        "`0`: `napmon init` does not load the built-in UCDP GED events (as `--no-events`)",
    ),
    _s(
        "NAPMON_PAGE_RATE",
        "int",
        60,
        "`60`",
        (
            "uncached public pages an anonymous client (address) may ask for per minute, "
            "counted in the database across all server processes; more get 429"
        ),
    ),
    _s(
        "NAPMON_CACHE",
        "str",
        "file",
        "`file`",
        (
            "`file`: cached pages and summaries under `$NAPMON_DATA_DIR/cache`, shared by "
            "every server process and kept across restarts; `memory`: one cache per process"
        ),
    ),
    _s(
        "NAPMON_WARM_AFTER_IMPORT",
        "bool",
        True,
        "on",
        (
            "`0`: an import (`napmon events import`, or the upload page's background import) "
            "does not warm the shared cache for the new data afterwards (`napmon cache warm` "
            "does it when asked)"
        ),
    ),
    _s(
        "NAPMON_SESSION_IDLE_MINUTES",
        "int",
        30,
        "`30`",
        "a signed-in session ends after this many minutes without a request",
    ),
    _s(
        "NAPMON_TASK_LEASE_SECONDS",
        "int",
        120,
        "`120`",
        (
            "a running background task whose worker sent no heartbeat for this long is queued "
            "again, or (after `NAPMON_TASK_MAX_ATTEMPTS`) marked failed and its upload removed"
        ),
    ),
    _s(
        "NAPMON_TASK_MAX_ATTEMPTS",
        "int",
        3,
        "`3`",
        "runs a background task gets in all when its workers die (1: never retried)",
    ),
    _s(
        "NAPMON_STAFF_REQUIRE_TOTP",
        "bool",
        False,
        "off",
        (
            "`1`: admins, coordinators and reviewers must turn on two-factor log-in "
            "(TOTP) before using the site"
        ),
    ),
)

BY_NAME = {setting.name: setting for setting in DECLARED}


def _parse(setting: Setting, raw: str):
    if setting.kind == "bool":
        return raw.strip().lower() in TRUE_WORDS
    if setting.kind == "list":
        return [item.strip() for item in raw.split(",") if item.strip()]
    if setting.kind in ("int", "float"):
        try:
            return int(raw) if setting.kind == "int" else float(raw)
        except ValueError:
            raise ConfigError(
                f"{setting.name}={raw!r} is not a number ({setting.kind} expected)"
            ) from None
    return raw


def env(name: str):
    """The value of a declared setting: the environment's, else the declared default.

    An empty variable counts as unset. Raises ``KeyError`` for an undeclared name (declare
    it in :data:`DECLARED` first) and :class:`ConfigError` for a value of the wrong type.
    """
    setting = BY_NAME[name]
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        raw = setting.default if isinstance(setting.default, str) else None
        if raw is None:
            return setting.default
    return _parse(setting, raw)
