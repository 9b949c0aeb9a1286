"""Two-factor log-in for staff: TOTP codes once only, recovery codes once, audited."""

import base64
import re
import time

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from napmon.core import roles
from napmon.core.models import AuditEntry, RecoveryCode, TwoFactorDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 7"


# RFC 6238 appendix B (SHA-1, 8 digits, 30-second steps): the library computes the standard.
@pytest.mark.parametrize(
    ("at", "code"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_totp_matches_the_rfc_6238_test_vectors(at, code):
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert pyotp.TOTP(secret, digits=8, interval=30).at(at) == code


@pytest.fixture
def coordinator():
    user = get_user_model().objects.create_user("coord2fa", "c@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return user


def _log_in(client, password=PASSWORD):
    return client.post("/login/", {"username": "coord2fa", "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _enrol(client, user) -> tuple[pyotp.TOTP, list[str]]:
    client.force_login(user)
    page = client.get("/account/two-factor/").content.decode()
    secret = TwoFactorDevice.objects.get(user=user).secret
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    assert "otpauth://totp/NAP%20Monitor:coord2fa?secret=" in page
    assert "<svg" in page  # the QR code, drawn on the server
    totp = pyotp.TOTP(secret)
    wrong = client.post(
        "/account/two-factor/", {"code": "000000" if totp.now() != "000000" else "1"}
    )
    assert "That code does not match" in wrong.content.decode()
    done = client.post("/account/two-factor/", {"code": totp.now()}).content.decode()
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", done)
    assert len(codes) == 10 and "Two-factor log-in is on" in done
    client.logout()
    return totp, codes


def test_an_enrolled_user_needs_a_code_once_only(client, coordinator):
    totp, _codes = _enrol(client, coordinator)
    # The password alone does not log in.
    response = _log_in(client)
    assert response.status_code == 302 and response["Location"] == "/login/code/"
    assert not _signed_in(client)
    assert client.get("/reporting/").status_code == 302  # still anonymous
    # A code is accepted once: the enrolment used this step's code, so take the next one.
    code = totp.at(time.time() + 30)
    response = client.post("/login/code/", {"code": code})
    assert response.status_code == 302 and _signed_in(client)
    client.logout()
    # Replaying the same code within its step is refused.
    _log_in(client)
    replay = client.post("/login/code/", {"code": code})
    assert replay.status_code == 200 and not _signed_in(client)
    assert "That code is not valid, or was used already." in replay.content.decode()
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions.count("auth.two_factor_enabled") == 1
    assert actions.count("auth.two_factor_verified") == 1
    assert actions.count("auth.two_factor_failed") == 1


def test_a_recovery_code_works_once(client, coordinator):
    _totp, codes = _enrol(client, coordinator)
    assert not RecoveryCode.objects.filter(code_hash__in=[c.replace("-", "") for c in codes])
    _log_in(client)
    assert client.post("/login/code/", {"code": codes[3].upper()}).status_code == 302
    assert _signed_in(client)
    entry = AuditEntry.objects.filter(action="auth.two_factor_verified").latest("id")
    assert entry.changes == {"method": "recovery", "recovery_codes_left": 9}
    assert "9 recovery codes left." in client.get("/account/two-factor/").content.decode()
    client.logout()
    _log_in(client)
    again = client.post("/login/code/", {"code": codes[3]})
    assert again.status_code == 200 and not _signed_in(client)


def test_wrong_codes_count_as_failed_log_ins(client, coordinator, settings):
    settings.NAPMON_LOGIN_MAX_FAILURES = 3
    totp, _codes = _enrol(client, coordinator)
    _log_in(client)
    for guess in ("111111", "222222", "333333"):
        client.post("/login/code/", {"code": guess})
    locked = client.post("/login/code/", {"code": totp.at(time.time() + 30)})
    assert not _signed_in(client)
    assert "Too many failed log-ins" in locked.content.decode()


def test_without_a_pending_password_step_the_code_page_sends_you_to_log_in(client):
    assert client.get("/login/code/")["Location"] == "/login/"


def test_a_user_without_two_factor_logs_in_with_the_password(client, coordinator):
    assert _log_in(client).status_code == 302 and _signed_in(client)


def test_staff_must_turn_it_on_when_the_setting_requires(client, coordinator, settings):
    settings.NAPMON_STAFF_REQUIRE_TOTP = True
    client.force_login(coordinator)
    assert client.get("/reporting/")["Location"] == "/account/two-factor/"
    assert client.get("/account/two-factor/").status_code == 200
    reporter = get_user_model().objects.create_user("rep2fa")
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    assert client.get("/reporting/").status_code != 302 or (
        client.get("/reporting/")["Location"] != "/account/two-factor/"
    )
