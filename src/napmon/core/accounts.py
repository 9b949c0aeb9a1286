"""Account pages for every user: change the password, reset it by e-mail.

Django's views with our templates; each completed change writes an audit entry. The
session idle timeout is a setting (``NAPMON_SESSION_IDLE_MINUTES``): the session cookie
lives that long and is renewed on every request, so an idle session ends.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from napmon.core.audit import log_action

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
    extra_context = {"heading": _("Change your password")}

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
