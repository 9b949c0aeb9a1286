"""The built-in UCDP GED Pakistan events: loaded by `napmon init`, once, with provenance."""

from io import StringIO

import pytest
from django.core.management import call_command

from napmon.core.models import AuditEntry
from napmon.events.models import Dataset, Event, ImportBatch
from napmon.events.services import summarise_events
from napmon.events.services.builtin import UCDP_DATASET, load_builtin_events

pytestmark = pytest.mark.django_db


def test_builtin_ucdp_is_loaded_with_its_licence_and_citation(ucdp_events):
    assert (ucdp_events.loaded, ucdp_events.events, ucdp_events.outside_pakistan) == (
        True,
        5834,
        0,
    )
    dataset = Dataset.objects.get(name="UCDP GED")
    assert dataset.licence == "CC BY 4.0" and dataset.records_injuries is False
    assert dataset.measure == "organised violence (events with at least one death)"
    assert "Sundberg" in dataset.citation and "Pettersson" in dataset.citation
    assert "Uppsala" in dataset.producer
    # The README's totals: 5,834 events and 41,819 deaths (best estimate), all in Pakistan.
    rows = summarise_events("year", {"dataset": UCDP_DATASET})
    assert sum(r["events"] for r in rows) == 5834
    assert sum(r["killed"] for r in rows) == 41819
    assert all(r["injured"] is None for r in rows)  # UCDP has no injury counts
    assert Event.objects.filter(dataset=dataset, violence__isnull=True).count() == 0
    assert {r["key"] for r in rows} >= {"1989", "2009", "2019"}


def test_a_second_load_changes_nothing(ucdp_events):
    entries, batches = AuditEntry.objects.count(), ImportBatch.objects.count()
    again = load_builtin_events()
    assert (again.loaded, again.events, again.reason) == (False, 5834, "already imported")
    assert (AuditEntry.objects.count(), ImportBatch.objects.count()) == (entries, batches)
    assert Event.objects.filter(dataset__name=UCDP_DATASET).count() == 5834


def test_init_can_skip_the_builtin_events(settings):
    out = StringIO()
    call_command("init", "--no-static", "--no-events", stdout=out)
    assert "Built-in events skipped" in out.getvalue()
    settings.NAPMON_BUILTIN_EVENTS = False
    call_command("init", "--no-static", stdout=out)
    assert not Event.objects.exists()


def test_init_loads_the_builtin_events_once(settings):
    out = StringIO()
    call_command("init", "--no-static", stdout=out)
    call_command("init", "--no-static", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.endswith("UCDP GED: 5834 events imported.") for line in lines)
    assert any("5834 events already imported; nothing changed" in line for line in lines)
    assert ImportBatch.objects.filter(dataset__name=UCDP_DATASET).count() == 1
