"""Monthly reports of a body, their per-point entries, values, evidence and comments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A body's monthly report for one period; corrections are new revisions.

    State moves go through ``reporting.services`` with a conditional UPDATE on
    ``state`` and ``version`` (optimistic locking), never through ``save()``.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with comments")
        APPROVED = "approved", _("approved")
        SUPERSEDED = "superseded", _("superseded by a correction")

    body = models.ForeignKey(
        "reporting.ReportingBody",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("body"),
    )
    period = models.ForeignKey(
        "reporting.Period",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("period"),
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    first_approved_at = models.DateTimeField(
        _("approved at the first level at"), null=True, blank=True
    )
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period__month", "body__name", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "period", "revision"], name="report_unique_revision"
            )
        ]
        permissions = [
            ("submit_report", _("Can fill in and submit reports of own body")),
            ("review_report", _("Can return and approve reports")),
            ("view_all_reports", _("Can view the reports of every body")),
            ("manage_periods", _("Can open, reopen and lock reporting periods")),
            ("assign_points", _("Can assign points to reporting bodies")),
            ("manage_reviews", _("Can open and finalise six-monthly reviews")),
            ("record_rating", _("Can record ratings in six-monthly reviews")),
            ("send_reminders", _("Can send reporting reminders")),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        text = f"{self.body} {self.period.label}"
        return text + (f" r{self.revision}" if self.revision > 1 else "")

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class ReportEntry(models.Model):
    """What a report says about one assigned point."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    point = models.ForeignKey("plans.Point", on_delete=models.PROTECT, related_name="+")
    progress = models.TextField(_("progress"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    bottlenecks = models.TextField(_("bottlenecks"), blank=True)

    class Meta:
        ordering = ["point__version__label", "point__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "point"], name="entry_unique_point")
        ]
        verbose_name = _("report entry")
        verbose_name_plural = _("report entries")

    def __str__(self):
        return f"{self.report}: {self.point}"


class ReportedValue(models.Model):
    """A value a body reports for an indicator of the point; ``flags`` hold follow-ups."""

    entry = models.ForeignKey(ReportEntry, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)

    class Meta:
        ordering = ["indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "indicator"], name="value_unique_indicator")
        ]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")

    def __str__(self):
        return f"{self.indicator}: {self.value}"

    @property
    def field_name(self) -> str:
        return f"value-{self.pk}"

    @property
    def explanation_field_name(self) -> str:
        return f"explanation-{self.pk}"


class Evidence(models.Model):
    """A file attached to an entry; served only to users who may read the report."""

    entry = models.ForeignKey(ReportEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="reporting/evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=8)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name


class ReportComment(models.Model):
    """A reviewer's comment (returning or approving) or a reporter's note on a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]
