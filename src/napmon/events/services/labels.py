"""How an event count is labelled and how FATA folds: one place for every summary.

Both counting paths (``analysis.services.summaries`` over the summary tables and
``events.services.summary`` over the event table, used for districts and as the check
that the tables equal a direct count) build their row keys here, so a province, month,
actor or family reads the same on every face.

The FATA fold is data, not a hard-coded code: a unit that has a ``successor`` in the
gazetteer (FATA, ``PK-TA``, merged into Khyber Pakhtunkhwa on 31 May 2018) is counted
under its successor when ``fold_fata`` is asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from napmon.events.models import Actor, ActorRelation, AdminUnit, Dataset

UNKNOWN = "unknown"


def actor_families() -> dict[int, str]:
    """Each actor id → the name of its family root (following splinter/faction links)."""
    parent = dict(
        ActorRelation.objects.filter(kind__in=ActorRelation.FAMILY_KINDS).values_list(
            "subject_id", "obj_id"
        )
    )
    names = dict(Actor.objects.values_list("pk", "name"))
    families = {}
    for actor_id in names:
        root, visited = actor_id, {actor_id}
        while root in parent and parent[root] not in visited:  # a cycle stops at its start
            root = parent[root]
            visited.add(root)
        families[actor_id] = names[root]
    return families


def folded_province_codes(code: str, fold_fata: bool) -> list[str]:
    """The unit codes a province filter covers: ``code`` and, when folding, the units
    that merged into it (FATA for Khyber Pakhtunkhwa)."""
    if not fold_fata:
        return [code]
    merged = AdminUnit.objects.filter(successor__code=code).values_list("code", flat=True)
    return [code, *sorted(merged)]


def province_label(fold_fata: bool) -> Callable[[int | None], str]:
    """Unit id → province name; a merged unit reads as its successor when folding."""
    units = {u.pk: u for u in AdminUnit.objects.select_related("successor")}

    def label(unit_id):
        unit = units.get(unit_id)
        if unit and fold_fata and unit.successor:
            unit = unit.successor
        return unit.name if unit else UNKNOWN

    return label


def month_label(year: int, month: int, precision: str) -> str:
    """``YYYY-MM``, or unknown for an event dated to the year only."""
    return UNKNOWN if precision == "year" else f"{year:04d}-{month:02d}"


def actor_label(family: bool) -> Callable[[int | None], str]:
    """Actor id → its name, or the name of its family root when ``family``."""
    names = actor_families() if family else dict(Actor.objects.values_list("pk", "name"))
    return lambda actor_id: names.get(actor_id, UNKNOWN)


def dataset_label() -> Callable[[int | None], str]:
    """Dataset id → its name."""
    names = dict(Dataset.objects.values_list("pk", "name"))
    return lambda dataset_id: names.get(dataset_id, UNKNOWN)


def text_label(value) -> str:
    """A plain value (year, event type) as a key; blank is unknown."""
    return str(value) if value not in (None, "") else UNKNOWN


def add_known(total: int | None, value: int | None) -> int | None:
    """Sum of the known figures; None (unknown) only while no figure is known."""
    if value is None:
        return total
    return value if total is None else total + value
