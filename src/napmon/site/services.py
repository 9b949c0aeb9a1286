"""Platform-wide services: initialising an installation (the top layer above every app)."""

from __future__ import annotations

from napmon.analysis.services.reference import seed_reference_data as seed_analysis
from napmon.events.services.reference import seed_reference_data as seed_events
from napmon.plans.services import LoadReport, load_dataset
from napmon.reporting.services.reference import seed_reference_data as seed_reporting

# Every app's reference data, in the order they depend on each other: the gazetteer and
# actors first, then interventions and claims (which name places), then reporting bodies.
SEEDERS = (seed_events, seed_analysis, seed_reporting)


def initialise(dataset: str | None = None, actor=None) -> LoadReport:
    """Load the plan dataset and every app's reference data (idempotent).

    Each app's reference data comes from its ``seed_reference_data()``, listed in
    :data:`SEEDERS` (the gazetteer and actors, the interventions and claims, the bodies).
    Raises ``DatasetError`` for a malformed dataset file, leaving the database as it was.
    """
    report = load_dataset(dataset, actor=actor)
    for seed in SEEDERS:
        seed()
    return report
