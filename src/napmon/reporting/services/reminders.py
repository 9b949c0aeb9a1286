"""Notices for due, late and overdue reports, and the e-mail digest of pending notices.

``write_due_notices`` is run by cron (``napmon reporting due-notices``) and may run
as often as one likes: each notice has a key (``late:<body>:<period>``) and a user
receives a key once. ``send_digest`` (``napmon reporting digest``) sends each user
one e-mail listing their unread notices that have not been e-mailed yet.

Stages of a body's unsubmitted report for a period (see docs/roles-and-pages.md):

- *due*: the deadline is today or within ``NAPMON_REMINDER_DAYS`` days; to the
  body's reporters;
- *late*: the deadline has passed and the period is still open for reports; to
  the body's reporters and to the coordinators;
- *overdue*: the period's lock day has passed too; to the reporters and the
  coordinators.

Only the furthest stage is written, so a first run after a long pause does not
send "due" for a report that is already overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from napmon.core import roles
from napmon.reporting.models import Notice, Period
from napmon.reporting.services._common import audit, require
from napmon.reporting.services.rates import reporting_rates

DUE, LATE, OVERDUE = "due", "late", "overdue"
# Periods that locked longer ago than this are not looked at any more.
LOOKBACK_DAYS = 31


def reminder_days() -> int:
    return int(getattr(settings, "NAPMON_REMINDER_DAYS", 3))


def stage(period: Period, today: date, soon_days: int) -> str | None:
    """The stage of an unsubmitted report of ``period`` on ``today``, or ``None``."""
    days_left = (period.deadline - today).days
    if days_left >= 0:
        return DUE if days_left <= soon_days else None
    return OVERDUE if today > period.locks_on else LATE


def _text(kind: str, body, period: Period, today: date) -> str:
    values = {
        "body": body.name,
        "period": period.label,
        "deadline": period.deadline.isoformat(),
        "locks": period.locks_on.isoformat(),
    }
    if kind == DUE:
        days = (period.deadline - today).days
        if days == 0:
            return _("The report of %(body)s for %(period)s is due today, %(deadline)s.") % values
        return ngettext(
            "The report of %(body)s for %(period)s is due in %(days)d day, on %(deadline)s.",
            "The report of %(body)s for %(period)s is due in %(days)d days, on %(deadline)s.",
            days,
        ) % {**values, "days": days}
    if kind == LATE:
        return (
            _("The report of %(body)s for %(period)s is late: the deadline was %(deadline)s.")
            % values
        )
    return (
        _(
            "The report of %(body)s for %(period)s is overdue: the deadline was %(deadline)s "
            "and the period locked after %(locks)s."
        )
        % values
    )


def _coordinators():
    return list(
        get_user_model().objects.filter(is_active=True, groups__name=roles.COORDINATOR).distinct()
    )


def _recipients(kind: str, body, coordinators) -> list:
    users = [m.user for m in body.members.select_related("user") if m.user.is_active]
    if kind in (LATE, OVERDUE):
        users += [u for u in coordinators if u.pk not in {r.pk for r in users}]
    return users


def _candidates(today: date, soon_days: int):
    """(kind, body, period, report) for every unsubmitted report at some stage."""
    since = today - timedelta(days=LOOKBACK_DAYS)
    for period in Period.objects.filter(locks_on__gte=since).order_by("month"):
        kind = stage(period, today, soon_days)
        if kind is None:
            continue
        for row in reporting_rates(period, today=today)["bodies"]:
            if not row["submitted"]:
                yield kind, row["body"], period, row["report"]


def write_due_notices(*, today: date | None = None, soon_days: int | None = None, actor=None):
    """Write the due, late and overdue notices that are missing; return counts by kind.

    Idempotent: running it twice on the same day writes nothing the second time.
    Raises ``ReportingError('permission_denied')`` for a user without ``send_reminders``.
    """
    require(actor, roles.REMIND)
    today = today or timezone.localdate()
    soon_days = reminder_days() if soon_days is None else soon_days
    counts = dict.fromkeys((DUE, LATE, OVERDUE), 0)
    coordinators = _coordinators()
    with transaction.atomic():
        for kind, body, period, report in _candidates(today, soon_days):
            key = f"{kind}:{body.pk}:{period.pk}"
            users = _recipients(kind, body, coordinators)
            have = set(
                Notice.objects.filter(key=key, user__in=users).values_list("user_id", flat=True)
            )
            text = _text(kind, body, period, today)[:300]
            new = [
                Notice(user=u, kind=kind, key=key, text=text, report=report)
                for u in users
                if u.pk not in have
            ]
            Notice.objects.bulk_create(new)
            counts[kind] += len(new)
        if any(counts.values()):
            audit("reporting.notices.written", None, actor, {**counts, "day": today.isoformat()})
    return counts


def _digest_text(user, notices: list[Notice]) -> tuple[str, str]:
    by_kind: dict[str, int] = {}
    for notice in notices:
        by_kind[notice.kind] = by_kind.get(notice.kind, 0) + 1
    subject = ngettext(
        "NAP Monitor: %(count)d notice waiting for you",
        "NAP Monitor: %(count)d notices waiting for you",
        len(notices),
    ) % {"count": len(notices)}
    summary = ", ".join(f"{kind}: {count}" for kind, count in sorted(by_kind.items()))
    lines = [
        _("Hello %(name)s,") % {"name": user.get_full_name() or user.get_username()},
        "",
        _("You have %(count)d unread notices (%(summary)s):")
        % {"count": len(notices), "summary": summary},
        "",
    ]
    lines += [f"- {n.created_at:%Y-%m-%d} [{n.kind}] {n.text}" for n in notices]
    lines += ["", _("Read them on your notices page: /reporting/notices/")]
    return subject, "\n".join(lines)


def send_digest(*, actor=None) -> dict:
    """E-mail each user with an address one summary of their unread, not yet e-mailed notices.

    Marks the notices e-mailed, so the next digest lists only newer ones. Returns
    ``{"emails": n, "notices": m}``. Uses Django's e-mail backend
    (``NAPMON_EMAIL_BACKEND``). Raises ``ReportingError('permission_denied')``.
    """
    require(actor, roles.REMIND)
    pending = (
        Notice.objects.filter(read_at=None, emailed_at=None)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notice]] = {}
    for notice in pending:
        by_user.setdefault(notice.user_id, []).append(notice)
    emails = sent_notices = 0
    for notices in by_user.values():
        user = notices[0].user
        subject, body = _digest_text(user, notices)
        with transaction.atomic():
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
            audit("reporting.digest.sent", user, actor, {"notices": len(notices)})
        emails += 1
        sent_notices += len(notices)
    return {"emails": emails, "notices": sent_notices}
