"""The plan register: plans, versions, points, agencies, themes, statuses, crosswalk."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core.models import UrduText

DATE_PRECISION = [("day", _("day")), ("month", _("month")), ("year", _("year"))]


class Plan(UrduText):
    """A national action plan, across all its versions."""

    URDU_FIELDS = ("name", "description")

    slug = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100, default="Pakistan")
    description = models.TextField(_("description"), blank=True)
    name_ur = models.CharField(_("name (Urdu)"), max_length=200, blank=True)
    description_ur = models.TextField(_("description (Urdu)"), blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.name


class PlanVersion(UrduText):
    """One version of a plan, with the counts it declares for itself."""

    URDU_FIELDS = ("title", "summary")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("label"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_precision = models.CharField(
        _("adoption date precision"), max_length=5, default="day", choices=DATE_PRECISION
    )
    declared_points = models.PositiveSmallIntegerField(_("declared number of points"))
    declared_kinetic = models.PositiveSmallIntegerField(_("declared kinetic points"), null=True)
    declared_non_kinetic = models.PositiveSmallIntegerField(
        _("declared non-kinetic points"), null=True
    )
    summary = models.TextField(_("summary"), blank=True)
    title_ur = models.CharField(_("title (Urdu)"), max_length=300, blank=True)
    summary_ur = models.TextField(_("summary (Urdu)"), blank=True)
    source = models.ForeignKey(
        "indicators.Source", on_delete=models.PROTECT, related_name="plan_versions"
    )

    class Meta:
        ordering = ["plan", "label"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="planversion_unique_label")
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self):
        return f"{self.plan.name} {self.label}"


class Agency(models.Model):
    """A body that leads or supports points (NACTA, provincial CTDs, State Bank ...)."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.CharField(
        _("level"),
        max_length=14,
        choices=[
            ("federal", _("federal")),
            ("provincial", _("provincial")),
            ("international", _("international")),
        ],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.short_name or self.name


class Theme(models.Model):
    """A policy theme (terror finance, de-radicalisation ...) tagged on points."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Point(UrduText):
    """One point of a plan version."""

    URDU_FIELDS = ("title", "short_title", "description")

    class Category(models.TextChoices):
        KINETIC = "kinetic", _("kinetic")
        NON_KINETIC = "non_kinetic", _("non-kinetic")
        UNKNOWN = "unknown", _("unknown")

    class Level(models.TextChoices):
        FEDERAL = "federal", _("federal")
        PROVINCIAL = "provincial", _("provincial")
        BOTH = "both", _("federal and provincial")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    title_ur = models.CharField(_("title (Urdu)"), max_length=400, blank=True)
    short_title_ur = models.CharField(_("short title (Urdu)"), max_length=120, blank=True)
    description_ur = models.TextField(_("description (Urdu)"), blank=True)
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.UNKNOWN
    )
    category_source = models.ForeignKey(
        "indicators.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source of the category"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    lead_agencies = models.ManyToManyField(Agency, blank=True, related_name="leads")
    supporting_agencies = models.ManyToManyField(Agency, blank=True, related_name="supports")
    themes = models.ManyToManyField(Theme, blank=True, related_name="points")

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="point_unique_number")
        ]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self):
        return f"{self.version.label}/{self.number} {self.short_title}"

    def current_status(self):
        return self.statuses.order_by("-date", "-id").first()

    def latest_rating(self):
        return self.ratings.order_by("-date", "-id").first()


class PointStatus(models.Model):
    """A dated status of a point as a source reports it; the latest is current."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        ELAPSED = "elapsed", _("elapsed")
        REDUNDANT = "redundant", _("redundant")
        MERGED = "merged", _("merged")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    date = models.DateField(_("as of"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DATE_PRECISION, default="day"
    )
    note = models.TextField(_("note"), blank=True)
    source = models.ForeignKey("indicators.Source", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["point", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "date", "status"], name="pointstatus_unique_date_status"
            )
        ]
        verbose_name = _("point status")
        verbose_name_plural = _("point statuses")

    def __str__(self):
        return f"{self.point}: {self.get_status_display()} ({self.date})"


class CrosswalkLink(models.Model):
    """How a point of one version relates to a point of another.

    ``dropped`` links have no ``to_point``; ``new`` links have no ``from_point``.
    """

    class Relation(models.TextChoices):
        CONTINUED = "continued", _("continued")
        MERGED_INTO = "merged_into", _("merged into")
        SPLIT_INTO = "split_into", _("split into")
        RENAMED = "renamed", _("renamed")
        DROPPED = "dropped", _("dropped")
        NEW = "new", _("new")

    class MadeBy(models.TextChoices):
        SOURCE = "source", _("a source")
        ANALYST = "analyst", _("an analyst")

    from_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    to_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    from_point = models.ForeignKey(
        Point, null=True, blank=True, on_delete=models.CASCADE, related_name="links_out"
    )
    to_point = models.ForeignKey(
        Point, null=True, blank=True, on_delete=models.CASCADE, related_name="links_in"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    rationale = models.TextField(_("rationale"))
    made_by = models.CharField(_("made by"), max_length=10, choices=MadeBy.choices)
    made_by_name = models.CharField(_("name of who made the link"), max_length=200)
    source = models.ForeignKey(
        "indicators.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["from_version", "from_point__number", "to_point__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_version", "to_version", "from_point", "to_point"],
                name="crosswalk_unique_pair",
            )
        ]
        verbose_name = _("crosswalk link")
        verbose_name_plural = _("crosswalk links")

    def __str__(self):
        left = self.from_point.number if self.from_point else "-"
        right = self.to_point.number if self.to_point else "-"
        return f"{self.from_version.label}/{left} {self.relation} {self.to_version.label}/{right}"


class Gap(models.Model):
    """A theme a source says a version leaves out (the computed gaps complement these)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="gaps")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="gaps")
    statement = models.TextField(_("statement"))
    source = models.ForeignKey("indicators.Source", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "theme"], name="gap_unique_theme")
        ]
        verbose_name = _("gap")
        verbose_name_plural = _("gaps")

    def __str__(self):
        return f"{self.version}: {self.theme}"


class OutcomeLink(models.Model):
    """A declared link from a point to the outcome measure that speaks to it.

    Declared in the dataset file (``outcome_links``) with a rationale and a source, so a
    reader can follow why a review of the point looks at that measure. The six-monthly
    review reads it through ``napmon.analysis.services.point_outcomes``; the measure shows
    association with the point's aims, not proof that the point caused any change.
    """

    class Measure(models.TextChoices):
        EVENTS = "events", _("events")
        KILLED = "killed", _("deaths")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="outcome_links")
    dataset = models.CharField(_("event dataset"), max_length=100)
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    province = models.CharField(_("province code"), max_length=10, blank=True)
    direction = models.CharField(_("better direction"), max_length=10, default="lower")
    rationale = models.TextField(_("rationale"))
    source = models.ForeignKey("indicators.Source", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["point", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "dataset", "measure", "province"], name="outcome_link_unique"
            )
        ]
        verbose_name = _("outcome link")
        verbose_name_plural = _("outcome links")

    def __str__(self):
        where = f" in {self.province}" if self.province else ""
        return f"{self.point}: {self.dataset} {self.measure}{where}"
