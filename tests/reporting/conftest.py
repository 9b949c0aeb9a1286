"""Fixtures of the reporting tests: one user per role, two bodies on point 2021/4, a period."""

import pytest

from napmon.core import roles
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import IndicatorRule, ReportingBody

from .helpers import make_user


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Argon2 is deliberately slow; the tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def punjab(db):
    return ReportingBody.objects.get(slug="punjab")


@pytest.fixture
def kp(db):
    return ReportingBody.objects.get(slug="khyber-pakhtunkhwa")


@pytest.fixture
def point4(db):
    return Point.objects.get(version__label="2021", number=4)


@pytest.fixture
def users(db, punjab, kp):
    return {
        "admin": make_user("admin1", roles.ADMIN, is_staff=True),
        "coordinator": make_user("coord", roles.COORDINATOR),
        "reviewer": make_user("rev", roles.REVIEWER),
        "reviewer2": make_user("rev2", roles.REVIEWER),
        "analyst": make_user("ana", roles.ANALYST),
        "punjab": make_user("rep-pb", roles.REPORTER, punjab),
        "kp": make_user("rep-kp", roles.REPORTER, kp),
    }


@pytest.fixture
def assigned(users, punjab, kp, point4):
    services.assign_point(punjab, point4, actor=users["coordinator"])
    services.assign_point(kp, point4, actor=users["coordinator"])
    return point4


@pytest.fixture
def period(users, assigned):
    return services.open_period("2025-03", actor=users["coordinator"])


@pytest.fixture
def report(period, punjab, users):
    return services.create_report(punjab, period, actor=users["punjab"])


@pytest.fixture
def rule(db):
    from napmon.indicators.models import Indicator

    return IndicatorRule.objects.create(
        indicator=Indicator.objects.get(slug="accounts-blocked"),
        minimum=0,
        maximum=100000,
        whole_number=True,
        max_change_pct=400,
        soft_change_pct=50,
    )
