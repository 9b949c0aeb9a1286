"""Demo users and a few months of example reports, all flagged ``is_demo``.

Demo reports never enter sourced figures or review ratings: the review services
select non-demo reports only, and every page labels them "demo data".
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from napmon.core import roles
from napmon.core.config import env
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import BodyMembership, Period, Report, ReportingBody

USERS = (
    ("coordinator", roles.COORDINATOR, None),
    ("reviewer", roles.REVIEWER, None),
    ("analyst", roles.ANALYST, None),
    ("reporter-punjab", roles.REPORTER, "punjab"),
    ("reporter-kp", roles.REPORTER, "khyber-pakhtunkhwa"),
)
ASSIGNMENTS = {
    "punjab": [("2021", 4), ("2021", 9)],
    "khyber-pakhtunkhwa": [("2021", 1), ("2021", 4)],
}
MONTHS = 3


def _users(password: str) -> dict:
    users = {}
    for username, role, body_slug in USERS:
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        if body_slug:
            BodyMembership.objects.update_or_create(
                user=user, defaults={"body": ReportingBody.objects.get(slug=body_slug)}
            )
        users[username] = get_user_model().objects.get(pk=user.pk)
    return users


def _months(today: date) -> list[date]:
    months, month = [], today.replace(day=1)
    for _i in range(MONTHS):
        month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
        months.append(month)
    return sorted(months)


def _fill(report: Report, step: int) -> dict:
    data = {}
    for entry in report.entries.select_related("point"):
        data[f"progress-{entry.pk}"] = (
            f"Demo: progress on {entry.point.short_title}, month {step + 1}."
        )
        data[f"activities-{entry.pk}"] = "Demo: coordination meetings and field visits."
        for i, rv in enumerate(entry.values.all()):
            data[rv.field_name] = Decimal(100 + 10 * i + 5 * step)
    return data


def _report(body, period, step, last, users):
    reporter = users["reporter-punjab" if body.slug == "punjab" else "reporter-kp"]
    if Report.objects.filter(body=body, period=period).exists() or not period.is_open:
        return
    report = services.create_report(body, period, actor=reporter, is_demo=True)
    services.save_report(report, _fill(report, step), actor=reporter)
    if last and body.slug != "punjab":
        return  # one draft left for the demo
    report.refresh_from_db()
    services.submit_report(report, actor=reporter)
    if not last:
        report.refresh_from_db()
        services.approve_report(report, "Demo approval.", actor=users["reviewer"])


def create_demo(password: str | None = None) -> dict:
    """Create the demo users, assignments, periods and reports (idempotent).

    Returns ``{"users": [...], "password": ..., "generated": bool}``. The password
    comes from ``NAPMON_DEMO_PASSWORD`` unless given; otherwise one is generated.
    """
    password = password or env("NAPMON_DEMO_PASSWORD")
    generated = not password
    password = password or secrets.token_urlsafe(9)
    services.seed_reference_data()
    with transaction.atomic():
        users = _users(password)
        for slug, points in ASSIGNMENTS.items():
            body = ReportingBody.objects.get(slug=slug)
            for label, number in points:
                point = Point.objects.get(version__label=label, number=number)
                services.assign_point(body, point)
        months = _months(timezone.localdate())
        for month in months:
            if not Period.objects.filter(month=month).exists():
                services.open_period(month)
        for step, month in enumerate(months):
            period = Period.objects.get(month=month)
            for slug in ASSIGNMENTS:
                body = ReportingBody.objects.get(slug=slug)
                _report(body, period, step, step == len(months) - 1, users)
    return {"users": [u for u, _r, _b in USERS], "password": password, "generated": generated}
