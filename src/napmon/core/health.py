"""The health check: does the database answer? Shared by the view and the WSGI fast path."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import DatabaseError

from napmon import __version__
from napmon.core.middleware import PERMISSIONS_POLICY


def database_ok() -> bool:
    """One ``SELECT 1`` on this thread's connection; False when the database is unreachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def health_payload() -> tuple[int, dict]:
    if database_ok():
        return 200, {"status": "ok", "database": "ok", "version": __version__}
    return 503, {"status": "error", "database": "unreachable"}


def health_wsgi(environ, start_response):
    """``/healthz`` as a bare WSGI answer (no middleware, session or template)."""
    close_old_connections()  # as Django does at the start and end of a request
    try:
        status, payload = health_payload()
    finally:
        close_old_connections()
    body = json.dumps(payload).encode()
    start_response(
        "200 OK" if status == 200 else "503 Service Unavailable",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
            ("X-Content-Type-Options", "nosniff"),
            # The same policies SecurityHeadersMiddleware gives every Django response.
            ("Content-Security-Policy", settings.NAPMON_CSP),
            ("Permissions-Policy", PERMISSIONS_POLICY),
        ],
    )
    return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]
