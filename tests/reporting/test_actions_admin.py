"""Actions, milestones and funding in the Django admin: shown, never changed there."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from napmon.core.models import AuditEntry
from napmon.reporting.models import Funding
from napmon.reporting.services import actions as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create_superuser("root", "r@example.org", "pw-long-enough-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def milestone(assigned, punjab, users):
    action = service.create_action(assigned, punjab, title="Open two labs", actor=users["punjab"])
    return service.add_milestone(
        action, title="Site chosen", due_date=dt.date(2030, 1, 31), actor=users["punjab"]
    )


def test_admin_lists_actions_milestones_and_funding(superuser_client, milestone):
    actions = superuser_client.get("/admin/reporting/action/").content.decode()
    assert "Open two labs" in actions
    assert "Site chosen" in superuser_client.get("/admin/reporting/milestone/").content.decode()
    funding = superuser_client.get("/admin/reporting/funding/")
    assert funding.status_code == 200
    assert funding.context["cl"].result_count == Funding.objects.count() == 2
    page = superuser_client.get(f"/admin/reporting/action/{milestone.action_id}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "Site chosen" in html  # the milestones inline
    assert 'type="submit" value="Save"' not in html


@pytest.mark.parametrize("model", ["action", "milestone", "funding"])
def test_admin_may_not_add_change_or_delete(superuser_client, milestone, model):
    pk = {
        "action": milestone.action_id,
        "milestone": milestone.pk,
        "funding": Funding.objects.first().pk,
    }[model]
    before = AuditEntry.objects.count()
    assert superuser_client.get(f"/admin/reporting/{model}/add/").status_code == 403
    deleted = superuser_client.post(f"/admin/reporting/{model}/{pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    changed = superuser_client.post(f"/admin/reporting/{model}/{pk}/change/", {"title": "x"})
    assert changed.status_code == 403
    assert AuditEntry.objects.count() == before
