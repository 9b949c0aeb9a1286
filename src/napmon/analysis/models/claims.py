"""The claims ledger: numerical statements from documents, checked against the data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Claim(models.Model):
    """One checkable statement, with what it says and where to look it up.

    ``subject`` says what the claim is about, as JSON:

    * ``{"indicator": "pips-terrorist-attacks"}``: values of an indicator;
    * ``{"events": {"dataset": "GTD", "measure": "events", "province": "PK-KP"}}``: an
      event series read from the summary tables (measure events, killed or injured);
    * ``{"plan_points": "2021"}``: the number of points of a plan version;
    * for ``kind: date`` (a dated fact, ``stated`` as YYYY[-MM[-DD]]):
      ``{"intervention": "aps-attack"}``, ``{"source_date": "ispr-2025-10-10"}`` or
      ``{"point_text": "2021/13"}`` (the point's text mentions the stated year).

    ``kind`` is one of :data:`KINDS`. ``old_period`` / ``new_period`` are periods of the
    subject ("2014", "2024-07"); claims about one figure (level, rate_per_day) use
    ``new_period``. ``stated`` is the figure as printed ("3.30", "48"); ``precision``
    its step when the printed digits do not show it. Checking:
    ``napmon.analysis.services.check_claims``.

    ``independent`` lists the comparisons with event datasets other than the claim's own
    source (``[{"dataset": "UCDP GED", "measure": "killed"}]``, or an ``incident`` with its
    date and place); see docs/analysis.md, "Claims: two verdicts".
    """

    KINDS = (
        "percent_change",
        "percent_decrease",
        "percent_increase",
        "ratio",
        "level",
        "rate_per_day",
        "halved",
        "doubled",
        "tripled",
        "increased",
        "decreased",
        "maximum",
        "date",
    )

    key = models.SlugField(_("key"), max_length=80, unique=True)
    text = models.TextField(_("quote"))
    source = models.ForeignKey(
        "indicators.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    locator = models.CharField(_("locator"), max_length=200, blank=True)
    subject = models.JSONField(_("subject"))
    kind = models.CharField(_("kind"), max_length=20, choices=[(k, k) for k in KINDS])
    stated = models.CharField(_("stated figure"), max_length=40, blank=True)
    precision = models.DecimalField(
        _("precision"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    old_period = models.CharField(_("from period"), max_length=80, blank=True)
    new_period = models.CharField(_("to period"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    independent = models.JSONField(_("independent checks"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self):
        return self.key
