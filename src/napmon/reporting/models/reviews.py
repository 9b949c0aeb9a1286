"""Six-monthly reviews and the rating each point receives in one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.core import geography

RATING_CHOICES = [
    ("satisfactory", _("satisfactory")),
    ("mixed", _("mixed")),
    ("unsatisfactory", _("unsatisfactory")),
]


class Review(models.Model):
    """A review of a half-year (``2025-H1``); finalising locks it and publishes ratings."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        FINALISED = "finalised", _("finalised")

    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half"), choices=[(1, "H1"), (2, "H2")])
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    version = models.PositiveIntegerField(_("version"), default=1)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.ForeignKey(
        "indicators.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published as"),
    )

    class Meta:
        ordering = ["-year", "-half"]
        constraints = [models.UniqueConstraint(fields=["year", "half"], name="review_unique_half")]
        verbose_name = _("six-monthly review")
        verbose_name_plural = _("six-monthly reviews")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}-H{self.half}"


class PointReview(models.Model):
    """One point in a review: the proposed rating with its numbers, and the recorded one."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="points")
    point = models.ForeignKey(
        "plans.Point", on_delete=models.PROTECT, related_name="reporting_reviews"
    )
    proposed = models.CharField(_("proposed rating"), max_length=16, blank=True)
    proposal = models.JSONField(_("numbers behind the proposal"), default=dict, blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=RATING_CHOICES, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    evidence_links = models.TextField(_("evidence links"), blank=True)
    dissent = models.TextField(_("dissenting notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.ForeignKey(
        "indicators.Rating", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["point__version__label", "point__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "point"], name="pointreview_unique_point")
        ]
        verbose_name = _("point rating in a review")
        verbose_name_plural = _("point ratings in reviews")

    def __str__(self):
        return f"{self.review}: {self.point}"


class ProvinceRating(models.Model):
    """A point's rating for one province or territory in a review, beside the national one.

    Opened with the review for each province or territory whose reporting body reports
    on the point; recorded through the same workflow (rationale, evidence, audit) and
    published on finalising as an ``indicators.Rating`` of that geography.
    """

    point_review = models.ForeignKey(
        PointReview, on_delete=models.CASCADE, related_name="provinces"
    )
    geography = models.CharField(_("geography"), max_length=8, choices=geography.CHOICES)
    rating = models.CharField(_("rating"), max_length=16, choices=RATING_CHOICES, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    evidence_links = models.TextField(_("evidence links"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.ForeignKey(
        "indicators.Rating", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["point_review", "geography"]
        constraints = [
            models.UniqueConstraint(
                fields=["point_review", "geography"], name="provincerating_unique_geography"
            )
        ]
        verbose_name = _("province rating in a review")
        verbose_name_plural = _("province ratings in reviews")

    def __str__(self):
        return f"{self.point_review} ({self.geography})"

    @property
    def geography_name(self) -> str:
        return geography.name_of(self.geography)
