"""In-memory lookups of the gazetteer and actor registry used while importing.

Loaded once per import so that cleaning a row costs dictionary lookups, never
a query.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

from napmon.events.districts import SUFFIXES as DISTRICT_SUFFIXES
from napmon.events.models import Actor, ActorAlias, AdminUnit, DistrictAlias, UnitAlias
from napmon.events.names import name_key

PAKISTAN_KEYS = {"pakistan", "pak", "pk", ""}
# UCDP writes "Khyber Pakhtunkhwa province"; other sources add similar generic words.
SUFFIXES = ("province", "territory", "region", "division")


class Gazetteer:
    """Resolve province names to ``AdminUnit`` ids and remember unknown names.

    ``unknown`` counts each name that matched nothing; ``first_row`` gives the
    row where it first appeared, so the report can name it.
    """

    def __init__(self):
        units = {u.code: u for u in AdminUnit.objects.all()}
        self.by_key: dict[str, int] = {}
        for unit in units.values():
            self.by_key[name_key(unit.name)] = unit.pk
            self.by_key[name_key(unit.code)] = unit.pk
        for key, unit_id in UnitAlias.objects.values_list("key", "unit_id"):
            self.by_key[key] = unit_id
        # FATA-after-merger events go to the successor (25th Amendment, 31 May 2018).
        self.expiry: dict[int, tuple[date, int]] = {
            u.pk: (u.valid_until, u.successor_id)
            for u in units.values()
            if u.valid_until and u.successor_id
        }
        self.unknown: Counter[str] = Counter()
        self.first_row: dict[str, int] = {}
        self._cache: dict[str, int | None] = {}

    def _lookup(self, name: str) -> int | None:
        if name in self._cache:
            return self._cache[name]
        key = name_key(name)
        unit_id = self.by_key.get(key)
        for suffix in SUFFIXES:
            if unit_id is None and key.endswith(suffix):
                unit_id = self.by_key.get(key[: -len(suffix)])
        self._cache[name] = unit_id
        return unit_id

    def resolve(self, name: str, row: int, when: date | None = None) -> int | None:
        """The unit id for ``name`` on date ``when``; ``None`` (and noted) when unknown."""
        if not name:
            return None
        unit_id = self._lookup(name)
        if unit_id is None:
            self.unknown[name] += 1
            self.first_row.setdefault(name, row)
            return None
        expiry = self.expiry.get(unit_id)
        if expiry and when and when > expiry[0]:
            return expiry[1]
        return unit_id


# Words sources add after a place name: UCDP writes "Karachi town", "Quetta town".
GENERIC_PLACE_WORDS = frozenset(
    {"town", "city", "cantonment", "cantt", "district", "tehsil", "village", "area"}
)
_WORDS = re.compile(r"[^0-9a-z]+")


class PlaceNames:
    """Fold place names for comparison: "Karachi Town" and "karachi" give the same key.

    Generic trailing words (``GENERIC_PLACE_WORDS``) are dropped, then a name the
    gazetteer knows (a unit's name, code or alias) becomes that unit's key, so
    "ICT" and "Islamabad" compare equal; any other name keeps its ``name_key``.
    """

    def __init__(self):
        self.units: dict[str, str] = {}
        names = dict(AdminUnit.objects.values_list("pk", "name"))
        for name in names.values():
            self.units[name_key(name)] = name_key(name)
        for key, unit_id in UnitAlias.objects.values_list("key", "unit_id"):
            self.units.setdefault(key, name_key(names[unit_id]))
        # "Islamabad" alone is the capital territory's city.
        for key, canonical in list(self.units.items()):
            for suffix in SUFFIXES + ("capitalterritory",):
                if key.endswith(suffix) and key != suffix:
                    self.units.setdefault(key[: -len(suffix)], canonical)
        self._cache: dict[str, str] = {}

    def key(self, name: str) -> str:
        """The comparison key of a place name ('' for a blank one)."""
        found = self._cache.get(name)
        if found is not None:
            return found
        words = [w for w in _WORDS.split(name_key_words(name)) if w]
        while len(words) > 1 and words[-1] in GENERIC_PLACE_WORDS:
            words.pop()
        key = name_key(" ".join(words))
        key = self.units.get(key, key)
        self._cache[name] = key
        return key


def name_key_words(name: str) -> str:
    """``name`` lower-cased with accents removed, words kept apart (for dropping words)."""
    text = unicodedata.normalize("NFKD", name or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


class ActorRegistry:
    """Resolve perpetrator names to ``Actor`` ids through names and aliases."""

    def __init__(self):
        self.by_key: dict[str, int] = {}
        for actor_id, name, short in Actor.objects.values_list("pk", "name", "short_name"):
            self.by_key[name_key(name)] = actor_id
            if short:
                self.by_key.setdefault(name_key(short), actor_id)
        for key, actor_id in ActorAlias.objects.values_list("key", "actor_id"):
            self.by_key[key] = actor_id
        self.unmatched: Counter[str] = Counter()
        self._cache: dict[str, int | None] = {}

    def resolve(self, name: str) -> int | None:
        """The actor id for ``name``, or ``None`` (counted in ``unmatched``)."""
        if not name:
            return None
        if name in self._cache:
            actor_id = self._cache[name]
        else:
            actor_id = self._cache[name] = self.by_key.get(name_key(name))
        if actor_id is None:
            self.unmatched[name] += 1
        return actor_id


def is_pakistan(country: str) -> bool:
    """Whether a country cell means Pakistan (blank counts: single-country files)."""
    return country == "Pakistan" or name_key(country) in PAKISTAN_KEYS


class DistrictGazetteer:
    """Resolve recorded district (or city) names to district names through the aliases.

    A name matches when its folded key, or the key without a trailing "district",
    "agency" ... (``napmon.events.districts.SUFFIXES``), is a district's name or alias.
    """

    def __init__(self):
        self.by_key = dict(DistrictAlias.objects.values_list("key", "district__name"))
        self._cache: dict[str, str | None] = {}

    def resolve(self, name: str) -> str | None:
        """The district's name for ``name``, or ``None`` when nothing matches."""
        if not name:
            return None
        if name not in self._cache:
            key = name_key(name)
            found = self.by_key.get(key)
            for suffix in DISTRICT_SUFFIXES:
                if found is None and key.endswith(suffix):
                    found = self.by_key.get(key[: -len(suffix)])
            self._cache[name] = found
        return self._cache[name]
