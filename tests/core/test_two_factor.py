"""Two-factor log-in for staff: TOTP codes once only, recovery codes once, audited."""

import base64
import io
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
    codes = re.findall(r'<li><code dir="ltr">([0-9a-f]{5}-[0-9a-f]{5})</code></li>', done)
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


def test_the_password_page_links_to_the_two_factor_page(client, coordinator):
    link = '<a href="/account/two-factor/">Two-factor log-in</a>'
    client.force_login(coordinator)
    assert link in client.get("/password/change/").content.decode()
    client.logout()  # the password-reset form (same template) is not signed in: no link
    assert link not in client.get("/password/reset/").content.decode()


# --- renewing recovery codes, turning it off, an operator's reset ---------------------------


def _next_code(totp, steps=1):
    return totp.at(time.time() + 30 * steps)


def test_recovery_codes_are_renewed_with_a_current_code(client, coordinator):
    totp, old = _enrol(client, coordinator)
    client.force_login(coordinator)
    page = client.get("/account/two-factor/").content.decode()
    assert "/account/two-factor/recovery-codes/" in page and "/account/two-factor/off/" in page
    refused = client.post("/account/two-factor/recovery-codes/", {"code": "12345"})
    assert "That code is not valid" in refused.content.decode()
    # A recovery code alone is not enough; with the password it is.
    alone = client.post("/account/two-factor/recovery-codes/", {"code": old[0]})
    assert "That code is not valid" in alone.content.decode()
    done = client.post(
        "/account/two-factor/recovery-codes/", {"code": old[0], "password": PASSWORD}
    ).content.decode()
    new = re.findall(r'<li><code dir="ltr">([0-9a-f]{5}-[0-9a-f]{5})</code></li>', done)
    assert len(new) == 10 and "the old ones no longer work" in done
    again = client.post("/account/two-factor/recovery-codes/", {"code": _next_code(totp)})
    newest = re.findall(r'<code dir="ltr">([0-9a-f]{5}-[0-9a-f]{5})</code>', again.content.decode())
    assert len(newest) == 10 and not set(newest) & set(new)
    # The old codes no longer log in; a new one does.
    client.logout()
    _log_in(client)
    assert client.post("/login/code/", {"code": old[1]}).status_code == 200
    assert client.post("/login/code/", {"code": newest[0]}).status_code == 302
    entries = AuditEntry.objects.filter(action="auth.two_factor_codes_renewed").order_by("id")
    assert [e.changes["method"] for e in entries] == ["recovery", "totp"]
    assert AuditEntry.objects.filter(action="auth.two_factor_failed").count() >= 2


def test_a_user_turns_it_off_with_a_current_code(client, coordinator):
    totp, _codes = _enrol(client, coordinator)
    client.force_login(coordinator)
    wrong = client.post("/account/two-factor/off/", {"code": "000000"})
    assert TwoFactorDevice.objects.filter(user=coordinator).exists()
    assert wrong.status_code == 200
    done = client.post("/account/two-factor/off/", {"code": _next_code(totp)})
    assert "Two-factor log-in is off." in done.content.decode()
    assert not TwoFactorDevice.objects.filter(user=coordinator).exists()
    assert not RecoveryCode.objects.filter(user=coordinator).exists()
    assert AuditEntry.objects.filter(action="auth.two_factor_disabled").count() == 1
    client.logout()
    assert _log_in(client).status_code == 302 and _signed_in(client)  # the password alone


def test_staff_who_must_have_it_cannot_turn_it_off(client, coordinator, settings):
    totp, _codes = _enrol(client, coordinator)
    settings.NAPMON_STAFF_REQUIRE_TOTP = True
    client.force_login(coordinator)
    # The two-factor page offers no way to turn it off, and says why.
    setup = client.get("/account/two-factor/").content.decode()
    assert "/account/two-factor/off/" not in setup
    assert "Your role requires two-factor log-in, so it cannot be turned off." in setup
    page = client.post("/account/two-factor/off/", {"code": _next_code(totp)})
    assert page.status_code == 403
    assert "Your role requires two-factor log-in" in page.content.decode()
    assert TwoFactorDevice.objects.filter(user=coordinator, confirmed_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="auth.two_factor_disabled").exists()


def test_an_operator_resets_a_lost_phone_on_the_command_line(client, coordinator, settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    _totp, _codes = _enrol(client, coordinator)
    settings.NAPMON_STAFF_REQUIRE_TOTP = True
    out = io.StringIO()
    call_command("accounts", "reset-two-factor", "coord2fa", "--reason", "lost phone", stdout=out)
    assert "was reset" in out.getvalue()
    assert not TwoFactorDevice.objects.filter(user=coordinator).exists()
    assert not RecoveryCode.objects.filter(user=coordinator).exists()
    entry = AuditEntry.objects.get(action="auth.two_factor_reset")
    assert entry.changes == {"was_on": True, "reason": "lost phone"}
    assert entry.actor_label == "system" and entry.object_repr == "coord2fa"
    # The password alone logs in, and the required set-up page comes next.
    assert _log_in(client).status_code == 302 and _signed_in(client)
    assert client.get("/reporting/")["Location"] == "/account/two-factor/"
    with pytest.raises(CommandError, match="no two-factor log-in to reset"):
        call_command("accounts", "reset-two-factor", "coord2fa")
    with pytest.raises(CommandError, match="No user named"):
        call_command("accounts", "reset-two-factor", "nobody")


def test_a_superuser_resets_it_in_the_admin_with_an_audited_action(client, coordinator):
    _totp, _codes = _enrol(client, coordinator)
    device = TwoFactorDevice.objects.get(user=coordinator)
    root = get_user_model().objects.create_superuser("root2fa", "r@example.org", PASSWORD)
    client.force_login(root)
    page = client.get(f"/admin/core/twofactordevice/{device.pk}/change/").content.decode()
    assert "coord2fa" in page and device.secret not in page  # read-only, never the secret
    assert client.get("/admin/core/twofactordevice/add/").status_code == 403
    response = client.post(
        "/admin/core/twofactordevice/",
        {"action": "reset_two_factor", "_selected_action": [device.pk]},
        follow=True,
    )
    assert "Two-factor log-in of 1 user was reset." in response.content.decode()
    assert not TwoFactorDevice.objects.filter(user=coordinator).exists()
    assert not RecoveryCode.objects.filter(user=coordinator).exists()
    entry = AuditEntry.objects.get(action="auth.two_factor_reset")
    assert entry.actor_label == "root2fa" and entry.changes == {"was_on": True, "reason": "admin"}
