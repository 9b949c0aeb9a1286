"""The whole reporting cycle in a real browser, in English and in Urdu.

A reporter fills and submits a monthly report, a hard rule blocks a bad value, a
reviewer returns it, the reporter corrects it, the reviewer approves, the
coordinator runs the six-monthly review, and an anonymous visitor sees the rating.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext

from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import BodyMembership, Report, ReportingBody

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "e2e-password-1234"


def tr(language, text, **params):
    with translation.override(language):
        return gettext(text) % params if params else gettext(text)


def make_user(username, role=None, body=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=ReportingBody.objects.get(slug=body))
    return user


@pytest.fixture
def people(nap_data):
    coordinator = make_user("coordinator", "coordinator")
    make_user("reviewer", "reviewer")
    make_user("reporter-punjab", "reporter", "punjab")
    make_user("reporter-kp", "reporter", "khyber-pakhtunkhwa")
    make_user("boss", is_staff=True, is_superuser=True)
    point = Point.objects.get(version__label="2021", number=4)
    services.assign_point(ReportingBody.objects.get(slug="punjab"), point, actor=coordinator)
    services.assign_point(
        ReportingBody.objects.get(slug="khyber-pakhtunkhwa"), point, actor=coordinator
    )


class Session:
    """One person's browser context, logged in, in the chosen language."""

    def __init__(self, browser, base, language, username=None):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base, self.language = base, language
        self.page.goto(base + "/")
        self.page.select_option("#lang-select", language)
        self.page.click("form.lang button")
        if username:
            self.page.goto(base + "/login/")
            self.page.fill("#id_username", username)
            self.page.fill("#id_password", PASSWORD)
            self.page.click("main form button[type=submit]")
            self.page.wait_for_load_state()
        assert self.page.get_attribute("html", "dir") == ("rtl" if language == "ur" else "ltr")

    def go(self, path):
        return self.page.goto(self.base + path)

    def text(self, selector="main"):
        return self.page.inner_text(selector)

    def close(self):
        self.context.close()


def open_period(browser, base, language):
    coordinator = Session(browser, base, language, "coordinator")
    coordinator.go("/reporting/periods/")
    coordinator.page.fill("#id_month", "2025-03")
    coordinator.page.click("main form button.primary")
    assert "2025-03" in coordinator.text("table")
    assert tr(language, "Reporting periods") in coordinator.text("h1")
    return coordinator


def fill_report(reporter, values, progress="Accounts blocked with the State Bank."):
    page = reporter.page
    page.fill("textarea[name^=progress-]", progress)
    inputs = page.locator("input[name^=value-]")
    for i, value in enumerate(values):
        inputs.nth(i).fill(value)
    page.click("button[name=submit]")
    page.wait_for_load_state()


def reporter_submits_with_a_bad_value(reporter, language):
    reporter.go("/reporting/")
    reporter.page.click("button[name=start]")
    reporter.page.wait_for_url(re.compile(r"/reporting/reports/\d+/edit/$"))
    report_id = int(re.search(r"/reports/(\d+)/", reporter.page.url).group(1))
    fill_report(reporter, ["-5", "1000", "12"])
    message = tr(language, "The value is below the minimum of %(minimum)s.", minimum="0")
    fields = reporter.page.locator(".value-field")
    assert message in fields.nth(0).inner_text()
    assert message not in fields.nth(1).inner_text()
    assert tr(language, "draft") in reporter.text("h1")
    return report_id


def other_body_is_kept_out(browser, base, language, report_id):
    kp = Session(browser, base, language, "reporter-kp")
    kp.go("/reporting/")
    assert kp.page.locator(f"#report-{report_id}").count() == 0
    assert kp.go(f"/reporting/reports/{report_id}/").status == 404
    assert kp.go(f"/reporting/reports/{report_id}/edit/").status == 404
    kp.close()


def review(reviewer, report_id, decision, comment=""):
    reviewer.go(f"/reporting/reports/{report_id}/")
    reviewer.page.fill("textarea[name=comment]", comment)
    reviewer.page.click(f"button[name=decision][value={decision}]")
    reviewer.page.wait_for_load_state()


def run_review(coordinator, language):
    coordinator.go("/reporting/reviews/")
    coordinator.page.fill("#id_half", "2025-H1")
    coordinator.page.click("main form button.primary")
    coordinator.page.wait_for_url(re.compile(r"/reporting/reviews/\d+/$"))
    assert (
        tr(language, "no outcome data: this point declares no outcome measure")
        in coordinator.text()
    )
    coordinator.page.select_option("select[name$=-rating]", "satisfactory")
    coordinator.page.fill("textarea[name$=-rationale]", "Blocked accounts reported every month.")
    coordinator.page.click(".rating-form button")
    coordinator.page.wait_for_load_state()
    coordinator.page.click("form[action$='/finalise/'] button")
    coordinator.page.wait_for_load_state()
    assert tr(language, "finalised") in coordinator.text("#review-state")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_reporting_cycle(browser, live_server, people, language):
    base = live_server.url
    coordinator = open_period(browser, base, language)
    reporter = Session(browser, base, language, "reporter-punjab")
    report_id = reporter_submits_with_a_bad_value(reporter, language)
    other_body_is_kept_out(browser, base, language, report_id)

    fill_report(reporter, ["40", "1000", "12"])
    assert tr(language, "submitted") in reporter.text("#report-state")

    reviewer = Session(browser, base, language, "reviewer")
    review(reviewer, report_id, "return", "Please add the Schedule IV figure source.")
    assert tr(language, "returned with comments") in reviewer.text("#report-state")

    reporter.go(f"/reporting/reports/{report_id}/edit/")
    assert "Please add the Schedule IV figure source." in reporter.text()
    fill_report(reporter, ["42", "1000", "12"])
    review(reviewer, report_id, "approve")
    assert tr(language, "approved") in reviewer.text("#report-state")
    assert Report.objects.get(pk=report_id).state == "approved"

    run_review(coordinator, language)

    visitor = Session(browser, base, language)
    visitor.go("/plan/2021/")
    assert tr(language, "satisfactory") in visitor.text("#point-4")  # ratings are translated

    admin = Session(browser, base, language, "boss")
    admin.go("/reporting/audit/")
    log = admin.text("table.audit")
    for action in (
        "reporting.period.opened",
        "reporting.report.created",
        "reporting.report.changed",
        "reporting.report.submitted",
        "reporting.report.returned",
        "reporting.report.approved",
        "reporting.review.opened",
        "reporting.rating.recorded",
        "reporting.review.finalised",
        "indicators.rating.created",
    ):
        assert action in log, action
    assert tr(language, "Audit log") in admin.text("h1")
    for session in (coordinator, reporter, reviewer, visitor, admin):
        session.close()
