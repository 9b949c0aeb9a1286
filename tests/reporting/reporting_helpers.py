"""Helpers shared by the reporting tests (importable; conftest.py is not)."""

from decimal import Decimal


def fill(report, value=100, progress="Accounts reviewed with the State Bank.", explanation=""):
    """Form data filling every entry and value of ``report``."""
    data = {}
    for entry in report.entries.all():
        data[f"progress-{entry.pk}"] = progress
        for rv in entry.values.all():
            data[rv.field_name] = None if value is None else Decimal(value)
            data[rv.explanation_field_name] = explanation
    return data


def value_field(report, slug):
    rv = report.entries.get().values.get(indicator__slug=slug)
    return rv.field_name
