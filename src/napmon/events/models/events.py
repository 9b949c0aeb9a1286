"""Incidents, the datasets they come from and the import batches that wrote them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core.fields import CountField
from napmon.core.visibility import LicenceTier
from napmon.events.models.actors import PRECISION_CHOICES, Actor
from napmon.events.models.gazetteer import AdminUnit

VIOLENCE_CHOICES = [
    (1, _("state-based conflict")),
    (2, _("non-state conflict")),
    (3, _("one-sided violence")),
]


class Dataset(models.Model):
    """A named collection of events from one source (``GTD``, ``ACLED Pakistan`` ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    format = models.CharField(_("format"), max_length=20)
    description = models.TextField(_("description"), blank=True)
    # What one record counts, in words a reader can check ("organised violence (events
    # with at least one death)"), and the provenance every page showing its figures repeats.
    measure = models.CharField(_("what it counts"), max_length=200, blank=True)
    producer = models.CharField(_("producer"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    records_injuries = models.BooleanField(
        _("records injuries"),
        default=True,
        help_text=_("False when the source has no injury counts: injuries are then unknown."),
    )
    licence_tier = models.CharField(
        _("licence tier"),
        max_length=12,
        choices=LicenceTier.choices,
        default=LicenceTier.RESTRICTED,
        help_text=_(
            "What the public may see: open (rows and aggregates), aggregate-only "
            "(aggregates with small cells suppressed, never rows) or restricted (nothing)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    """One file imported into one dataset, with its counts and problems.

    ``problems`` is a list of ``{"row", "field", "code", "message", "severity"}``.
    A batch can be rolled back (``napmon.events.services.rollback_batch``).
    """

    class Status(models.TextChoices):
        IMPORTED = "imported", _("imported")
        ROLLED_BACK = "rolled_back", _("rolled back")

    dataset = models.ForeignKey(
        Dataset, on_delete=models.PROTECT, related_name="batches", verbose_name=_("dataset")
    )
    format = models.CharField(_("format"), max_length=20)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_by_label = models.CharField(_("imported by (as recorded)"), max_length=150)
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IMPORTED
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_imported = models.PositiveIntegerField(_("imported"), default=0)
    rows_updated = models.PositiveIntegerField(_("updated"), default=0)
    rows_retired = models.PositiveIntegerField(_("retired"), default=0)
    rows_skipped = models.PositiveIntegerField(_("skipped"), default=0)
    rows_duplicate = models.PositiveIntegerField(_("duplicates"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self):
        return f"#{self.pk} {self.file_name} → {self.dataset}"


class Event(models.Model):
    """One incident as one source reports it.

    ``key`` identifies the event within its dataset: the source's id, or a key
    derived from the row content when the id is missing or unusable. ``raw``
    keeps the non-empty cells of the original row for audit.
    """

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    class Type(models.TextChoices):
        BOMBING = "bombing", _("bombing / explosion")
        ARMED_ASSAULT = "armed_assault", _("armed assault")
        ASSASSINATION = "assassination", _("assassination")
        KIDNAPPING = "kidnapping", _("kidnapping / hostage taking")
        FACILITY = "facility_attack", _("attack on a facility")
        BATTLE = "battle", _("battle / armed clash")
        CIVILIANS = "violence_against_civilians", _("violence against civilians")
        UNREST = "unrest", _("protest / riot")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")

    # No separate index on dataset: the unique key and the summary index start with it.
    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("dataset"),
        db_index=False,
    )
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("import batch"),
    )
    key = models.CharField(_("key"), max_length=64)
    external_id = models.CharField(_("source id"), max_length=64, blank=True)
    source_row = models.PositiveIntegerField(_("row in file"), null=True, blank=True)
    row_hash = models.CharField(_("content hash"), max_length=40)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_by = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("retired by batch"),
        db_index=False,  # read only by a rollback
    )

    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=PRECISION_CHOICES, default="day"
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    province = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("province or territory"),
    )
    province_raw = models.CharField(_("province (as in source)"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    geo_precision = models.SmallIntegerField(_("location precision"), null=True, blank=True)

    event_type = models.CharField(_("type"), max_length=30, choices=Type.choices, blank=True)
    # UCDP's type_of_violence: 1 state-based, 2 non-state, 3 one-sided; null for other sources.
    violence = models.PositiveSmallIntegerField(
        _("type of violence (UCDP)"), choices=VIOLENCE_CHOICES, null=True, blank=True
    )
    attack_type = models.CharField(_("attack type (source)"), max_length=200, blank=True)
    target_type = models.CharField(_("target type (source)"), max_length=200, blank=True)
    weapon_type = models.CharField(_("weapon type (source)"), max_length=200, blank=True)
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("perpetrator"),
    )
    perpetrator_name = models.CharField(_("perpetrator (as in source)"), max_length=200, blank=True)

    killed = CountField(_("killed"), null=True, blank=True)
    killed_low = CountField(_("killed, low estimate"), null=True, blank=True)
    killed_high = CountField(_("killed, high estimate"), null=True, blank=True)
    injured = CountField(_("injured"), null=True, blank=True)
    lower_bounds = models.CharField(
        _("lower bounds"),
        max_length=100,
        blank=True,
        help_text=_("Fields the source gave as 'at least' values (40+), comma-separated."),
    )
    suicide = models.BooleanField(_("suicide attack"), null=True, blank=True)
    hostages = models.PositiveIntegerField(_("hostages"), null=True, blank=True)
    related = models.CharField(_("related events (source)"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    raw = models.JSONField(_("original row"), default=dict)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="events_event_unique_key"),
        ]
        indexes = [
            models.Index(fields=["dataset", "date", "province"], name="events_summary_idx"),
            models.Index(fields=["date"], name="events_date_idx"),
        ]

    def __str__(self):
        return f"{self.dataset_id}:{self.key} {self.date}"

    @property
    def lower_bound_fields(self) -> set[str]:
        """The fields whose value the source gave as a lower bound ("40+")."""
        return set(filter(None, self.lower_bounds.split(",")))


class RecordRevision(models.Model):
    """The values an event or annual figure had before a batch changed it.

    Kept so that rolling the batch back can restore them.
    """

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("import batch"),
    )
    model = models.CharField(_("record type"), max_length=20)
    object_id = models.BigIntegerField(_("record id"))
    previous = models.JSONField(_("previous values"))

    class Meta:
        verbose_name = _("record revision")
        verbose_name_plural = _("record revisions")

    def __str__(self):
        return f"{self.model} {self.object_id} before batch {self.batch_id}"


class AnnualFigure(models.Model):
    """One yearly total from a summary table, under the source's own measure name.

    ``measure`` is kept as the source writes it: "casualties" stays casualties.
    """

    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.PROTECT,
        related_name="annual_figures",
        verbose_name=_("dataset"),
    )
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        related_name="annual_figures",
        verbose_name=_("import batch"),
    )
    key = models.CharField(_("key"), max_length=64)
    row_hash = models.CharField(_("content hash"), max_length=40)
    source_row = models.PositiveIntegerField(_("row in file"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.CharField(_("region (as in source)"), max_length=100)
    unit = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    measure = models.CharField(_("measure (as in source)"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.TextField(_("source"), blank=True)
    raw = models.JSONField(_("original row"), default=dict)

    class Meta:
        ordering = ["year", "region", "measure"]
        verbose_name = _("annual figure")
        verbose_name_plural = _("annual figures")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="events_annual_unique_key"),
        ]

    def __str__(self):
        return f"{self.year} {self.region} {self.measure}: {self.value}"
