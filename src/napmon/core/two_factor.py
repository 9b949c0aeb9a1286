"""Two-factor log-in with TOTP (RFC 6238, via pyotp) and one-time recovery codes.

Staff roles (admin, coordinator, reviewer, and superusers) may turn it on at
``/account/two-factor/``; with ``NAPMON_STAFF_REQUIRE_TOTP`` they must before using the
site (and cannot turn it off). A user renews their recovery codes or turns it off with a
current code; an operator resets it for a user who lost their phone
(``napmon accounts reset-two-factor``). A user who has it on gives a code after the
password (``accounts.LoginView``).
A code is accepted once only: its 30-second step is recorded and an older or equal step
is refused, so a code seen over someone's shoulder cannot be replayed. Recovery codes are
kept as SHA-256 hashes (they are random, 50 bits each, so no slow hash is needed) and
work once. Every change and every accepted or refused code is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import log_action
from napmon.core.errors import NapmonError
from napmon.core.models import RecoveryCode, TwoFactorDevice

STAFF_ROLES = (roles.ADMIN, roles.COORDINATOR, roles.REVIEWER)
ISSUER = "NAP Monitor"
RECOVERY_CODE_COUNT = 10
STEP_SECONDS = 30
# Codes from the step before and after are accepted too: phone clocks drift.
TOLERATED_STEPS = 1


class TwoFactorError(NapmonError):
    default_code = "two_factor"


def is_staff_role(user) -> bool:
    """Whether ``user`` holds a staff role (admin, coordinator, reviewer) or is a superuser."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name__in=STAFF_ROLES).exists()


def enrolled(user) -> bool:
    """Whether ``user`` has a confirmed TOTP device (and so must give a code at log-in)."""
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def required_for(user) -> bool:
    """Whether ``user`` must have two-factor log-in on (``NAPMON_STAFF_REQUIRE_TOTP``)."""
    return bool(getattr(settings, "NAPMON_STAFF_REQUIRE_TOTP", False)) and is_staff_role(user)


def begin_enrolment(user) -> TwoFactorDevice:
    """The unconfirmed device of ``user`` (a new secret the first time).

    Raises ``TwoFactorError`` (``already_on``) when two-factor log-in is already on.
    """
    if enrolled(user):
        raise TwoFactorError(_("Two-factor log-in is already on."), code="already_on")
    device, _created = TwoFactorDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    return device


