"""In-app notices: what happened to a user's reports, shown on their notices page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """One notice for one user (a report due, late, overdue, returned or approved).

    ``key`` names what the notice is about (``late:<body>:<period>``) so that the
    periodic ``napmon reporting due-notices`` run writes each notice once per user;
    ``emailed_at`` is set when the notice went out in an e-mail digest.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reporting_notices"
    )
    kind = models.CharField(_("kind"), max_length=20)
    text = models.CharField(_("text"), max_length=300)
    report = models.ForeignKey(
        "reporting.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    key = models.CharField(_("key"), max_length=80, blank=True, default="")
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notice_unique_key"
            )
        ]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.text
