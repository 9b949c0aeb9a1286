"""Platform-wide services: initialising an installation."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from napmon.plans.services import LoadReport, load_dataset


def initialise(dataset: str | None = None, actor=None) -> LoadReport:
    """Load the plan dataset and every app's reference data (idempotent).

    Apps contribute reference data by defining ``seed_reference_data()`` in
    their ``services`` module (the gazetteer and actors, the interventions ...).
    Raises ``DatasetError`` for a malformed dataset file, leaving the database as it was.
    """
    report = load_dataset(dataset, actor=actor)
    for config in apps.get_app_configs():
        if not config.name.startswith("napmon.") or config.label == "core":
            continue
        try:
            module = import_module(f"{config.name}.services")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.services":
                raise
            continue
        seed = getattr(module, "seed_reference_data", None)
        if callable(seed):
            seed()
    return report