def provisioning_uri(device: TwoFactorDevice) -> str:
    """The ``otpauth://`` URI an authenticator app reads (typed in or from the QR code)."""
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name=ISSUER
    )


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code, rendered here (nothing is sent anywhere)."""
    return segno.make(uri, error="m").svg_inline(scale=4, border=2)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in range(current - TOLERATED_STEPS, current + TOLERATED_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def _accept_totp(device: TwoFactorDevice, code: str) -> bool:
    """Accept ``code`` if it matches a step later than the last accepted one (atomic)."""
    step = _matching_step(device.secret, code, time.time())
    if step is None:
        return False
    # The conditional UPDATE makes two requests with the same code race safely.
    return bool(
        TwoFactorDevice.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
    )


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normalise(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()


def _new_recovery_codes(user) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def confirm_enrolment(user, code: str) -> list[str]:
    """Turn two-factor log-in on once ``code`` from the app matches; return the recovery
    codes (shown once, only their hashes are kept). Audited ``auth.two_factor_enabled``.

    Raises ``TwoFactorError`` (``not_started``, ``invalid_code``).
    """
    with transaction.atomic():
        device = (
            TwoFactorDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=True)
            .first()
        )
        if device is None:
            raise TwoFactorError(_("Start setting up two-factor log-in first."), code="not_started")
        if not _accept_totp(device, _normalise(code)):
            raise TwoFactorError(
                _("That code does not match; check the app's clock and type the current code."),
                code="invalid_code",
                field="code",
            )
        TwoFactorDevice.objects.filter(pk=device.pk).update(confirmed_at=timezone.now())
        codes = _new_recovery_codes(user)
        log_action("auth.two_factor_enabled", obj=user, actor=user)
    return codes


def verify_code(user, code: str) -> str | None:
    """Check a log-in code: ``"totp"`` or ``"recovery"`` when accepted, else ``None``.

    A TOTP code is accepted once (replays are refused); a recovery code is used up.
    Both outcomes are audited (``auth.two_factor_verified``, ``auth.two_factor_failed``).
    """
    code = _normalise(code)
    device = TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    method = None
    with transaction.atomic():
        if device is not None and code.isdigit() and len(code) == 6:
            method = "totp" if _accept_totp(device, code) else None
        elif device is not None and code:
            used = RecoveryCode.objects.filter(
                user=user, code_hash=_hash(code), used_at__isnull=True
            ).update(used_at=timezone.now())
            method = "recovery" if used else None
        action = "auth.two_factor_verified" if method else "auth.two_factor_failed"
        changes = {"method": method} if method else {}
        if method == "recovery":
            changes["recovery_codes_left"] = unused_recovery_codes(user)
        log_action(action, obj=user, actor=user, changes=changes)
    return method


def unused_recovery_codes(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _confirm_identity(user, code: str, password: str = "") -> str:
    """Accept a current TOTP code, or the password together with an unused recovery code
    (which is used up); return the method. Refusals are audited and raise
    ``TwoFactorError`` (``invalid_code``).

    A recovery code alone is not enough here: it was shown once on a screen and may have
    been written down, so changing the factor itself also asks for the password.
    """
    code = _normalise(code)
    device = TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    method = None
    if device is not None and code.isdigit() and len(code) == 6:
        method = "totp" if _accept_totp(device, code) else None
    elif device is not None and code and password and user.check_password(password):
        used = RecoveryCode.objects.filter(
            user=user, code_hash=_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        method = "recovery" if used else None
    if method is None:
        log_action("auth.two_factor_failed", obj=user, actor=user, changes={"for": "change"})
        raise TwoFactorError(
            _(
                "That code is not valid, or was used already. Give a current code from the "
                "app, or your password together with an unused recovery code."
            ),
            code="invalid_code",
            field="code",
        )
    return method


def renew_recovery_codes(user, code: str, password: str = "") -> list[str]:
    """Replace every recovery code of ``user`` with ten new ones (shown once), after a
    current code (see ``_confirm_identity``). Audited ``auth.two_factor_codes_renewed``.

    Raises ``TwoFactorError`` (``not_on``, ``invalid_code``).
    """
    if not enrolled(user):
        raise TwoFactorError(_("Two-factor log-in is not on."), code="not_on")
    method = _confirm_identity(user, code, password)
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        log_action(
            "auth.two_factor_codes_renewed", obj=user, actor=user, changes={"method": method}
        )
    return codes


def turn_off(user, code: str, password: str = "") -> None:
    """Turn two-factor log-in off for ``user`` after a current code (see
    ``_confirm_identity``): the secret and the recovery codes are deleted. Audited
    ``auth.two_factor_disabled``.

    Raises ``TwoFactorError`` (``required`` for staff under ``NAPMON_STAFF_REQUIRE_TOTP``,
    ``not_on``, ``invalid_code``).
    """
    if required_for(user):
        raise TwoFactorError(
            _(
                "Your role requires two-factor log-in, so it cannot be turned off. If you "
                "lost your phone, ask an administrator to reset it."
            ),
            code="required",
        )
    if not enrolled(user):
        raise TwoFactorError(_("Two-factor log-in is not on."), code="not_on")
    method = _confirm_identity(user, code, password)
    with transaction.atomic():
        _delete_factor(user)
        log_action("auth.two_factor_disabled", obj=user, actor=user, changes={"method": method})


def reset(user, *, actor=None, reason: str = "") -> None:
    """An operator's reset for a user who lost their phone: the secret and recovery codes
    are deleted, so the next log-in needs the password only (and staff under
    ``NAPMON_STAFF_REQUIRE_TOTP`` are sent to set it up again). Audited
    ``auth.two_factor_reset`` with the actor (``None``: the command line) and reason.

    Raises ``TwoFactorError`` (``not_on``) when the user has no device at all.
    """
    with transaction.atomic():
        if not TwoFactorDevice.objects.filter(user=user).exists():
            raise TwoFactorError(
                _("%(user)s has no two-factor log-in to reset.") % {"user": user.get_username()},
                code="not_on",
            )
        was_on = enrolled(user)
        _delete_factor(user)
        log_action(
            "auth.two_factor_reset",
            obj=user,
            actor=actor,
            changes={"was_on": was_on, "reason": reason},
        )


def _delete_factor(user) -> None:
    RecoveryCode.objects.filter(user=user).delete()
    TwoFactorDevice.objects.filter(user=user).delete()


class TwoFactorRequiredMiddleware:
    """With ``NAPMON_STAFF_REQUIRE_TOTP``, send a signed-in staff user without two-factor
    log-in to the page that turns it on (log-out and static files stay reachable)."""

    ALLOWED = ("two-factor", "logout", "switch-language", "healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            getattr(settings, "NAPMON_STAFF_REQUIRE_TOTP", False)
            and user is not None
            and user.is_authenticated
            and not self._allowed(request.path)
            and required_for(user)
            and not enrolled(user)
        ):
            return redirect("two-factor")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if path.startswith((settings.STATIC_URL or "/static/", "/i18n/")):
            return True
        return any(path == reverse(name) for name in self.ALLOWED)
