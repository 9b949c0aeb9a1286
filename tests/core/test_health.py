"""/healthz is answered by the WSGI entry point before Django's middleware."""

import io
import json

import pytest


def _call(path: str, method: str = "GET"):
    from napmon.wsgi import application

    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "QUERY_STRING": "",
    }
    body = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.mark.django_db(transaction=True)
def test_healthz_is_answered_before_django_middleware():
    status, headers, body = _call("/healthz")
    assert status == "200 OK"
    assert json.loads(body)["status"] == "ok" and json.loads(body)["database"] == "ok"
    assert headers["Content-Type"] == "application/json"
    assert "no-store" in headers["Cache-Control"]
    assert "Set-Cookie" not in headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    head_status, _headers, head_body = _call("/healthz", "HEAD")
    assert (head_status, head_body) == ("200 OK", b"")
    # Every other path still goes through Django (its session-aware pages vary on Cookie).
    status, headers, _body = _call("/plan/2021/")
    assert "Content-Security-Policy" in headers and "Cookie" in headers.get("Vary", "")


@pytest.mark.django_db(transaction=True)
def test_the_fast_path_says_503_when_the_database_does_not_answer(monkeypatch):
    from django.db.utils import DatabaseError

    from napmon.core import health

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    status, _headers, body = _call("/healthz")
    assert status == "503 Service Unavailable"
    assert json.loads(body) == {"status": "error", "database": "unreachable"}
