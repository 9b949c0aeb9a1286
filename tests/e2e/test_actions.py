"""An action with an overdue milestone, updated through a monthly report, in a real browser."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import BodyMembership, Milestone, ReportingBody
from napmon.reporting.services.completeness import last_months

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "e2e-password-1234"


def make_user(username, role, body=None):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=ReportingBody.objects.get(slug=body))
    return get_user_model().objects.get(pk=user.pk)


def log_in(browser, base, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return context, page


@pytest.fixture
def draft(nap_data):
    coordinator = make_user("coordinator", "coordinator")
    make_user("reviewer", "reviewer")
    reporter = make_user("reporter-punjab", "reporter", "punjab")
    point = Point.objects.get(version__label="2021", number=4)
    punjab = ReportingBody.objects.get(slug="punjab")
    services.assign_point(punjab, point, actor=coordinator)
    period = services.open_period(last_months(1)[0], actor=coordinator)
    return services.create_report(punjab, period, actor=reporter), point


def test_milestone_overdue_then_done_through_the_monthly_report(browser, live_server, draft):
    report, point = draft
    base = live_server.url
    past = (timezone.localdate() - dt.timedelta(days=7)).isoformat()

    context, page = log_in(browser, base, "reporter-punjab")
    page.goto(base + "/reporting/actions/new/")
    page.select_option("#id_point", str(point.pk))
    page.fill("#id_title", "Train 200 investigators")
    page.click("main form.card button[type=submit]")
    assert "/reporting/actions/" in page.url
    page.fill("#id_title", "Curriculum approved")
    page.fill("#id_due_date", past)
    page.click("text=Add the milestone")
    row = page.locator("#milestones tbody tr").first
    assert "late" in row.get_attribute("class")
    assert "overdue" in row.inner_text()
    context.close()

    context, page = log_in(browser, base, "coordinator")
    cockpit = page.inner_text("#overdue-milestones")
    assert "Punjab" in cockpit and "1" in cockpit
    context.close()

    context, page = log_in(browser, base, "reporter-punjab")
    page.goto(f"{base}/reporting/reports/{report.pk}/")
    page.click("text=Done (say so in this report)")
    page.wait_for_load_state()
    assert page.url.endswith(f"/reporting/reports/{report.pk}/")
    assert "in this report" in page.inner_text("#report-milestones")
    context.close()

    milestone = Milestone.objects.get(title="Curriculum approved")
    assert (milestone.done_on, milestone.report_id) == (timezone.localdate(), report.pk)

    context, page = log_in(browser, base, "reviewer")
    page.goto(f"{base}/reporting/reports/{report.pk}/")
    seen = page.inner_text("#report-milestones")
    assert "Curriculum approved" in seen and "in this report" in seen
    context.close()

    context, page = log_in(browser, base, "coordinator")
    assert "No milestone is overdue." in page.inner_text("#overdue-milestones")
    context.close()
