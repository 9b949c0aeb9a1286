"""Two approval levels for a body: its own secretariat first, then the coordinating authority."""

import pytest
from reporting_helpers import fill

from napmon.core import roles
from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.errors import ReportingError

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_level(report, punjab, users):
    from conftest import make_user

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
