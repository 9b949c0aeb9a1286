"""Opening, reopening and locking monthly reporting periods."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import snapshot
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Period
from napmon.reporting.services._common import audit, require, send_after_commit

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def deadline_day() -> int:
    return int(getattr(settings, "NAPMON_REPORTING_DEADLINE_DAY", 10))


def lock_after_days() -> int:
    return int(getattr(settings, "NAPMON_REPORTING_LOCK_DAYS", 30))


def parse_month(text: str) -> date:
    """``"2025-03"`` → 2025-03-01; raises ``ReportingError('invalid_month')``."""
    match = _MONTH.match(str(text).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ReportingError(
            _("%(text)s is not a month; write it as YYYY-MM, e.g. 2025-03.") % {"text": text},
            code="invalid_month",
            field="month",
        )
    return date(int(match[1]), int(match[2]), 1)


def default_deadline(month: date) -> date:
    """The given day (default the 10th) of the month after ``month``."""
    year, nxt = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return date(year, nxt, deadline_day())


def _locks_on(deadline: date, today: date) -> date:
    # A period opened late (a back-filled month) still gets its full window.
    return max(deadline, today) + timedelta(days=lock_after_days())


def get_period(label: str) -> Period:
    """The period ``YYYY-MM``; raises ``ReportingError('not_found')``."""
    period = Period.objects.filter(month=parse_month(label)).first()
    if period is None:
        raise ReportingError(
            _("No reporting period %(label)s has been opened.") % {"label": label},
            code="not_found",
            field="period",
        )
    return period


def open_period(month: str | date, *, actor=None, deadline: date | None = None) -> Period:
    """Open the reporting period for ``month`` (``YYYY-MM``).

    Raises ``ReportingError`` ``permission_denied``, ``invalid_month`` or
    ``already_open`` (the period exists; reopen it instead).
    """
    require(actor, roles.MANAGE_PERIODS)
    first = parse_month(month) if isinstance(month, str) else month.replace(day=1)
    with transaction.atomic():
        if Period.objects.filter(month=first).exists():
            raise ReportingError(
                _("The period %(label)s is already open or was locked; reopen it instead.")
                % {"label": f"{first:%Y-%m}"},
                code="already_open",
                field="month",
            )
        deadline = deadline or default_deadline(first)
        period = Period.objects.create(
            month=first,
            deadline=deadline,
            locks_on=_locks_on(deadline, timezone.localdate()),
            opened_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit("reporting.period.opened", period, actor, {"new": snapshot(period)})
        send_after_commit(signals.period_opened, Period, instance=period, actor=actor)
    return period


def reopen_period(period: Period, *, actor=None) -> Period:
    """Reopen a locked period for another lock window; raises ``invalid_state`` if open."""
    require(actor, roles.MANAGE_PERIODS)
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        if period.is_open:
            raise ReportingError(
                _("The period %(label)s is open already.") % {"label": period.label},
                code="invalid_state",
            )
        old = snapshot(period, ["state", "locks_on"])
        period.state = Period.State.OPEN
        period.locks_on = timezone.localdate() + timedelta(days=lock_after_days())
        period.save(update_fields=["state", "locks_on"])
        audit(
            "reporting.period.reopened",
            period,
            actor,
            {"old": old, "new": snapshot(period, ["state", "locks_on"])},
        )
        send_after_commit(signals.period_opened, Period, instance=period, actor=actor)
    return period


def lock_due_periods(*, today: date | None = None, actor=None) -> list[Period]:
    """Lock every open period whose lock day has passed; returns the periods locked."""
    require(actor, roles.MANAGE_PERIODS)
    today = today or timezone.localdate()
    locked = []
    with transaction.atomic():
        for period in Period.objects.select_for_update().filter(
            state=Period.State.OPEN, locks_on__lt=today
        ):
            period.state = Period.State.LOCKED
            period.save(update_fields=["state"])
            audit("reporting.period.locked", period, actor, {"state": ["open", "locked"]})
            send_after_commit(signals.period_locked, Period, instance=period, actor=actor)
            locked.append(period)
    return locked


def open_due_periods(*, today: date | None = None, actor=None) -> dict:
    """For cron: open the current month's period if missing and lock expired ones."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    opened = None
    if not Period.objects.filter(month=month).exists():
        opened = open_period(month, actor=actor)
    return {"opened": opened, "locked": lock_due_periods(today=today, actor=actor)}
