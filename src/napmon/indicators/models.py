"""Sources (provenance), indicators, their values and the ratings sources give."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core import geography
from napmon.core.models import UrduText


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    RESTRICTED = "restricted", _("restricted")


class Source(models.Model):
    """Where a figure, status or rating comes from.

    ``cited_in`` links a figure's original publisher (PIPS, ISSRA, State Bank of
    Pakistan) to the document that quotes it (a seed document), so a citation
    names both.
    """

    class Kind(models.TextChoices):
        SEED = "seed", _("seed document")
        OFFICIAL = "official", _("official statistic")
        MEDIA = "media", _("media")
        DATASET = "dataset", _("dataset")
        RESEARCH = "research", _("research report")
        ANALYST = "analyst", _("analyst judgement")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=400)
    short_label = models.CharField(
        _("short label"), max_length=80, blank=True, help_text=_("e.g. PIPS, ISSRA, Basit (2020)")
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    date = models.CharField(
        _("date"), max_length=20, blank=True, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    locator = models.CharField(
        _("locator"), max_length=200, blank=True, help_text=_("page, paragraph or footnote")
    )
    cited_in = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citing",
        verbose_name=_("quoted in"),
    )

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        text = f"{self.publisher}, {self.title}"
        if self.locator:
            text += f", {self.locator}"
        return text

    def short_citation(self) -> str:
        """Short label (or publisher), with the quoting document's short label."""
        text = self.short_label or self.publisher
        if self.cited_in_id:
            text += f", quoted in {self.cited_in.short_label or self.cited_in.publisher}"
        return text

    def citation(self) -> str:
        """A one-line citation naming the quoting document when there is one."""
        text = str(self)
        if self.date:
            text += f" ({self.date})"
        if self.cited_in_id:
            text += f"; as quoted in {self.cited_in}"
        return text


