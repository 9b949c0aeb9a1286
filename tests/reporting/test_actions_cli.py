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


def test_milestone_update_changes_title_and_due_date_audited(db):
    run("actions", "add", "--point", "2021/4", "--body", "sindh", "--title", "Digitise FIRs")
    action = Action.objects.get(title="Digitise FIRs")
    run("actions", "milestone", str(action.pk), "--title", "Pilot", "--due", "2020-01-31")
    milestone = action.milestones.get()
    out = run(
        "actions",
        "milestone-update",
        str(milestone.pk),
        "--title",
        "Pilot district",
        "--due",
        "2030-03-31",
    )
    assert out.strip() == f"Saved milestone {milestone.pk}, due 2030-03-31."
    milestone.refresh_from_db()
    assert (milestone.title, str(milestone.due_date)) == ("Pilot district", "2030-03-31")
    entry = AuditEntry.objects.get(action="reporting.milestone.changed")
    assert entry.changes["due_date"] == ["2020-01-31", "2030-03-31"]
    with pytest.raises(CommandError, match="--title, --due or --note"):
        run("actions", "milestone-update", str(milestone.pk))
    with pytest.raises(CommandError, match="No milestone 999999"):
        run("actions", "milestone-update", "999999", "--title", "x")
    with pytest.raises(CommandError, match="not a date"):
        run("actions", "milestone-update", str(milestone.pk), "--due", "31/03/2030")


def test_funding_update_changes_a_figure_audited(db):
    figure = Funding.objects.get(point__version__label="2021", point__number=1)
    out = run("funding", "update", str(figure.pk), "--amount", "65,000,000,000", "--body", "punjab")
    assert out.strip() == f"Saved funding figure {figure.pk}."
    figure.refresh_from_db()
    assert (int(figure.amount), figure.body.slug) == (65_000_000_000, "punjab")
    entry = AuditEntry.objects.get(action="reporting.funding.changed")
    assert entry.actor_label == "system"
    assert entry.changes["amount"] == ["60000000000", "65000000000"]
    run("funding", "update", str(figure.pk), "--no-body")
    figure.refresh_from_db()
    assert figure.body is None
    with pytest.raises(CommandError, match="Give what to change"):
        run("funding", "update", str(figure.pk))
    with pytest.raises(CommandError, match="validation"):
        run("funding", "update", str(figure.pk), "--currency", "rupees")
