"""Possible cross-dataset duplicates for a person to confirm or reject."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CandidateMatch(models.Model):
    """Two events from different datasets that may describe the same incident.

    Proposed by ``propose_matches``; never merged automatically.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    left = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    right = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("possible match"),
    )
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("candidate match")
        verbose_name_plural = _("candidate matches")
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="events_match_unique_pair"),
        ]

    def __str__(self):
        return f"{self.left_id} ~ {self.right_id} ({self.score:.2f}, {self.status})"
