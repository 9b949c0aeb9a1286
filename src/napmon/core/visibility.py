"""Who may see what: the one visibility policy of the platform.

Every face (pages, explorer, outcomes, index, API, exports, briefs, release and the
CLI) asks this module, and nothing else, whether a caller sees restricted material and
how much of an event dataset it may see. See docs/security.md for the threat model.

Two rules:

* **Restricted material** (restricted indicators, values, ratings, claims resting on
  them, restricted datasets, aggregate-only rows) is shown to a signed-in, active user
  holding ``indicators.view_restricted`` (superusers hold every permission). Staff status
  grants nothing by itself.
* **Event datasets carry a licence tier** (:class:`LicenceTier`):
  ``open`` datasets are public, rows and aggregates; ``aggregate`` (aggregate-only)
  datasets show the public aggregates but never rows; ``restricted`` datasets show the
  public nothing.

Aggregates of aggregate-only data are published on a fixed grid of cells, one per
dataset, country, year and province. A cell with fewer than k events
(``NAPMON_SMALL_CELL_K``) is *small*. The public sees such data only through queries
whose groups are unions of whole cells (grouping by year, province or dataset; whole
years; no actor or type filter), and any group that contains a small cell is withheld
whole ("margin suppression"). Every published figure is therefore a sum of cells that
are all published themselves, so no difference of published figures (totals minus
others, narrowed windows, months, the index) says anything about a small cell beyond
"fewer than k". Finer queries (by month, type, actor, sub-year windows) leave
aggregate-only data out for the public and say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RESTRICTED_PERMISSION = "indicators.view_restricted"

# Groupings whose groups are unions of whole cells of the public grid.
GRID_DIMENSIONS = frozenset({"year", "province", "dataset"})
# Filters that select whole cells (dates only when they fall on whole years).
GRID_FILTERS = frozenset({"dataset", "datasets", "country", "province", "fold_fata"})


class LicenceTier(models.TextChoices):
    """What the licence of an event dataset lets the public see."""

    OPEN = "open", _("open: rows and aggregates are public")
    AGGREGATE = "aggregate", _("aggregate-only: the public sees aggregates, never rows")
    RESTRICTED = "restricted", _("restricted: signed-in roles only")


class Access(models.TextChoices):
    """How much of one dataset a caller may see."""

    ROWS = "rows"  # rows and aggregates at any granularity
    GRID = "grid"  # aggregates on the public grid, small cells suppressed
    NONE = "none"  # nothing


# Formats whose licence terms forbid republishing rows (GTD, ACLED) start as
# aggregate-only; UCDP (CC BY 4.0) is open; anything else starts restricted until an
# administrator sets its tier.
DEFAULT_TIERS = {
    "ucdp": LicenceTier.OPEN,
    "gtd": LicenceTier.AGGREGATE,
    "acled": LicenceTier.AGGREGATE,
}


def default_tier(format_name: str) -> str:
    """The licence tier a new dataset of ``format_name`` starts with."""
    return DEFAULT_TIERS.get((format_name or "").lower(), LicenceTier.RESTRICTED)


def sees_restricted(user) -> bool:
    """Whether ``user`` sees restricted material (see the module docstring)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and user.has_perm(RESTRICTED_PERMISSION)
    )


def sees_others_tasks(user) -> bool:
    """Whether ``user`` may see background tasks (and prepared briefs) of other users:
    holders of ``core.view_auditentry`` (the admin role), not staff as such."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and user.has_perm("core.view_auditentry")
    )


def public_only(user) -> bool:
    """True when ``user`` sees the public edition only (the opposite of sees_restricted)."""
    return not sees_restricted(user)


def dataset_access(tier: str, public: bool) -> str:
    """The :class:`Access` a caller has to a dataset of licence ``tier``."""
    if not public:
        return Access.ROWS
    return {
        LicenceTier.OPEN: Access.ROWS,
        LicenceTier.AGGREGATE: Access.GRID,
    }.get(tier, Access.NONE)


def small_cell_k() -> int:
    """The small-cell threshold k (``NAPMON_SMALL_CELL_K``, default 5)."""
    return int(getattr(settings, "NAPMON_SMALL_CELL_K", 5))


def is_small(events: int, k: int | None = None) -> bool:
    """A cell with at least one and fewer than k events."""
    return 0 < events < (small_cell_k() if k is None else k)


def _whole_years(start: date | None, end: date | None) -> bool:
    return (start is None or (start.month, start.day) == (1, 1)) and (
        end is None or (end.month, end.day) == (12, 31)
    )


def grid_compatible(dims: Iterable[str], filters: dict) -> bool:
    """Whether every group of this query is a union of whole cells of the public grid."""
    used = {name for name, value in filters.items() if value not in (None, "", False)}
    return (
        set(dims) <= GRID_DIMENSIONS
        and used - {"date_from", "date_to"} <= GRID_FILTERS
        and _whole_years(filters.get("date_from"), filters.get("date_to"))
    )


@dataclass
class EventScope:
    """The datasets one query may read, split by how they may be shown.

    ``rows``: read at any granularity; ``grid``: read on the grid with small cells
    suppressed; ``withheld``: names of aggregate-only datasets left out of this query (restricted
    datasets are left out unnamed).
    """

    rows: list[int] = field(default_factory=list)
    grid: list[int] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)


def event_scope(
    datasets: Iterable[tuple[int, str, str]], public: bool, dims: Iterable[str], filters: dict
) -> EventScope:
    """Split ``datasets`` (``(id, name, tier)``) for one query by ``dims`` and ``filters``.

    Aggregate-only datasets are readable on the grid only when the query is
    grid-compatible; otherwise they are withheld from the public, like restricted ones.
    """
    scope = EventScope()
    on_grid = grid_compatible(dims, filters)
    for pk, name, tier in datasets:
        access = dataset_access(tier, public)
        if access == Access.ROWS:
            scope.rows.append(pk)
        elif access == Access.GRID and on_grid:
            scope.grid.append(pk)
        elif access == Access.GRID:
            scope.withheld.append(name)
        # Restricted datasets are left out without naming them.
    return scope
