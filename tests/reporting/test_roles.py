"""Role groups and their permissions, seeded idempotently."""

import pytest
from django.contrib.auth.models import Group

from napmon.core import roles
from napmon.reporting.models import ReportingBody
from napmon.reporting.services import seed_reference_data

pytestmark = pytest.mark.django_db


def test_seeding_twice_changes_nothing():
    seed_reference_data()
    seed_reference_data()
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    assert ReportingBody.objects.count() == 8
    assert ReportingBody.objects.get(slug="gilgit-baltistan").kind == "territorial"
    assert ReportingBody.objects.get(slug="ministry-of-interior").kind == "federal"
    assert not ReportingBody.objects.filter(assignments__isnull=False).exists()


def test_group_permissions(users):
    assert users["analyst"].has_perm("indicators.view_restricted")
    assert not users["analyst"].has_perm(roles.REVIEW)
    assert users["reviewer"].has_perm(roles.REVIEW)
    assert users["coordinator"].has_perm(roles.MANAGE_PERIODS)
    assert not users["punjab"].has_perm(roles.VIEW_ALL)
    assert users["admin"].has_perm(roles.VIEW_AUDIT)
    assert not users["coordinator"].has_perm(roles.VIEW_AUDIT)


def test_scope_helpers(users, punjab, kp):
    assert roles.can_edit_body(users["punjab"], punjab)
    assert not roles.can_edit_body(users["punjab"], kp)
    assert not roles.can_view_body(users["kp"], punjab)
    assert roles.can_view_body(users["analyst"], punjab)
    assert not roles.can_edit_body(users["analyst"], punjab)
