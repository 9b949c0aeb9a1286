"""Reporting bodies, their reporters, the points they report on, and indicator rules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core import geography


class ReportingBody(models.Model):
    """A provincial or territorial implementation committee, or a federal body."""

    class Kind(models.TextChoices):
        PROVINCIAL = "provincial", _("provincial implementation committee")
        TERRITORIAL = "territorial", _("territorial implementation committee")
        FEDERAL = "federal", _("federal body")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    geography = models.CharField(
        _("geography"), max_length=8, choices=geography.CHOICES, default=geography.NATIONAL
    )
    active = models.BooleanField(_("active"), default=True)
    approval_levels = models.PositiveSmallIntegerField(
        _("approval levels"),
        choices=[
            (1, _("one: the coordinating authority")),
            (2, _("two: own secretariat, then the coordinating authority")),
        ],
        default=1,
        help_text=_(
            "with two levels a reviewer belonging to the body approves first, then a "
            "reviewer of the coordinating authority"
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("reporting body")
        verbose_name_plural = _("reporting bodies")

    def __str__(self):
        return self.name


class BodyMembership(models.Model):
    """A reporter belongs to exactly one reporting body."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reporting_membership",
        verbose_name=_("user"),
    )
    body = models.ForeignKey(
        ReportingBody, on_delete=models.CASCADE, related_name="members", verbose_name=_("body")
    )

    class Meta:
        verbose_name = _("body membership")
        verbose_name_plural = _("body memberships")

    def __str__(self):
        return f"{self.user} → {self.body}"


class Assignment(models.Model):
    """Which body reports on which point."""

    body = models.ForeignKey(
        ReportingBody, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("body")
    )
    point = models.ForeignKey(
        "plans.Point",
        on_delete=models.CASCADE,
        related_name="reporting_assignments",
        verbose_name=_("point"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["body", "point__version__label", "point__number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "point"], name="assignment_unique_body_point")
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.body}: {self.point}"


class IndicatorRule(models.Model):
    """Validation rules for reported values of one indicator (see reporting/validation.py)."""

    indicator = models.OneToOneField(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        related_name="reporting_rule",
        verbose_name=_("indicator"),
    )
    minimum = models.DecimalField(
        _("minimum"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("maximum"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    whole_number = models.BooleanField(_("whole number"), default=False)
    max_change_pct = models.DecimalField(
        _("maximum change from the previous period (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("hard rule: a larger change blocks submission"),
    )
    soft_change_pct = models.DecimalField(
        _("change needing an explanation (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        default=50,
        help_text=_("soft rule: a larger change needs an explanation"),
    )
    outlier_z = models.DecimalField(
        _("outlier threshold (robust z-score)"), max_digits=5, decimal_places=2, default=3.5
    )

    class Meta:
        verbose_name = _("indicator rule")
        verbose_name_plural = _("indicator rules")

    def __str__(self):
        return str(self.indicator)
