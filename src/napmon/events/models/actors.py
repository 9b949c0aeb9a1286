"""The actor registry: militant groups, their aliases, relations and proscriptions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.events.names import name_key

PRECISION_CHOICES = [("day", _("day")), ("month", _("month")), ("year", _("year"))]


class Actor(models.Model):
    """A group that events are attributed to (``perpetrator`` of an event)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    proscribed_on = models.DateField(_("proscribed on"), null=True, blank=True)
    proscribed_precision = models.CharField(
        _("precision of proscription date"),
        max_length=5,
        choices=PRECISION_CHOICES,
        blank=True,
    )
    source_citation = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Title and locator of the documents cited."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class ActorAlias(models.Model):
    """Another name of an actor as a source spells it; ``key`` is the folded form."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor")
    )
    alias = models.CharField(_("alias"), max_length=200)
    key = models.CharField(_("lookup key"), max_length=200, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")

    def __str__(self):
        return self.alias

    def save(self, *args, **kwargs):
        # Lookups compare folded keys; derive it here so every way of saving (admin
        # inlines, services, shell) keeps it in step with the alias.
        self.key = name_key(self.alias)
        super().save(*args, **kwargs)


class ActorRelation(models.Model):
    """``subject`` is a splinter / faction / affiliate of, or merged into, ``obj``."""

    class Kind(models.TextChoices):
        SPLINTER_OF = "splinter_of", _("splinter of")
        MERGED_INTO = "merged_into", _("merged into")
        FACTION_OF = "faction_of", _("faction of")
        AFFILIATE_OF = "affiliate_of", _("affiliate of")

    # Relations that make ``obj`` the family of ``subject`` in summaries by family.
    FAMILY_KINDS = (Kind.SPLINTER_OF, Kind.FACTION_OF)

    subject = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="relations", verbose_name=_("actor")
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    obj = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="related_from",
        verbose_name=_("related actor"),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    source_citation = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["subject__name", "start_date"]
        verbose_name = _("actor relation")
        verbose_name_plural = _("actor relations")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "obj"], name="events_actorrelation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.subject} {self.get_kind_display()} {self.obj}"
