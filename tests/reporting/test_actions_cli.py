"""`napmon actions` and `napmon funding` from the command line."""

import io
import json
import re

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
    assert out.strip() == f"Saved milestone {milestone.pk}, due 2030-03-31, row version 2."
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
    assert out.strip() == f"Saved funding figure {figure.pk}, row version 2."
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


# --- --expected-version: the service's one stale-save check, from the command line ----------


def _action_with_milestone():
    run("actions", "add", "--point", "2021/4", "--body", "sindh", "--title", "Digitise FIRs")
    action = Action.objects.get(title="Digitise FIRs")
    run("actions", "milestone", str(action.pk), "--title", "Pilot", "--due", "2020-01-31")
    return action, action.milestones.get()


def _audit_count() -> int:
    return AuditEntry.objects.count()


def _stale(args, record, what: str, pk: int):
    """Run ``args`` with a stale ``--expected-version 1`` (the record is at version 2)."""
    before = _audit_count()
    with pytest.raises(CommandError) as caught:
        run(*args, "--expected-version", "1")
    message = str(caught.value)
    assert caught.value.returncode == 1
    assert f"Someone else changed this {what} while you were looking at it." in message
    assert "Reload the page and check it again." in message
    assert f"{what.capitalize()} {pk}: you read version 1, it is now version 2." in message
    assert message.endswith("[conflict]")
    assert _audit_count() == before
    record.refresh_from_db()
    return record


def test_stale_expected_version_refuses_milestone_edits_changing_nothing(db):
    _action, milestone = _action_with_milestone()
    out = run("actions", "milestone-update", str(milestone.pk), "--note", "first")
    assert out.strip() == f"Saved milestone {milestone.pk}, due 2020-01-31, row version 2."
    for args in (
        ("actions", "milestone-update", str(milestone.pk), "--title", "Stale title"),
        ("actions", "complete", str(milestone.pk), "--on", "2020-02-10"),
    ):
        milestone = _stale(args, milestone, "milestone", milestone.pk)
        assert (milestone.title, milestone.done_on, milestone.version) == ("Pilot", None, 2)
    out = run(
        "actions",
        "complete",
        str(milestone.pk),
        "--on",
        "2020-02-10",
        "--expected-version",
        "2",
    )
    assert out.strip() == f"Milestone {milestone.pk} done on 2020-02-10, row version 3."
    milestone.refresh_from_db()
    assert (str(milestone.done_on), milestone.version) == ("2020-02-10", 3)
    assert AuditEntry.objects.filter(action="reporting.milestone.completed").count() == 1


def test_right_expected_version_saves_a_milestone_and_bumps_it(db):
    action, milestone = _action_with_milestone()
    data = json.loads(
        run(
            "actions",
            "milestone-update",
            str(milestone.pk),
            "--due",
            "2030-03-31",
            "--expected-version",
            "1",
            "--json",
        )
    )
    assert data["id"] == action.pk
    assert [(m["due_date"], m["row_version"]) for m in data["milestones"]] == [("2030-03-31", 2)]
    milestone.refresh_from_db()
    assert (str(milestone.due_date), milestone.version) == ("2030-03-31", 2)
    entry = AuditEntry.objects.get(action="reporting.milestone.changed")
    assert entry.changes["due_date"] == ["2020-01-31", "2030-03-31"]


def test_stale_expected_version_refuses_an_action_update(db):
    action, _milestone = _action_with_milestone()
    out = run("actions", "update", str(action.pk), "--status", "in_progress")
    assert out.strip() == f"Saved action {action.pk} (in progress), row version 2."
    action = _stale(
        ("actions", "update", str(action.pk), "--status", "done", "--percent", "100"),
        action,
        "action",
        action.pk,
    )
    assert (action.status, action.percent_done, action.version) == ("in_progress", None, 2)
    data = json.loads(
        run(
            "actions",
            "update",
            str(action.pk),
            "--percent",
            "40",
            "--expected-version",
            "2",
            "--json",
        )
    )
    assert (data["percent_done"], data["row_version"]) == (40, 3)


def test_without_expected_version_saves_as_before(db):
    action, milestone = _action_with_milestone()
    run("actions", "milestone-update", str(milestone.pk), "--title", "One")
    run("actions", "milestone-update", str(milestone.pk), "--title", "Two")
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Two", 3)
    run("actions", "update", str(action.pk), "--percent", "10")
    run("actions", "update", str(action.pk), "--percent", "20")
    action.refresh_from_db()
    assert (action.percent_done, action.version) == (20, 3)
    figure = Funding.objects.get(point__version__label="2021", point__number=1)
    run("funding", "update", str(figure.pk), "--note", "one")
    run("funding", "update", str(figure.pk), "--note", "two")
    figure.refresh_from_db()
    assert (figure.note, figure.version) == ("two", 3)


def test_list_and_show_give_the_row_version_the_json_and_api_give(db):
    action, milestone = _action_with_milestone()
    run("actions", "milestone-update", str(milestone.pk), "--note", "moved")
    table = run("actions", "list", "--body", "sindh")
    assert table.splitlines()[0].endswith("row version")
    assert table.splitlines()[2].split()[-1] == "1"  # the action itself was not changed
    shown = run("actions", "show", str(action.pk))
    assert "row version 1" in shown
    assert re.search(rf"^ *{milestone.pk} +Pilot +2020-01-31 +- +2$", shown, re.M)
    data = json.loads(run("actions", "show", str(action.pk), "--json"))
    assert data == json.loads(run("actions", "list", "--body", "sindh", "--json"))[0]
    assert (data["row_version"], data["milestones"][0]["row_version"]) == (1, 2)
    funding = run("funding", "list", "--point", "2021/1")
    assert funding.splitlines()[0].endswith("row version")
    assert funding.splitlines()[2].split()[-1] == "1"


def test_stale_expected_version_refuses_funding_update_and_remove(db):
    figure = Funding.objects.get(point__version__label="2021", point__number=1)
    out = run("funding", "update", str(figure.pk), "--note", "first")
    assert out.strip() == f"Saved funding figure {figure.pk}, row version 2."
    for args in (
        ("funding", "update", str(figure.pk), "--amount", "1"),
        ("funding", "remove", str(figure.pk)),
    ):
        figure = _stale(args, figure, "funding figure", figure.pk)
        assert (int(figure.amount), figure.note, figure.version) == (60_000_000_000, "first", 2)
    data = json.loads(
        run(
            "funding",
            "update",
            str(figure.pk),
            "--amount",
            "65,000,000,000",
            "--expected-version",
            "2",
            "--json",
        )
    )
    assert (data["amount"], data["row_version"]) == (65_000_000_000, 3)
    assert AuditEntry.objects.filter(action="reporting.funding.changed").count() == 2
    run("funding", "remove", str(figure.pk), "--expected-version", "3")
    assert not Funding.objects.filter(pk=figure.pk).exists()
    assert AuditEntry.objects.filter(action="reporting.funding.removed").count() == 1
