"""Health check, security headers, content security policy and production cookies."""

import json
import re
import subprocess
import sys

import pytest
from django.db import DatabaseError
from django.test import Client

from .helpers import production_env

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/plan/2021/",
    "/plan/2021/points/4/",
    "/crosswalk/2014/2021/",
    "/gaps/2014/",
    "/sources/",
    "/login/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=|<style", re.I)


def csp_violations(html: str) -> list[str]:
    """What in a page the policy would block: inline scripts, handlers and styles."""
    found = []
    for name, pattern in [
        ("inline script", INLINE_SCRIPT),
        ("event handler", INLINE_HANDLER),
        ("inline style", INLINE_STYLE),
    ]:
        found += [f"{name}: {m.group(0)[:80]}" for m in pattern.finditer(html)]
    return found


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": "0.1.0"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    from napmon.core import health

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_the_policy_and_need_nothing_it_blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert csp_violations(response.content.decode()) == []


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    """With NAPMON_HTTPS=1: HSTS, secure session and CSRF cookies, HTTP redirected."""
    probe = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
c = Client(HTTP_HOST="nap.example.org")
plain = c.get("/login/")
secure = c.get("/login/", secure=True)
health = c.get("/healthz")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "hsts": secure.get("Strict-Transport-Security"),
    "csrf_secure": bool(secure.cookies["csrftoken"]["secure"]),
    "health_status": health.status_code,
}))
"""
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="napmon.settings")
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://nap.example.org/login/"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["csrf_secure"] is True
    # Load balancers probe over plain HTTP; the health check answers them (the
    # database has no tables in this fresh data dir, but SELECT 1 works).
    assert seen["health_status"] == 200


def test_session_cookie_is_secure_in_production(tmp_path):
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="napmon.settings")
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "True", "True", "True"]


def test_an_oversized_upload_is_refused_before_it_is_read(settings):
    settings.NAPMON_MAX_UPLOAD_MB = 1
    big = b"x" * (1024 * 1024 + 10)
    response = Client().post("/login/", data=big, content_type="application/octet-stream")
    assert response.status_code == 413
    assert response.json()["code"] == "upload_too_large"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/summary?by=actor&dataset=a%00b",
        "/api/v1/outcomes/its?dataset=%00",
        "/events/?dataset=x%00",
    ],
)
def test_a_nul_character_in_a_parameter_is_a_client_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["code"] == "null_character"


def test_a_nul_character_in_a_json_body_is_a_client_error(client):
    response = client.post(
        "/api/v1/tokens", '{"name": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["field"] == "body"
