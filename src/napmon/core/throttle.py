"""Log-in throttling: too many failures for one username from one address lock it.

After ``NAPMON_LOGIN_MAX_FAILURES`` failed log-ins within ``NAPMON_LOGIN_LOCK_MINUTES``
for the same username and client address, further attempts are refused (even with
the right password) until the window has passed since the last failure. Failures
and locks are written to the audit log. Counting per username *and* address means
an attacker guessing one account from one machine cannot lock its owner out
everywhere. The address is the real client's (``client_ip``): behind a reverse proxy
listed in ``NAPMON_TRUSTED_PROXIES`` it comes from ``X-Forwarded-For``, so one
flooding client does not lock the account for everyone behind the proxy. Failures
live in the database so every gunicorn worker sees them.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import UTC, datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from napmon.core.audit import log_action
from napmon.core.models import ClientCounter, LoginFailure


def _networks() -> list:
    networks = []
    for item in getattr(settings, "NAPMON_TRUSTED_PROXIES", []) or []:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue  # reported by the system check napmon.E005
    return networks


def _trusted(address: str, networks: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request) -> str | None:
    """The address of the client, for rate limits, log-in throttling and the audit log.

    ``REMOTE_ADDR`` unless it is one of ``NAPMON_TRUSTED_PROXIES``; then the
    ``X-Forwarded-For`` chain is read from the right (the entries our proxies appended)
    and the first address that is not a trusted proxy is the client. A header sent by
    anyone else is ignored, so rotating it gains an attacker nothing; an entry that is
    not an IP address ends the walk at the last trusted hop.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks()
    if not remote or not networks or not _trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        client = hop
        if not _trusted(hop, networks):
            break
    return client


def count_hit(key: str, window_end: float) -> int:
    """Add one request to the shared counter ``key`` (a client and window); return its count.

    One ``UPDATE ... SET count = count + 1`` in the database, so every server process
    counts against the same limit. The first request of a window creates the row (a
    concurrent first request that loses the race on the unique key increments instead)
    and deletes the rows of ended windows.
    """
    counters = ClientCounter.objects.filter(key=key[:200])
    if not counters.update(count=F("count") + 1):
        expires = datetime.fromtimestamp(window_end, tz=UTC)
        try:
            with transaction.atomic():
                ClientCounter.objects.create(key=key[:200], count=1, expires_at=expires)
        except IntegrityError:
            counters.update(count=F("count") + 1)
        else:
            ClientCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return counters.values_list("count", flat=True).first() or 1


def _window() -> timedelta:
    return timedelta(minutes=settings.NAPMON_LOGIN_LOCK_MINUTES)


def _recent(username: str, ip: str | None):
    return LoginFailure.objects.filter(
        username=username[:150], ip=ip, at__gte=timezone.now() - _window()
    )


def locked_for(username: str, ip: str | None) -> int:
    """Minutes until ``username`` may try again from ``ip``; 0 when not locked."""
    failures = _recent(username, ip).order_by("-at")
    if failures.count() < settings.NAPMON_LOGIN_MAX_FAILURES:
        return 0
    remaining = failures[0].at + _window() - timezone.now()
    return max(1, math.ceil(remaining.total_seconds() / 60))


def record_failure(username: str, ip: str | None) -> None:
    """Count one failure and audit it; audit the lock when this failure triggers it."""
    if locked_for(username, ip):
        return  # already locked: refusals during a lock do not extend it
    LoginFailure.objects.filter(at__lt=timezone.now() - _window()).delete()
    LoginFailure.objects.create(username=username[:150], ip=ip)
    details = {"username": username[:150], "ip": ip}
    log_action("auth.login_failed", object_type="auth.user", object_repr=username, changes=details)
    if locked_for(username, ip):
        log_action(
            "auth.login_locked",
            object_type="auth.user",
            object_repr=username,
            changes={**details, "minutes": settings.NAPMON_LOGIN_LOCK_MINUTES},
        )


def clear_failures(username: str, ip: str | None) -> None:
    """Forget the failures of ``username`` from ``ip`` (after a successful log-in)."""
    LoginFailure.objects.filter(username=username[:150], ip=ip).delete()


class ThrottledModelBackend(ModelBackend):
    """Django's ModelBackend that refuses a locked username+address outright."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username and locked_for(username, client_ip(request)):
            # PermissionDenied stops Django trying other backends.
            raise PermissionDenied("login locked")
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottledAuthenticationForm(AuthenticationForm):
    """The log-in form, telling a locked-out user how long to wait."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "login_locked": _(
            "Too many failed log-ins for this account from your address. "
            "Try again in %(minutes)s minutes."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            minutes = locked_for(username, client_ip(self.request))
            if minutes:
                raise forms.ValidationError(
                    self.error_messages["login_locked"],
                    code="login_locked",
                    params={"minutes": minutes},
                )
        return super().clean()


@receiver(user_login_failed, dispatch_uid="napmon_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    if username:
        record_failure(str(username), client_ip(request))


@receiver(user_logged_in, dispatch_uid="napmon_logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    clear_failures(user.get_username(), client_ip(request))
