"""Pre-aggregated event counts, rebuilt from ``events.Event`` after each import or rollback.

Two tables with the same measures:

* ``DailySummary``: one row per (dataset, day, date precision, country, province, actor,
  event type, UCDP type of violence). Answers every filter the events summary accepts, to the day.
* ``MonthlySummary``: the same rolled up to (dataset, month, date precision, country,
  province); small enough that year, month, province and dataset summaries over millions
  of events read a few thousand rows.

Measures: ``events`` (rows), ``killed`` / ``injured`` (sum of the known values, 0 when
none is known) and ``killed_unknown`` / ``injured_unknown`` (events whose figure is
unknown). Only active (not retired) events are counted. How they are built:
``napmon.analysis.services.summaries``; docs/analysis.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core.fields import CountField


class SummaryMeasures(models.Model):
    """Keys and measures shared by both summary tables."""

    dataset = models.ForeignKey(
        "events.Dataset", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.SmallIntegerField(_("year"))
    month = models.SmallIntegerField(_("month of the stored date"))
    month_start = models.DateField(_("first day of the month"))
    precision = models.CharField(_("date precision"), max_length=5)
    country = models.CharField(_("country"), max_length=100, blank=True)
    province = models.ForeignKey(
        "events.AdminUnit",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    events = models.PositiveIntegerField(_("events"))
    killed = CountField(_("killed (known)"), max_digits=16)
    killed_unknown = models.PositiveIntegerField(_("events with killed unknown"))
    injured = CountField(_("injured (known)"), max_digits=16)
    injured_unknown = models.PositiveIntegerField(_("events with injured unknown"))

    class Meta:
        abstract = True


class DailySummary(SummaryMeasures):
    """Events per dataset, day, precision, country, province, actor and event type."""

    day = models.DateField(_("day"))
    actor = models.ForeignKey(
        "events.Actor", null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    event_type = models.CharField(_("type"), max_length=30, blank=True)
    violence = models.PositiveSmallIntegerField(_("type of violence (UCDP)"), null=True)

    class Meta:
        verbose_name = _("daily event summary")
        verbose_name_plural = _("daily event summaries")
        indexes = [
            models.Index(fields=["dataset", "day"], name="analysis_daily_dataset_day"),
        ]

    def __str__(self):
        return f"{self.dataset_id} {self.day}: {self.events} events"


class MonthlySummary(SummaryMeasures):
    """Events per dataset, month, precision, country and province (no actor or type)."""

    class Meta:
        verbose_name = _("monthly event summary")
        verbose_name_plural = _("monthly event summaries")
        indexes = [
            models.Index(fields=["dataset", "month_start"], name="analysis_monthly_ds_month"),
        ]

    def __str__(self):
        return f"{self.dataset_id} {self.month_start:%Y-%m}: {self.events} events"


class SummaryState(models.Model):
    """What the summary tables of one dataset were built from.

    ``last_batch`` is the newest import batch of the dataset and ``rolled_back`` how many
    of its batches were rolled back at build time; when either differs from the batches
    now in the database, the summaries of that dataset are rebuilt before being read.
    """

    dataset = models.OneToOneField(
        "events.Dataset", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    last_batch = models.BigIntegerField(_("newest batch"))
    rolled_back = models.PositiveIntegerField(_("batches rolled back"))
    events = models.PositiveIntegerField(_("active events"))
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("summary state")
        verbose_name_plural = _("summary states")

    def __str__(self):
        return f"dataset {self.dataset_id}: batch {self.last_batch}, {self.events} events"