class Indicator(UrduText):
    """A measurable quantity tied to a plan point (or, for context, to the plan)."""

    URDU_FIELDS = ("name", "description")

    class Unit(models.TextChoices):
        COUNT = "count", _("count")
        PKR = "PKR", _("Pakistani rupees")
        USD = "USD", _("US dollars")
        PERCENT = "percent", _("percent")
        RATE_PER_DAY = "per_day", _("per day")
        KM = "km", _("kilometres")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        NEUTRAL = "neutral", _("neutral")

    class GeographyLevel(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCE = "province", _("province")

    class ReportedBy(models.TextChoices):
        """Which reporting bodies are asked for the figure in their monthly reports."""

        ANY = "any", _("every body reporting on the point")
        NATIONAL = "national", _("federal bodies only (a national figure)")
        PROVINCIAL = "provincial", _("provincial and territorial bodies only")

    class Aggregation(models.TextChoices):
        """How monthly figures add up; empty: not declared (shown as unknown)."""

        FLOW = "flow", _("flow: a number for each month")
        STOCK = "stock", _("stock: the total to date")
        SNAPSHOT = "snapshot", _("snapshot: the figure at a point in time")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="indicators")
    point = models.ForeignKey(
        "plans.Point",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name=_("point"),
    )
    slug = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    name_ur = models.CharField(_("name (Urdu)"), max_length=300, blank=True)
    description_ur = models.TextField(_("description (Urdu)"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )
    geography_level = models.CharField(
        _("geography level"),
        max_length=10,
        choices=GeographyLevel.choices,
        default=GeographyLevel.NATIONAL,
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, blank=True
    )
    reported_by = models.CharField(
        _("reported by"),
        max_length=10,
        choices=ReportedBy.choices,
        default=ReportedBy.ANY,
        help_text=_("monthly reports ask only these bodies for the figure"),
    )
    baseline_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    target_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source of the target and baseline"),
    )
    target_reference = models.CharField(
        _("decision setting the target"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the apex committee decision that set it, when no source gives it"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        ordering = ["point__version__label", "point__number", "name"]
        permissions = [("view_restricted", _("Can view restricted indicators, values and ratings"))]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def latest_value(self):
        return self.values.order_by("-period_end", "-period_start", "-id").first()


class IndicatorValue(models.Model):
    """One sourced figure: a value for a period and a geography. Never without a source."""

    class Precision(models.TextChoices):
        YEAR = "year", _("year")
        HALF_YEAR = "half", _("half-year")
        MONTH = "month", _("month")
        DAY = "day", _("day")
        AS_OF = "as_of", _("as of")
        RANGE = "range", _("period")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        APPROX = "approx", _("approximately")
        MORE_THAN = "more_than", _("more than")
        AT_LEAST = "at_least", _("at least")
        LESS_THAN = "less_than", _("less than")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    precision = models.CharField(_("period precision"), max_length=6, choices=Precision.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(_("period"), max_length=60)
    geography = models.CharField(
        _("geography"), max_length=8, choices=geography.CHOICES, default=geography.NATIONAL
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="values", verbose_name=_("source")
    )
    note = models.TextField(_("note"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        ordering = ["indicator", "period_end", "geography"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end", "geography"],
                name="indicatorvalue_unique_period_geography",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="indicatorvalue_period_ordered",
            ),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self):
        return f"{self.indicator}: {self.display_value()} ({self.period_label})"

    def clean(self):
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def display_value(self) -> str:
        number = self.value.normalize()
        text = f"{number:,f}" if number == number.to_integral() else f"{number:,}"
        prefix = {
            self.Qualifier.APPROX: "~",
            self.Qualifier.MORE_THAN: ">",
            self.Qualifier.AT_LEAST: "≥",
            self.Qualifier.LESS_THAN: "<",
        }.get(self.qualifier, "")
        unit = self.indicator.unit
        if unit == Indicator.Unit.PERCENT:
            return f"{prefix}{text}%"
        if unit in (Indicator.Unit.PKR, Indicator.Unit.USD):
            return f"{prefix}{unit} {text}"
        return f"{prefix}{text}"


class RaterKind(models.TextChoices):
    """Who gives a rating: the body itself, the coordinating authority, or an outsider."""

    SELF = "self_assessment", _("self-assessment by the body")
    COORDINATOR = "coordinating_authority", _("coordinating authority's review")
    INDEPENDENT = "independent", _("independent source")


class Rating(models.Model):
    """A rating of a point as a source gives it (the reporting cycle adds its own)."""

    class Value(models.TextChoices):
        SATISFACTORY = "satisfactory", _("satisfactory")
        MIXED = "mixed", _("mixed")
        UNSATISFACTORY = "unsatisfactory", _("unsatisfactory")
        NOT_RATED = "not_rated", _("not rated")

    point = models.ForeignKey("plans.Point", on_delete=models.CASCADE, related_name="ratings")
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        default="day",
        choices=[("day", _("day")), ("month", _("month")), ("year", _("year"))],
    )
    rating = models.CharField(_("rating"), max_length=16, choices=Value.choices)
    rationale = models.TextField(_("rationale"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="ratings")
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    geography = models.CharField(
        _("geography"),
        max_length=8,
        choices=geography.CHOICES,
        default=geography.NATIONAL,
        help_text=_("the province or territory rated; Pakistan for the national rating"),
    )
    rater_kind = models.CharField(
        _("kind of rater"),
        max_length=24,
        choices=RaterKind.choices,
        default=RaterKind.INDEPENDENT,
    )
    rater = models.CharField(
        _("rater"),
        max_length=200,
        blank=True,
        help_text=_("who decided the rating (body, office or person); empty: the source"),
    )
    evidence_links = models.TextField(_("evidence links"), blank=True)

    class Meta:
        ordering = ["point", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "date", "source", "geography"],
                name="rating_unique_point_date_source_geography",
            )
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.point}: {self.get_rating_display()} ({self.date})"

    @property
    def evidence_urls(self) -> list[str]:
        """The evidence links, one per line, web addresses only."""
        return [
            line.strip()
            for line in self.evidence_links.splitlines()
            if line.strip().startswith(("https://", "http://"))
        ]

    @property
    def rater_label(self) -> str:
        return self.rater or self.source.publisher
