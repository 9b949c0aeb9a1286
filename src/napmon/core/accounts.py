"""Account pages for every user: log in (with a second factor when on), change the
password, reset it by e-mail; staff turn on two-factor log-in (``core.two_factor``).

Django's views with our templates; each completed change writes an audit entry. The
session idle timeout is a setting (``NAPMON_SESSION_IDLE_MINUTES``): the session cookie
lives that long and is renewed on every request, so an idle session ends.
"""

from __future__ import annotations

import time

from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from napmon.core import two_factor
from napmon.core.audit import log_action
from napmon.core.throttle import (
    ThrottledAuthenticationForm,
    client_ip,
    locked_for,
    record_failure,
)

FORM = "core/account_form.html"
MESSAGE = "core/account_message.html"


def _audit(action: str, user) -> None:
    log_action(
        action, object_type="auth.user", object_id=user.pk, object_repr=str(user), actor=user
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Any signed-in user changes their own password (the old one is asked for)."""

    template_name = FORM
    success_url = reverse_lazy("password_change_done")
    # The page also links to two-factor log-in, which has no other link on the site.
    extra_context = {"heading": _("Change your password"), "two_factor_link": True}

    def form_valid(self, form):
        response = super().form_valid(form)
        _audit("auth.password_changed", self.request.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The page the reset e-mail links to; sets the new password."""

    template_name = FORM
    success_url = reverse_lazy("password_reset_complete")
    extra_context = {"heading": _("Choose a new password")}

    def form_valid(self, form):
        response = super().form_valid(form)
        _audit("auth.password_reset", form.user)
        return response


password_change = PasswordChangeView.as_view()
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name=MESSAGE, extra_context={"heading": _("Your password was changed.")}
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name=FORM,
    success_url=reverse_lazy("password_reset_done"),
    extra_context={"heading": _("Reset your password")},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name=MESSAGE,
    extra_context={
        "heading": _(
            "If an account has that e-mail address, we have sent it a link to choose a new "
            "password."
        )
    },
)
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name=MESSAGE, extra_context={"heading": _("Your password was set. Log in with it.")}
)


# --- two-factor log-in (core.two_factor) --------------------------------------------------
PENDING = "napmon_two_factor_pending"
PENDING_SECONDS = 300


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr"}
        ),
    )


class LoginView(auth_views.LoginView):
    """Django's log-in; a user with two-factor log-in on is not logged in yet, but sent to
    give a code (``login_verify``) within five minutes."""

    template_name = "web/login.html"
    authentication_form = ThrottledAuthenticationForm

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.enrolled(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login-verify")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def login_verify(request):
    """Second step of the log-in: a TOTP code (once only) or an unused recovery code.

    Wrong codes count as failed log-ins for the username and address (the log-in throttle),
    so the six digits cannot be guessed at leisure.
    """
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if locked_for(user.get_username(), ip):
            form.add_error(None, _("Too many failed log-ins from your address; try again later."))
        elif two_factor.verify_code(user, form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            return redirect(pending["next"])
        else:
            record_failure(user.get_username(), ip)
            form.add_error("code", _("That code is not valid, or was used already."))
    return render(request, FORM, {"form": form, "heading": _("Two-factor log-in: enter your code")})


def two_factor_setup(request):
    """Turn on two-factor log-in: the secret, its otpauth URI and a QR code, then a code
    from the app to confirm; the recovery codes are shown once."""
    user = request.user
    if two_factor.enrolled(user):
        context = {
            "enrolled": True,
            "left": two_factor.unused_recovery_codes(user),
            "required": two_factor.required_for(user),
        }
        return render(request, "core/two_factor.html", context)
    device = two_factor.begin_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(user, form.cleaned_data["code"])
        except two_factor.TwoFactorError as exc:
            form.add_error("code", exc.message)
        else:
            return render(request, "core/two_factor.html", {"enrolled": True, "codes": codes})
    uri = two_factor.provisioning_uri(device)
    secret = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    context = {"form": form, "secret": secret, "uri": uri, "qr": two_factor.qr_svg(uri)}
    return render(request, "core/two_factor.html", context)


class ChangeFactorForm(CodeForm):
    """A current code from the app; or the password with an unused recovery code."""

    password = forms.CharField(
        label=_("Password (only with a recovery code)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _change_factor(request, action, heading):
    """The form of a change to the factor itself (``action(user, code, password)``): the
    log-in throttle counts wrong codes here too, so a stolen session cannot guess."""
    user = request.user
    if not two_factor.enrolled(user):
        return None, redirect("two-factor")
    form = ChangeFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if locked_for(user.get_username(), ip):
            form.add_error(None, _("Too many failed log-ins from your address; try again later."))
        else:
            data = form.cleaned_data
            try:
                return action(user, data["code"], data["password"]), None
            except two_factor.TwoFactorError as exc:
                if exc.code == "invalid_code":
                    record_failure(user.get_username(), ip)
                form.add_error("code" if exc.field else None, exc.message)
    return None, render(request, FORM, {"form": form, "heading": heading})


def two_factor_renew(request):
    """New recovery codes (the old ones stop working), after a current code."""
    codes, response = _change_factor(
        request, two_factor.renew_recovery_codes, _("New recovery codes")
    )
    if response is not None:
        return response
    context = {"enrolled": True, "codes": codes, "renewed": True}
    return render(request, "core/two_factor.html", context)


def two_factor_off(request):
    """Turn two-factor log-in off, after a current code; refused for staff who must have it."""
    if two_factor.required_for(request.user):
        heading = _(
            "Your role requires two-factor log-in, so it cannot be turned off. If you lost "
            "your phone, ask an administrator to reset it."
        )
        return render(request, MESSAGE, {"heading": heading}, status=403)
    _done, response = _change_factor(request, two_factor.turn_off, _("Turn off two-factor log-in"))
    if response is not None:
        return response
    return render(request, MESSAGE, {"heading": _("Two-factor log-in is off.")})
