"""Actions a body promised under a point, their milestones, and funding per point.

An action is what a body undertook to do under a point, by when, and how far it has got;
its milestones are the dated steps. Funding records are single sourced figures
(allocated, released or spent) for a point, optionally a body, and a fiscal year (July to
June). A figure nobody reported has no record: unknown is shown as unknown, never 0.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.Model):
    """What a body promised to do under a point, by when, and how far it has got."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    point = models.ForeignKey(
        "plans.Point", on_delete=models.PROTECT, related_name="actions", verbose_name=_("point")
    )
    body = models.ForeignKey(
        "reporting.ReportingBody",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("owner body"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    percent_done = models.PositiveSmallIntegerField(
        _("percentage done"), null=True, blank=True, help_text=_("empty when not known")
    )
    evidence_links = models.TextField(_("evidence links"), blank=True, help_text=_("one per line"))
    published = models.BooleanField(
        _("published"), default=False, help_text=_("shown on the public point page")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["point__version__label", "point__number", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_done__isnull=True) | models.Q(percent_done__lte=100),
                name="action_percent_at_most_100",
            )
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """A dated step of an action; overdue when its due date has passed and it is not done."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action")
    )
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    report = models.ForeignKey(
        "reporting.Report",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestone_updates",
        verbose_name=_("updated in the monthly report"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class Funding(models.Model):
    """One sourced money figure for a point: allocated, released or spent."""

    class Kind(models.TextChoices):
        ALLOCATED = "allocated", _("allocated")
        RELEASED = "released", _("released")
        SPENT = "spent", _("spent")

    point = models.ForeignKey(
        "plans.Point", on_delete=models.PROTECT, related_name="funding", verbose_name=_("point")
    )
    body = models.ForeignKey(
        "reporting.ReportingBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding",
        verbose_name=_("body"),
        help_text=_("empty when the source names no body"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        null=True,
        blank=True,
        help_text=_("the year it starts: 2024 is July 2024 to June 2025; empty when not known"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="PKR")
    source = models.ForeignKey(
        "indicators.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source"),
    )
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["point__version__label", "point__number", "fiscal_year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_amount_gte_0")
        ]
        verbose_name = _("funding figure")
        verbose_name_plural = _("funding figures")

    def __str__(self):
        return f"{self.point}: {self.kind} {self.amount} {self.currency}"
