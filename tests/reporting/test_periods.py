"""Opening, reopening and locking periods, by service and by `napmon reporting`."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Period

pytestmark = pytest.mark.django_db


def test_open_period_sets_default_deadline_and_audits(users):
    period = services.open_period("2025-12", actor=users["coordinator"])
    assert period.deadline == date(2026, 1, 10)
    assert period.is_open and period.locks_on > period.deadline
    entry = AuditEntry.objects.filter(action="reporting.period.opened").first()
    assert entry.actor_label == "coord" and entry.object_repr == "2025-12"


def test_only_the_coordinator_opens_periods(users):
    with pytest.raises(ReportingError) as err:
        services.open_period("2025-12", actor=users["punjab"])
    assert err.value.code == "permission_denied"
    assert not Period.objects.exists()


def test_opening_twice_and_bad_month_are_refused(users):
    services.open_period("2025-04", actor=users["coordinator"])
    with pytest.raises(ReportingError) as err:
        services.open_period("2025-04", actor=users["coordinator"])
    assert err.value.code == "already_open"
    with pytest.raises(ReportingError) as err:
        services.open_period("2025-13", actor=users["coordinator"])
    assert err.value.code == "invalid_month" and err.value.field == "month"


def test_lock_due_periods_then_reopen(users):
    period = services.open_period("2025-04", actor=users["coordinator"])
    assert services.lock_due_periods(today=period.locks_on) == []
    locked = services.lock_due_periods(today=period.locks_on + timedelta(days=1))
    assert [p.label for p in locked] == ["2025-04"]
    period.refresh_from_db()
    assert period.state == "locked"
    services.reopen_period(period, actor=users["coordinator"])
    period.refresh_from_db()
    assert period.is_open
    actions = list(
        AuditEntry.objects.filter(object_type="reporting.period").values_list("action", flat=True)
    )
    assert actions == [
        "reporting.period.reopened",
        "reporting.period.locked",
        "reporting.period.opened",
    ]


def test_locked_period_refuses_new_reports(users, period, punjab):
    services.lock_due_periods(today=period.locks_on + timedelta(days=1))
    period.refresh_from_db()
    with pytest.raises(ReportingError) as err:
        services.create_report(punjab, period, actor=users["punjab"])
    assert err.value.code == "period_locked"


def test_cli_open_period_and_open_due_periods(capsys):
    call_command("reporting", "open-period", "2024-11")
    assert "Opened 2024-11: deadline 2024-12-10" in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"invalid_month"):
        call_command("reporting", "open-period", "2024-1")
    call_command("reporting", "open-due-periods")
    out = capsys.readouterr().out
    assert "Opened" in out
    assert Period.objects.count() == 2
    call_command("reporting", "open-due-periods")
    assert "No period to open." in capsys.readouterr().out
