"""Role landing pages, the completeness matrix and the scorecard in a real browser."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from napmon.indicators.models import Source
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import BodyMembership, ReportingBody
from napmon.reporting.services.completeness import last_months
from napmon.reporting.services.scorecard import record_point_rating

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "e2e-password-1234"


def make_user(username, role, body=None):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=ReportingBody.objects.get(slug=body))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def cycle(nap_data):
    coordinator = make_user("coordinator", "coordinator")
    make_user("reviewer", "reviewer")
    punjab_reporter = make_user("reporter-punjab", "reporter", "punjab")
    make_user("reporter-kp", "reporter", "khyber-pakhtunkhwa")
    point = Point.objects.get(version__label="2021", number=4)
    punjab = ReportingBody.objects.get(slug="punjab")
    services.assign_point(punjab, point, actor=coordinator)
    services.assign_point(
        ReportingBody.objects.get(slug="khyber-pakhtunkhwa"), point, actor=coordinator
    )
    # Two months ago: inside the cockpit's twelve months, its deadline passed.
    period = services.open_period(last_months(3)[0], actor=coordinator)
    report = services.create_report(punjab, period, actor=punjab_reporter)
    entry = report.entries.get()
    data = {f"progress-{entry.pk}": "Accounts reviewed."}
    data.update({rv.field_name: 10 for rv in entry.values.all()})
    services.save_report(report, data, actor=punjab_reporter)
    report.refresh_from_db()
    services.submit_report(report, actor=punjab_reporter)
    record_point_rating(
        point,
        geography_code="PK-PB",
        rater_kind="self_assessment",
        rating="satisfactory",
        decided_on=date(2025, 11, 20),
        rationale="All accounts reviewed.",
        actor=punjab_reporter,
    )
    issra = Source.objects.create(
        key="issra-e2e", kind="research", publisher="ISSRA", title="NAP review 2025"
    )
    record_point_rating(
        point,
        geography_code="PK-PB",
        rater_kind="independent",
        rating="mixed",
        decided_on=date(2025, 10, 2),
        rationale="Follow-up is slow.",
        source=issra,
        evidence_links="https://issra.example/nap-2025.pdf",
        actor=coordinator,
    )
    return period


def log_in(browser, base, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return context, page


def test_each_role_lands_on_its_page_and_the_matrix_shows_the_late_body(
    browser, live_server, cycle
):
    base, month = live_server.url, cycle.label
    context, page = log_in(browser, base, "coordinator")
    assert page.url.endswith("/reporting/cockpit/")
    late = page.inner_text("#late-bodies")
    assert "Khyber Pakhtunkhwa" in late and month in late and "Punjab" not in late
    page.click("text=Completeness of the last 12 months")
    page.fill("#id_start", month)
    page.fill("#id_end", month)
    page.click("form.matrix-filters button[type=submit]")
    kp_cell = page.locator(f'tr[data-body="khyber-pakhtunkhwa"] td[data-month="{month}"]')
    assert kp_cell.get_attribute("data-state") == "late"
    assert "overdue" in kp_cell.inner_text()
    punjab_cell = page.locator(f'tr[data-body="punjab"] td[data-month="{month}"]')
    assert punjab_cell.get_attribute("data-state") == "submitted"
    assert "submitted late" in punjab_cell.inner_text()
    punjab_cell.locator("a").click()
    assert "/reporting/reports/" in page.url
    context.close()

    context, page = log_in(browser, base, "reviewer")
    assert page.url.endswith("/reporting/queue/")
    queue = page.inner_text("#review-queue")
    assert "Punjab" in queue and month in queue and "0 days" in queue
    context.close()

    context, page = log_in(browser, base, "reporter-kp")
    assert page.url.endswith("/reporting/mine/")
    todo = page.inner_text("#to-do")
    assert month in todo and "late, not started" in todo
    assert cycle.deadline.isoformat() in todo
    context.close()


def test_scorecard_shows_two_raters_side_by_side(browser, live_server, cycle):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/plan/2021/points/4/")
    page.click("text=Ratings by province and rater")
    row = page.locator('tr[data-point="4"][data-geography="PK-PB"]')
    self_cell = row.locator('td[data-kind="self_assessment"]').inner_text()
    independent = row.locator('td[data-kind="independent"]').inner_text()
    assert "satisfactory" in self_cell.lower() and "decided 2025-11-20" in self_cell
    assert "mixed" in independent.lower() and "ISSRA" in independent
    assert row.locator('td[data-kind="independent"] a.evidence').get_attribute("href") == (
        "https://issra.example/nap-2025.pdf"
    )
    national = page.locator('tr[data-point="4"][data-geography="PK"]')
    assert "not rated" in national.inner_text()
    context.close()


def test_target_status_on_the_point_page_and_a_two_level_approval(browser, live_server, cycle):
    base = live_server.url
    punjab = ReportingBody.objects.get(slug="punjab")
    punjab.approval_levels = 2
    punjab.save()
    make_user("punjab-secretariat", "reviewer", "punjab")

    # The coordinator sets a target from the point page; the status shows beside it.
    context, page = log_in(browser, base, "coordinator")
    page.goto(base + "/plan/2021/points/4/")
    assert "no target set" in page.inner_text("#progress-accounts-blocked")
    page.click("#progress-accounts-blocked >> text=Set the target")
    page.fill("#id_baseline_value", "5489")
    page.fill("#id_baseline_year", "2021")
    page.fill("#id_target_value", "8000")
    page.fill("#id_target_year", "2027")
    page.fill("#id_reference", "Apex committee decision 7/2025")
    page.click("main form button[type=submit]")
    progress = page.inner_text("#progress-accounts-blocked")
    # 5,489 in 2021 fell to 5,089 in 2024: further from 8,000 than the baseline was.
    assert "deteriorating" in progress and "Apex committee decision 7/2025" in progress
    context.close()

    # Two levels: Punjab's secretariat first, then the coordinating authority.
    context, page = log_in(browser, base, "punjab-secretariat")
    page.click("#review-queue a")
    page.click("button[value=approve]")
    assert "First-level approval recorded" in page.inner_text("main")
    assert "waiting for the coordinating authority" in page.inner_text("#approval-levels")
    context.close()
    context, page = log_in(browser, base, "reviewer")
    page.click("#review-queue a")
    page.click("button[value=approve]")
    assert "Report approved." in page.inner_text("main")
    assert "Approved at both levels." in page.inner_text("#approval-levels")
    context.close()
