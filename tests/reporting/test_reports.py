"""The report workflow: create, save, submit, return, approve, correct; audit and signals."""

from decimal import Decimal

import pytest

from napmon.core.models import AuditEntry
from napmon.reporting import services, signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Period, Report

from .helpers import fill, value_field

pytestmark = pytest.mark.django_db(transaction=False)


def actions(report):
    return list(
        AuditEntry.objects.filter(object_type="reporting.report", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_create_report_has_an_entry_per_assigned_point_with_its_indicators(report):
    entry = report.entries.get()
    assert str(entry.point) == "2021/4 Choking terror finance"
    slugs = sorted(entry.values.values_list("indicator__slug", flat=True))
    assert slugs == ["accounts-blocked", "funds-frozen", "schedule-iv-listed"]
    assert report.state == "draft" and report.version == 1


def test_reporter_of_another_body_cannot_create_or_edit(report, users, kp, period):
    with pytest.raises(ReportingError) as err:
        services.save_report(report, fill(report), actor=users["kp"])
    assert err.value.code == "permission_denied"
    with pytest.raises(ReportingError) as err:
        services.create_report(report.body, period, actor=users["kp"])
    assert err.value.code == "permission_denied"
    with pytest.raises(ReportingError) as err:
        services.create_report(report.body, period, actor=users["reviewer"])
    assert err.value.code == "permission_denied"


def test_full_cycle_with_audit_and_signals(report, users, django_capture_on_commit_callbacks):
    received = []

    def listener(signal, **kwargs):
        received.append(signal)

    for sig in (signals.report_submitted, signals.report_returned, signals.report_approved):
        sig.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.save_report(report, fill(report), actor=users["punjab"])
            services.submit_report(report, actor=users["punjab"])
            services.return_report(report, "Add the Schedule IV source.", actor=users["reviewer"])
            services.save_report(report, fill(report, 101), actor=users["punjab"])
            services.submit_report(report, actor=users["punjab"])
            services.approve_report(report, actor=users["reviewer"])
    finally:
        for sig in (signals.report_submitted, signals.report_returned, signals.report_approved):
            sig.disconnect(listener)
    report.refresh_from_db()
    assert report.state == "approved" and report.approved_by == users["reviewer"]
    assert report.first_submitted_at < report.submitted_at
    assert received == [
        signals.report_submitted,
        signals.report_returned,
        signals.report_submitted,
        signals.report_approved,
    ]
    assert actions(report) == [
        "reporting.report.created",
        "reporting.report.changed",
        "reporting.report.submitted",
        "reporting.report.returned",
        "reporting.report.changed",
        "reporting.report.submitted",
        "reporting.report.approved",
    ]
    returned = AuditEntry.objects.get(action="reporting.report.returned")
    assert returned.actor_label == "rev"
    assert returned.changes == {
        "state": ["submitted", "returned"],
        "comment": "Add the Schedule IV source.",
    }
    changed = AuditEntry.objects.filter(action="reporting.report.changed").order_by("-id").first()
    field = value_field(report, "accounts-blocked")
    assert changed.changes[field] == ["100", "101"]
    assert report.comments.get().text == "Add the Schedule IV source."


def test_hard_rule_blocks_submission_with_message_on_the_field(report, users, rule):
    data = fill(report)
    field = value_field(report, "accounts-blocked")
    data[field] = Decimal("-5")
    warnings = services.save_report(report, data, actor=users["punjab"])
    assert warnings[field] == ["The value is below the minimum of 0."]
    with pytest.raises(ReportingError) as err:
        services.submit_report(report, actor=users["punjab"])
    assert err.value.code == "validation"
    assert err.value.errors[field] == ["The value is below the minimum of 0."]
    report.refresh_from_db()
    assert report.state == "draft"


def test_whole_number_rule_for_counts_by_default(report, users):
    data = fill(report)
    field = value_field(report, "schedule-iv-listed")
    data[field] = Decimal("12.5")
    services.save_report(report, data, actor=users["punjab"])
    with pytest.raises(ReportingError) as err:
        services.submit_report(report, actor=users["punjab"])
    assert err.value.errors == {field: ["The value must be a whole number."]}


def test_missing_progress_blocks_submission(report, users):
    services.save_report(report, fill(report, progress=""), actor=users["punjab"])
    with pytest.raises(ReportingError) as err:
        services.submit_report(report, actor=users["punjab"])
    entry = report.entries.get()
    assert err.value.errors == {f"progress-{entry.pk}": ["Describe the progress on this point."]}


def _approved(body, month, value, users, reporter):
    period = Period.objects.filter(month=f"{month}-01").first()
    period = period or services.open_period(month, actor=users["coordinator"])
    report = services.create_report(body, period, actor=users[reporter])
    services.save_report(report, fill(report, value), actor=users[reporter])
    services.submit_report(report, actor=users[reporter])
    services.approve_report(report, actor=users["reviewer"])
    return report


def test_soft_rule_asks_for_an_explanation(report, users, punjab, rule):
    _approved(punjab, "2025-02", 100, users, "punjab")
    data = fill(report, 100)
    field = value_field(report, "accounts-blocked")
    data[field] = Decimal(180)
    services.save_report(report, data, actor=users["punjab"])
    with pytest.raises(ReportingError) as err:
        services.submit_report(report, actor=users["punjab"])
    explanation = field.replace("value-", "explanation-")
    assert err.value.errors == {
        explanation: [
            "The value changes by 80% from the previous period (100), more than 50%: "
            "explain the change before submitting."
        ]
    }
    data[explanation] = "A new financial-intelligence sweep."
    services.save_report(report, data, actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    rv = report.entries.get().values.get(indicator__slug="accounts-blocked")
    assert [f["code"] for f in rv.flags] == ["change_explained"]


def test_hard_change_limit(report, users, punjab, rule):
    _approved(punjab, "2025-02", 100, users, "punjab")
    data = fill(report, 100)
    data[value_field(report, "accounts-blocked")] = Decimal(600)
    services.save_report(report, data, actor=users["punjab"])
    with pytest.raises(ReportingError) as err:
        services.submit_report(report, actor=users["punjab"])
    (message,) = err.value.errors[value_field(report, "accounts-blocked")]
    assert "at most 400% is allowed" in message


def test_outlier_against_own_history_is_flagged_not_blocked(users, punjab, kp, assigned):
    for month, value in [("2024-10", 100), ("2024-11", 104), ("2024-12", 98), ("2025-01", 101)]:
        _approved(punjab, month, value, users, "punjab")
    # KP's very different figures are not part of Punjab's history.
    _approved(kp, "2025-01", 5000, users, "kp")
    period = services.open_period("2025-02", actor=users["coordinator"])
    report = services.create_report(punjab, period, actor=users["punjab"])
    services.save_report(
        report, fill(report, 140, explanation="Seasonal surge."), actor=users["punjab"]
    )
    services.submit_report(report, actor=users["punjab"])
    rv = report.entries.get().values.get(indicator__slug="accounts-blocked")
    codes = [f["code"] for f in rv.flags]
    assert "outlier" in codes
    assert "robust z-score" in rv.flags[codes.index("outlier")]["message"]


def test_concurrent_approval_one_wins_the_other_gets_a_conflict(report, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    first = Report.objects.get(pk=report.pk)
    second = Report.objects.get(pk=report.pk)  # a second reviewer loaded the same page
    services.approve_report(first, actor=users["reviewer"])
    with pytest.raises(ReportingError) as err:
        services.return_report(second, "Numbers look off.", actor=users["reviewer2"])
    assert err.value.code == "conflict"
    with pytest.raises(ReportingError) as err:
        services.approve_report(second, actor=users["reviewer2"])
    assert err.value.code == "conflict"
    report.refresh_from_db()
    assert report.state == "approved" and report.approved_by == users["reviewer"]
    assert not report.comments.exists()
    assert AuditEntry.objects.filter(action="reporting.report.approved").count() == 1


def test_stale_save_is_a_conflict(report, users):
    stale_version = report.version
    services.save_report(report, fill(report, 1), actor=users["punjab"])
    with pytest.raises(ReportingError) as err:
        services.save_report(
            report, fill(report, 2), actor=users["punjab"], expected_version=stale_version
        )
    assert err.value.code == "conflict"


def test_approved_report_is_frozen_and_corrected_by_a_new_revision(report, users):
    services.save_report(report, fill(report, 100), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    services.approve_report(report, actor=users["reviewer"])
    with pytest.raises(ReportingError) as err:
        services.save_report(report, fill(report, 5), actor=users["punjab"])
    assert err.value.code == "invalid_state"
    with pytest.raises(ReportingError) as err:
        services.correct_report(report, "  ", actor=users["punjab"])
    assert err.value.code == "reason_required"
    revision = services.correct_report(
        report, "Funds figure was in thousands.", actor=users["punjab"]
    )
    assert revision.revision == 2 and revision.previous == report and revision.state == "draft"
    assert revision.entries.get().values.filter(value=100).count() == 3
    with pytest.raises(ReportingError) as err:
        services.correct_report(report, "again", actor=users["punjab"])
    assert err.value.code == "correction_exists"
    services.save_report(revision, fill(revision, 110), actor=users["punjab"])
    services.submit_report(revision, actor=users["punjab"])
    services.approve_report(revision, actor=users["reviewer"])
    report.refresh_from_db()
    assert report.state == "superseded"
    audit = AuditEntry.objects.get(action="reporting.report.corrected")
    assert audit.changes["reason"] == "Funds figure was in thousands."


def test_reviewer_permission_needed_to_approve(report, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    for who in ("punjab", "analyst", "coordinator"):
        with pytest.raises(ReportingError) as err:
            services.approve_report(report, actor=users[who])
        assert err.value.code == "permission_denied"
    with pytest.raises(ReportingError) as err:
        services.return_report(report, "", actor=users["reviewer"])
    assert err.value.code == "comment_required"
