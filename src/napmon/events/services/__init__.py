"""Business logic of the events app; views, commands and the API call these."""

from napmon.events.services.batches import rollback_batch
from napmon.events.services.imports import import_events, max_import_bytes
from napmon.events.services.labels import actor_families
from napmon.events.services.matching import decide_match, propose_matches
from napmon.events.services.reference import seed_reference_data
from napmon.events.services.summary import (
    summarise_events,
    totals,
    unresolved_districts,
)

__all__ = [
    "actor_families",
    "decide_match",
    "import_events",
    "max_import_bytes",
    "propose_matches",
    "rollback_batch",
    "seed_reference_data",
    "summarise_events",
    "unresolved_districts",
    "totals",
]
