"""Log-in throttling: five failures lock a username from one address, audited."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from napmon.core.models import AuditEntry, LoginFailure

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("amina", password=PASSWORD)


def login(client, password, ip="10.0.0.1", **headers):
    return client.post(
        "/login/",
        {"username": "amina", "password": password},
        REMOTE_ADDR=ip,
        follow=False,
        **headers,
    )


def test_five_failures_lock_the_account_from_that_address(user, settings):
    settings.NAPMON_LOGIN_MAX_FAILURES = 5
    client = Client()
    for _ in range(5):
        assert login(client, "wrong").status_code == 200
    response = login(client, PASSWORD)
    assert response.status_code == 200  # the form again, not the redirect of a log-in
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 5
    locked = AuditEntry.objects.get(action="auth.login_locked")
    assert locked.changes == {"username": "amina", "ip": "10.0.0.1", "minutes": 15}


def test_the_lock_is_per_address_and_expires(user):
    client = Client()
    for _ in range(5):
        login(client, "wrong")
    # Another address is not affected.
    assert login(Client(), PASSWORD, ip="10.0.0.2").status_code == 302
    # Fifteen minutes after the last failure the account opens again.
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    response = login(Client(), PASSWORD)
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="amina", ip="10.0.0.1").exists()


def test_admin_login_is_throttled_too(user):
    user.is_staff = True
    user.save()
    client = Client()
    for _ in range(5):
        client.post(
            "/admin/login/", {"username": "amina", "password": "wrong"}, REMOTE_ADDR="10.0.0.3"
        )
    response = client.post(
        "/admin/login/",
        {"username": "amina", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.3",
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_flood_from_one_address_behind_the_proxy_locks_only_that_address(user, settings):
    settings.NAPMON_LOGIN_MAX_FAILURES = 5
    settings.NAPMON_TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker, owner = Client(), Client()
    for _ in range(8):
        login(attacker, "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert LoginFailure.objects.filter(ip="198.51.100.7").count() == 5
    locked = login(attacker, PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert "Too many failed log-ins" in locked.content.decode()
    # The owner reaches the same proxy from another address and logs in.
    response = login(owner, PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302 and "_auth_user_id" in owner.session


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(user, settings):
    settings.NAPMON_LOGIN_MAX_FAILURES = 5
    settings.NAPMON_TRUSTED_PROXIES = ["10.0.0.0/8"]
    client = Client()
    for i in range(5):  # rotating the header does not make each try a new address
        login(client, "wrong", ip="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    response = login(client, PASSWORD, ip="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert "Too many failed log-ins" in response.content.decode()
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"192.0.2.50"}


def test_the_api_rate_limit_holds_against_a_rotating_forwarded_header(client, settings):
    settings.NAPMON_API_RATE = "5/min"
    settings.NAPMON_TRUSTED_PROXIES = ["10.0.0.0/8"]
    statuses = [
        client.get(
            "/api/v1/plans", REMOTE_ADDR="192.0.2.60", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        ).status_code
        for i in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3
    # Behind the trusted proxy each real client has its own budget.
    other = client.get("/api/v1/plans", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert other.status_code == 200
