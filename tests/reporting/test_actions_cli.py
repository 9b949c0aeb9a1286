"""`napmon actions` and `napmon funding` from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.core.models import AuditEntry
from napmon.reporting.models import Action, Funding

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_milestone_complete_and_list(db):
    assert "Recorded action" in run(
        "actions",
        "add",
        "--point",
        "2021/4",
        "--body",
        "sindh",
        "--title",
        "Digitise FIRs",
        "--due",
        "2030-06-30",
        "--percent",
        "25",
    )
    action = Action.objects.get(title="Digitise FIRs")
    run("actions", "milestone", str(action.pk), "--title", "Pilot", "--due", "2020-01-31")
    table = run("actions", "list", "--body", "sindh")
    assert "Digitise FIRs" in table and "25%" in table
    assert table.splitlines()[2].split()[-1] == "1"  # one overdue milestone
    milestone = action.milestones.get()
    run("actions", "complete", str(milestone.pk), "--on", "2020-02-10")
    milestone.refresh_from_db()
    assert str(milestone.done_on) == "2020-02-10"
    assert AuditEntry.objects.filter(action="reporting.milestone.completed").count() == 1
    assert "No action." in run("actions", "list", "--public")


def test_demo_actions_are_marked_and_never_public(db):
    assert "Added 2 demo action(s)" in run("actions", "demo")
    assert "Added 0 demo action(s)" in run("actions", "demo")
    assert Action.objects.filter(is_demo=True).count() == 2
    run("actions", "update", str(Action.objects.first().pk), "--publish")
    assert "No action." in run("actions", "list", "--public")


def test_funding_add_list_remove(db):
    run(
        "funding",
        "add",
        "--point",
        "2021/7",
        "--kind",
        "spent",
        "--amount",
        "1,500,000",
        "--fiscal-year",
        "2023",
        "--reference",
        "CTD Punjab accounts 2023-24",
    )
    table = run("funding", "list", "--point", "2021/7")
    assert "2023-24" in table and "PKR 1,500,000" in table
    figure = Funding.objects.get(point__number=7, point__version__label="2021")
    with pytest.raises(CommandError, match="source_required"):
        run("funding", "add", "--point", "2021/7", "--kind", "spent", "--amount", "5")
    run("funding", "remove", str(figure.pk))
    assert "No funding figure." in run("funding", "list", "--point", "2021/7")


def test_bad_point_is_a_clear_error(db):
    with pytest.raises(CommandError, match="VERSION/NUMBER"):
        run("actions", "list", "--point", "4")
