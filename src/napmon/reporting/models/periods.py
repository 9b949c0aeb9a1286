"""Monthly reporting periods."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    """One reporting month, open for reports until it locks.

    ``deadline`` (default the 10th of the next month) decides "on time";
    ``locks_on`` is the day after which ``lock_due_periods`` locks it, unless reopened.
    """

    class State(models.TextChoices):
        OPEN = "open", _("open")
        LOCKED = "locked", _("locked")

    month = models.DateField(_("month"), unique=True, help_text=_("first day of the month"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    deadline = models.DateField(_("deadline"))
    locks_on = models.DateField(_("locks after"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def end(self) -> date:
        nxt = date(self.month.year + (self.month.month == 12), self.month.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN
