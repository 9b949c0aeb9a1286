"""Seeding the gazetteer and the actor registry."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from napmon.core import geography
from napmon.core.audit import log_action
from napmon.events.districts import DISTRICTS, FORMER_FATA
from napmon.events.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    AdminUnit,
    District,
    DistrictAlias,
    UnitAlias,
)
from napmon.events.names import name_key
from napmon.events.reference import ACTORS, RELATIONS, UNIT_ALIASES


def _seed_units() -> int:
    created = 0
    units = {}
    for unit in geography.UNITS:
        obj, was_created = AdminUnit.objects.update_or_create(
            code=unit.code,
            defaults={"name": unit.name, "kind": unit.kind, "valid_until": unit.valid_until},
        )
        units[unit.code] = obj
        created += was_created
    for unit in geography.UNITS:
        obj = units[unit.code]
        obj.parent = None if unit.code == geography.NATIONAL else units[geography.NATIONAL]
        obj.successor = units.get(unit.successor) if unit.successor else None
        obj.save(update_fields=["parent", "successor"])
    for code, aliases in UNIT_ALIASES.items():
        for alias in (units[code].name, *aliases):
            key = name_key(alias)
            if not UnitAlias.objects.filter(key=key).exists():
                UnitAlias.objects.create(unit=units[code], alias=alias, key=key)
    return created


def _seed_actors() -> int:
    created = 0
    actors = {}
    for spec in ACTORS:
        proscribed = spec.get("proscribed")
        actor, was_created = Actor.objects.get_or_create(
            name=spec["name"],
            defaults={
                "short_name": spec["short_name"],
                "proscribed_on": date.fromisoformat(proscribed[0]) if proscribed else None,
                "proscribed_precision": proscribed[1] if proscribed else "",
                "source_citation": spec["source_citation"],
            },
        )
        actors[actor.name] = actor
        created += was_created
        for alias in (actor.name, *spec["aliases"]):
            key = name_key(alias)
            if not ActorAlias.objects.filter(key=key).exists():
                ActorAlias.objects.create(actor=actor, alias=alias, key=key)
    for subject, kind, obj, start, citation, note in RELATIONS:
        ActorRelation.objects.get_or_create(
            subject=actors[subject],
            kind=kind,
            obj=actors[obj],
            defaults={
                "start_date": date.fromisoformat(start) if start else None,
                "source_citation": citation,
                "note": note,
            },
        )
    return created


def _seed_districts() -> int:
    units = dict((u.code, u) for u in AdminUnit.objects.all())
    created = 0
    for code, name, aliases in DISTRICTS:
        district, was_created = District.objects.get_or_create(
            name=name,
            defaults={
                "province": units[code],
                "former_unit": units["PK-TA"] if name in FORMER_FATA else None,
            },
        )
        created += was_created
        for alias in (name, *aliases):
            key = name_key(alias)
            if not DistrictAlias.objects.filter(key=key).exists():
                DistrictAlias.objects.create(district=district, alias=alias, key=key)
    return created


def seed_reference_data() -> dict[str, int]:
    """Create the gazetteer (units, districts, aliases) and the seed actor registry.

    Idempotent: existing rows are kept (names a user edited in the admin are
    not overwritten for actors), missing ones added. Returns the number of units,
    actors and districts created; writes an audit entry when anything was created.
    Raises nothing beyond database errors.
    """
    with transaction.atomic():
        counts = {"units": _seed_units(), "actors": _seed_actors()}
        counts["districts"] = _seed_districts()
        if any(counts.values()):
            log_action("events.reference.seeded", object_type="events.reference", changes=counts)
    return counts
