"""Helpers shared by the reporting tests (users, form data): ``from .helpers import``."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from napmon.reporting.models import BodyMembership


def fill(report, value=100, progress="Accounts reviewed with the State Bank.", explanation=""):
    """Form data filling every entry and value of ``report``."""
    data = {}
    for entry in report.entries.all():
        data[f"progress-{entry.pk}"] = progress
        for rv in entry.values.all():
            data[rv.field_name] = None if value is None else Decimal(value)
            data[rv.explanation_field_name] = explanation
    return data


def value_field(report, slug):
    rv = report.entries.get().values.get(indicator__slug=slug)
    return rv.field_name


PASSWORD = "correct horse battery staple"


def make_user(username, role=None, body=None, **extra):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=body)
    return get_user_model().objects.get(pk=user.pk)
