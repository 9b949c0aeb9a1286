"""Every problem of one import attempt, kept so that the web pages can list them all."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.events.models.events import ImportBatch


class ProblemLog(models.Model):
    """The problems of one import started from the web (upload page or background import).

    Kept whatever the outcome: imported, dry run or refused (a refused import or a
    dry run records no batch, so the problems would otherwise be lost). Only the
    person who ran the import (or staff) can read it.
    """

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("imported")
        DRY_RUN = "dry_run", _("dry run")
        REFUSED = "refused", _("refused")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    dataset = models.CharField(_("dataset"), max_length=100, blank=True)
    format = models.CharField(_("format"), max_length=20)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("import batch"),
    )
    counts = models.JSONField(_("counts"), default=dict)
    problem_count = models.PositiveIntegerField(_("problems"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import problem log")
        verbose_name_plural = _("import problem logs")

    def __str__(self):
        return f"{self.file_name}: {self.problem_count} problem(s)"


class ImportProblem(models.Model):
    """One problem of a ``ProblemLog``, in the order the import found it."""

    log = models.ForeignKey(
        ProblemLog, on_delete=models.CASCADE, related_name="problems", verbose_name=_("log")
    )
    position = models.PositiveIntegerField(_("position"))
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    field = models.CharField(_("column"), max_length=255, blank=True)
    code = models.CharField(_("code"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10)
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["log", "position"]
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        constraints = [
            models.UniqueConstraint(fields=["log", "position"], name="events_problem_position"),
        ]

    def __str__(self):
        return f"{self.code} at row {self.row}"
