"""Two approval levels for a body: its own secretariat first, then the coordinating authority."""

import pytest

from napmon.core import roles
from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.errors import ReportingError

from .helpers import fill, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_level(report, punjab, users):

    punjab.approval_levels = 2
    punjab.save()
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    secretariat = make_user("pb-secretariat", roles.REVIEWER, punjab)
    return report, secretariat


def test_coordinating_authority_waits_for_the_body_then_gives_the_second_approval(two_level, users):
    report, secretariat = two_level
    with pytest.raises(ReportingError) as err:
        services.approve_report(report, actor=users["reviewer"])
    assert err.value.code == "first_level_pending"
    services.approve_report(report, "Checked by the secretariat.", actor=secretariat)
    report.refresh_from_db()
    assert report.state == "submitted" and report.first_approved_by == secretariat
    with pytest.raises(ReportingError) as err:
        services.approve_report(report, actor=secretariat)
    assert err.value.code == "own_body_approver"
    services.approve_report(report, actor=users["reviewer"])
    report.refresh_from_db()
    assert (report.state, report.approved_by) == ("approved", users["reviewer"])
    levels = list(
        AuditEntry.objects.filter(action__startswith="reporting.report.approved")
        .order_by("id")
        .values_list("action", "actor_label")
    )
    assert [a for a, _who in levels] == [
        "reporting.report.approved_first_level",
        "reporting.report.approved",
    ]


def test_returning_clears_the_first_level(two_level, users):
    report, secretariat = two_level
    services.approve_report(report, actor=secretariat)
    report.refresh_from_db()
    services.return_report(report, "Figures for March only.", actor=users["reviewer"])
    report.refresh_from_db()
    assert (report.state, report.first_approved_at) == ("returned", None)


def test_reporters_get_a_notice_when_their_report_is_returned_or_approved(
    client, report, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.save_report(report, fill(report), actor=users["punjab"])
        services.submit_report(report, actor=users["punjab"])
        services.return_report(report, "Add the March figure.", actor=users["reviewer"])
    client.force_login(users["punjab"])
    assert "1 unread notice" in client.get("/reporting/mine/").content.decode()
    html = client.get("/reporting/notices/").content.decode()
    assert "Your report for 2025-03 was returned: Add the March figure." in html
    client.post("/reporting/notices/")
    assert "0 unread notices" in client.get("/reporting/mine/").content.decode()
    client.force_login(users["kp"])
    assert "Add the March figure." not in client.get("/reporting/notices/").content.decode()
