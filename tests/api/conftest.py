"""Fixtures of the API tests: users, tokens, a restricted value, a reporting cycle, events."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission, User

from napmon.analysis.services import refresh_summaries
from napmon.api.services.tokens import create_token
from napmon.core import roles
from napmon.events.models import AdminUnit, Dataset, Event, ImportBatch
from napmon.indicators.models import Indicator, IndicatorValue, Source, Visibility
from napmon.plans.models import Point
from napmon.reporting import services as reporting
from napmon.reporting.models import BodyMembership, ReportingBody

SECRET_FIGURE = "424242"


@pytest.fixture
def reader(db):
    return User.objects.create_user("reader", password="pw-reader-123")


@pytest.fixture
def analyst(db):
    user = User.objects.create_user("analyst", password="pw-analyst-123")
    user.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    return User.objects.get(pk=user.pk)  # fresh instance: no stale permission cache


@pytest.fixture
def token_for():
    def make(user, scope="read"):
        _token, secret = create_token(user, f"{scope} token", scope)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


@pytest.fixture
def restricted_value(db):
    """A restricted figure (424,242) on the public Schedule IV indicator, and a restricted
    indicator with a value of its own."""
    schedule = Indicator.objects.get(slug="schedule-iv-listed")
    source = Source.objects.get(key="nacta-via-article")
    value = IndicatorValue.objects.create(
        indicator=schedule,
        value=Decimal(SECRET_FIGURE),
        precision="year",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        period_label="2023",
        source=source,
        note="restricted test figure",
        visibility=Visibility.RESTRICTED,
    )
    hidden = Indicator.objects.create(
        plan=schedule.plan,
        point=schedule.point,
        slug="hidden-indicator",
        name="Hidden indicator",
        unit="count",
        visibility=Visibility.RESTRICTED,
    )
    IndicatorValue.objects.create(
        indicator=hidden,
        value=Decimal("515151"),
        precision="year",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        period_label="2024",
        source=source,
    )
    return value


def member(username, role, body=None):
    """A user in a role group (and a body's reporter); no password: tokens or force_login."""
    user = User.objects.create_user(username)
    user.groups.add(Group.objects.get(name=role))
    if body is not None:
        BodyMembership.objects.create(user=user, body=body)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def cycle(db):
    """Punjab and KP report on point 2021/4; period 2025-03 is open; Punjab started its report."""
    punjab = ReportingBody.objects.get(slug="punjab")
    kp = ReportingBody.objects.get(slug="khyber-pakhtunkhwa")
    point = Point.objects.get(version__label="2021", number=4)
    users = {
        "coordinator": member("coord", roles.COORDINATOR),
        "reviewer": member("rev", roles.REVIEWER),
        "analyst": member("ana", roles.ANALYST),
        "punjab": member("rep-pb", roles.REPORTER, punjab),
        "kp": member("rep-kp", roles.REPORTER, kp),
    }
    reporting.assign_point(punjab, point, actor=users["coordinator"])
    reporting.assign_point(kp, point, actor=users["coordinator"])
    period = reporting.open_period("2025-03", actor=users["coordinator"])
    report = reporting.create_report(punjab, period, actor=users["punjab"])
    return {
        "punjab": punjab,
        "kp": kp,
        "point": point,
        "users": users,
        "period": period,
        "report": report,
    }


@pytest.fixture
def events(db):
    """``events(dataset, [(date, province code, killed, injured), ...])``: imported events.

    Datasets are aggregate-only (as GTD and ACLED) unless ``tier`` says otherwise.
    """

    def make(name, rows, tier="aggregate"):
        dataset, _ = Dataset.objects.get_or_create(
            name=name, defaults={"format": "test", "licence_tier": tier}
        )
        batch = ImportBatch.objects.create(
            dataset=dataset,
            format="test",
            file_name="t.csv",
            sha256="0" * 64,
            created_by_label="test",
        )
        units = dict(AdminUnit.objects.values_list("code", "pk"))
        start = Event.objects.filter(dataset=dataset).count()
        Event.objects.bulk_create(
            Event(
                dataset=dataset,
                batch=batch,
                key=f"e{start + i}",
                row_hash="x",
                date=day,
                date_precision="day",
                country="Pakistan",
                province_id=units.get(code) if code else None,
                killed=killed,
                injured=injured,
                event_type="bombing",
            )
            for i, (day, code, killed, injured) in enumerate(rows)
        )
        refresh_summaries([dataset.pk])
        return dataset

    return make
