"""Interventions: dated policy events drawn on charts and offered as break points."""

from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from napmon.core.models import UrduText


class Intervention(UrduText):
    """A dated event or period (NAP adopted, military courts ...) with its source.

    ``date_precision`` says how much of ``date`` the source gives: "June 2014" is stored
    as 2014-06-01 with precision ``month``. ``end_date`` closes a period (military courts
    2015 to 31 March 2019). Edited through the admin or
    ``napmon.analysis.services.update_intervention`` (both audited).
    """

    URDU_FIELDS = ("label",)

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=120)
    label_ur = models.CharField(_("label (Urdu)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(
        _("end date precision"), max_length=5, choices=Precision.choices, blank=True
    )
    source = models.ForeignKey(
        "indicators.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    show_on_charts = models.BooleanField(_("draw on charts"), default=True)

    class Meta:
        ordering = ["date", "key"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="intervention_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.date_label()})"

    def date_label(self) -> str:
        """The date as precisely as the source gives it: "16 Dec 2014", "Jun 2014", "2021"
        (months named in the active language: "16 دسمبر 2014" in Urdu)."""
        return _format(self.date, self.date_precision)

    def period_label(self) -> str:
        """``date_label`` or "Jan 2015 – 31 Mar 2019" for a period."""
        if not self.end_date:
            return self.date_label()
        return f"{self.date_label()} – {_format(self.end_date, self.end_precision or 'day')}"


def _format(value, precision: str) -> str:
    if precision == "year":
        return f"{value:%Y}"
    return format_date(value, "M Y" if precision == "month" else "j M Y")
