"""Fixtures of the API tests: users, tokens, a restricted value, a clean rate-limit cache."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache

from napmon.api.services.tokens import create_token
from napmon.indicators.models import Indicator, IndicatorValue, Source, Visibility

SECRET_FIGURE = "424242"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


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
