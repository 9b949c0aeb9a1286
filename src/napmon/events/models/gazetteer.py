"""The gazetteer: Pakistan's provinces and territories and the spellings sources use."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from napmon.events.names import name_key


class AdminUnit(models.Model):
    """A country, province or territory, coded ISO 3166-2:PK.

    FATA (``PK-TA``) carries ``valid_until`` 2018-05-31 and ``successor`` KP so
    summaries can fold it into Khyber Pakhtunkhwa.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        PROVINCE = "province", _("province")
        TERRITORY = "territory", _("territory")
        FORMER = "former", _("former unit")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("successor"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self):
        return self.name


class UnitAlias(models.Model):
    """Another spelling of a unit's name (KPK, NWFP, Baluchistan, ICT ...).

    ``key`` is the alias folded by ``napmon.events.names.name_key`` (case,
    punctuation and spacing removed), which is what lookups compare.
    """

    unit = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("unit")
    )
    alias = models.CharField(_("alias"), max_length=100)
    key = models.CharField(_("lookup key"), max_length=100, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")

    def __str__(self):
        return f"{self.alias} → {self.unit.code}"

    def save(self, *args, **kwargs):
        # Lookups compare folded keys; derive it here so every way of saving (admin
        # inlines, services, shell) keeps it in step with the alias.
        self.key = name_key(self.alias)
        super().save(*args, **kwargs)


class District(models.Model):
    """A district of a province or territory, for summaries by district.

    ``province`` is the unit the district belongs to today; ``former_unit`` the unit it
    belonged to before (FATA for the former agencies, now Khyber Pakhtunkhwa districts).
    Events are not linked to districts: their recorded district (or, failing that, city)
    is resolved through names and aliases when a summary is made, so a new alias counts
    at once for every dataset.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    province = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("province or territory"),
    )
    former_unit = models.ForeignKey(
        AdminUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_districts",
        verbose_name=_("formerly part of"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class DistrictAlias(models.Model):
    """Another name a source uses for a district ("Bajaur Agency", "FR Kohat", "Turbat").

    ``key`` is the alias folded by ``napmon.events.names.name_key``.
    """

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("district")
    )
    alias = models.CharField(_("alias"), max_length=100)
    key = models.CharField(_("lookup key"), max_length=100, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("district alias")
        verbose_name_plural = _("district aliases")

    def __str__(self):
        return f"{self.alias} → {self.district.name}"

    def save(self, *args, **kwargs):
        self.key = name_key(self.alias)
        super().save(*args, **kwargs)
