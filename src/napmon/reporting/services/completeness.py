"""Who has reported for which month: one state per body and month, and its timeliness.

One rule, one place: the rates page, the completeness matrix, the public
reporting-status page, the cockpit and the role pages all read the state of a
body's report for a month from ``cell_state``. A report is never called late
before its period's deadline has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from napmon.reporting.models import Assignment, Period, Report, ReportingBody

# The states a cell of the matrix can take, in the order of the legend.
NOT_OPENED = "not_opened"
NOT_YET_DUE = "not_yet_due"
DUE = "due"
LATE = "late"
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"

STATE_LABELS = {
    NOT_OPENED: _("no period opened"),
    NOT_YET_DUE: _("not yet due"),
    DUE: _("due"),
    LATE: _("late, not started"),
    DRAFT: _("draft"),
    SUBMITTED: _("submitted"),
    RETURNED: _("returned"),
    APPROVED: _("approved"),
}

# Timeliness of a body's first submission for a month.
ON_TIME = "on_time"
SUBMITTED_LATE = "submitted_late"
OVERDUE = "overdue"
PENDING = "pending"

TIMELINESS_LABELS = {
    ON_TIME: _("on time"),
    SUBMITTED_LATE: _("submitted late"),
    OVERDUE: _("overdue"),
    PENDING: _("deadline not passed"),
}


@dataclass
class Cell:
    """The state of one body's report for one month."""

    body: ReportingBody
    month: date
    period: Period | None
    state: str
    timeliness: str | None
    report: Report | None = None
    first_submitted_at: object = None
    days_late: int | None = None

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def timeliness_label(self):
        return TIMELINESS_LABELS.get(self.timeliness, "")

    @property
    def is_late(self) -> bool:
        return self.timeliness in (OVERDUE, SUBMITTED_LATE)


@dataclass
class Matrix:
    months: list[date]
    rows: list[tuple[ReportingBody, list[Cell]]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATE_LABELS, 0)
        for _body, cells in self.rows:
            for cell in cells:
                counts[cell.state] += 1
        return counts

    def legend(self) -> list[tuple[str, str, int]]:
        """(state, label, number of cells) in the legend's order."""
        counts = self.counts()
        return [(key, label, counts[key]) for key, label in STATE_LABELS.items()]


def public_status_enabled() -> bool:
    """Whether anonymous visitors may see the reporting-status page (default: yes)."""
    return bool(getattr(settings, "NAPMON_REPORTING_STATUS_PUBLIC", True))


def month_range(start: date, end: date) -> list[date]:
    """First days of the months from ``start`` to ``end`` inclusive."""
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def last_months(n: int = 12, today: date | None = None) -> list[date]:
    """The ``n`` months up to and including the current one, oldest first."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    year, month = first.year, first.month - (n - 1)
    while month < 1:
        month += 12
        year -= 1
    return month_range(date(year, month, 1), first)


def cell_state(body, month: date, period: Period | None, reports: list[Report], today: date):
    """The ``Cell`` of ``body`` for ``month`` given the revisions of its report."""
    if period is None:
        return Cell(body, month, None, NOT_OPENED, None)
    current = max(reports, key=lambda r: r.revision, default=None)
    first = min((r.first_submitted_at for r in reports if r.first_submitted_at), default=None)
    past_deadline = today > period.deadline
    if first is not None:
        on_time = timezone.localtime(first).date() <= period.deadline
        timeliness = ON_TIME if on_time else SUBMITTED_LATE
    else:
        timeliness = OVERDUE if past_deadline else PENDING
    days_late = (today - period.deadline).days if timeliness == OVERDUE else None
    if current is None:
        if past_deadline:
            state = LATE
        elif today > period.end:
            state = DUE
        else:
            state = NOT_YET_DUE
    elif current.state == Report.State.SUPERSEDED:
        state = APPROVED
    else:
        state = current.state
    return Cell(body, month, period, state, timeliness, current, first, days_late)


def expected_bodies(bodies=None) -> list[ReportingBody]:
    """Active bodies with at least one active assignment: they owe a monthly report."""
    ids = Assignment.objects.filter(active=True, body__active=True).values("body_id")
    queryset = ReportingBody.objects.filter(pk__in=ids).order_by("name")
    if bodies is not None:
        queryset = queryset.filter(pk__in=[b.pk for b in bodies])
    return list(queryset)


def completeness_matrix(
    months: list[date],
    *,
    bodies=None,
    states: set[str] | None = None,
    include_demo: bool = True,
    today: date | None = None,
) -> Matrix:
    """Bodies by ``months``: each cell's state and timeliness.

    ``bodies`` limits the rows; ``states`` keeps only the rows having at least
    one cell in one of these states. Reads three queries whatever the size.
    """
    today = today or timezone.localdate()
    periods = {p.month: p for p in Period.objects.filter(month__in=months)}
    reports = Report.objects.filter(period__month__in=months).select_related("period")
    if not include_demo:
        reports = reports.filter(is_demo=False)
    by_key: dict[tuple[int, date], list[Report]] = {}
    for report in reports:
        by_key.setdefault((report.body_id, report.period.month), []).append(report)
    matrix = Matrix(months=list(months))
    for body in expected_bodies(bodies):
        cells = [
            cell_state(body, m, periods.get(m), by_key.get((body.pk, m), []), today) for m in months
        ]
        if states and not any(c.state in states for c in cells):
            continue
        matrix.rows.append((body, cells))
    return matrix


def body_cells(body, *, today: date | None = None) -> list[Cell]:
    """Every opened month's cell for ``body``, newest first (for the reporter's page)."""
    today = today or timezone.localdate()
    reports = Report.objects.filter(body=body).select_related("period")
    by_month: dict[date, list[Report]] = {}
    for report in reports:
        by_month.setdefault(report.period.month, []).append(report)
    return [
        cell_state(body, p.month, p, by_month.get(p.month, []), today)
        for p in Period.objects.order_by("-month")
    ]
