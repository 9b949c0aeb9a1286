"""Reporting rates, reminders, and the six-monthly review up to the published rating."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from napmon.core.models import AuditEntry
from napmon.indicators.models import Rating
from napmon.plans.services import point_detail
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import PointReview, Report

from .helpers import fill

pytestmark = pytest.mark.django_db


def submit_and_approve(report, users, reporter="punjab", value=100):
    services.save_report(report, fill(report, value), actor=users[reporter])
    services.submit_report(report, actor=users[reporter])
    services.approve_report(report, actor=users["reviewer"])


def test_rates_count_expected_submitted_on_time_approved_and_late(report, users, period):
    submit_and_approve(report, users)
    Report.objects.filter(pk=report.pk).update(
        first_submitted_at=timezone.make_aware(timezone.datetime(2025, 4, 9, 12))
    )
    rates = services.reporting_rates(period, today=date(2025, 4, 20))
    assert (rates["expected"], rates["submitted"], rates["on_time"], rates["approved"]) == (
        2,
        1,
        1,
        1,
    )
    assert rates["submitted_rate"] == 0.5 and rates["approved_rate"] == 0.5
    assert [b.slug for b in rates["late"]] == ["khyber-pakhtunkhwa"]
    # Before the deadline nobody is late yet.
    assert services.reporting_rates(period, today=date(2025, 4, 1))["late"] == []


def test_reminders_go_to_bodies_that_have_not_submitted(report, users, period, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    sent = services.send_reminders(period, actor=users["coordinator"])
    assert sent == 1
    assert mail.outbox[0].to == ["rep-kp@example.org"]
    assert "2025-03" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="reporting.reminder.sent").count() == 1
    with pytest.raises(ReportingError):
        services.send_reminders(period, actor=users["punjab"])
    call_command("reporting", "remind", "--period", "2025-03")
    assert len(mail.outbox) == 2


def test_review_proposes_records_and_publishes_ratings(report, users, point4, capsys):
    submit_and_approve(report, users)
    review = services.open_review("2025-H1", actor=users["coordinator"])
    row = review.points.get()
    assert row.point == point4
    assert row.proposed in ("satisfactory", "mixed", "unsatisfactory")
    assert row.proposal["adjustments"] or row.proposal["notes"]
    assert "no_outcome_data" in row.proposal["notes"]
    with pytest.raises(ReportingError) as err:
        services.finalise_review(review, actor=users["coordinator"])
    assert err.value.code == "incomplete"
    with pytest.raises(ReportingError) as err:
        services.record_rating(row, "great", "x", actor=users["reviewer"])
    assert err.value.code == "invalid_rating"
    with pytest.raises(ReportingError) as err:
        services.record_rating(row, "mixed", "x", actor=users["punjab"])
    assert err.value.code == "permission_denied"
    services.record_rating(
        row,
        "satisfactory",
        "Accounts blocked rose steadily.",
        dissent="One reviewer would rate it mixed.",
        evidence_links="https://example.org/sbp-circular.pdf\nnot a link",
        actor=users["reviewer"],
    )
    # The decision was taken on 14 July, after the half-year had ended.
    decided = datetime(2025, 7, 14, 6, 0, tzinfo=UTC)
    PointReview.objects.filter(pk=row.pk).update(recorded_at=decided)
    services.finalise_review(review, actor=users["coordinator"])
    review.refresh_from_db()
    assert review.state == "finalised"
    assert review.source.kind == "official"
    assert review.source.title == "NACTA six-monthly review H1 2025"
    rating = Rating.objects.get(source=review.source)
    # Dated by the decision, credited to the reviewer who took it, evidence kept.
    assert (rating.point, rating.rating, rating.date) == (point4, "satisfactory", date(2025, 7, 14))
    published = point_detail(point4)["ratings"][0]
    assert published["rating"] == "satisfactory"
    assert (published["rater"], published["rater_kind"]) == (
        "NACTA review: rev",
        "coordinating_authority",
    )
    assert published["evidence_links"] == ["https://example.org/sbp-circular.pdf"]
    call_command("point", "2021", "4")
    assert (
        "Rating 14 July 2025: satisfactory - Accounts blocked rose steadily."
        in capsys.readouterr().out
    )
    with pytest.raises(ReportingError) as err:
        services.record_rating(row, "mixed", "changed my mind", actor=users["reviewer"])
    assert err.value.code == "invalid_state"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "reporting.review.opened",
        "reporting.rating.recorded",
        "reporting.review.finalised",
    } <= actions
    assert "indicators.rating.created" in actions


def test_rating_history_shows_what_changed(report, users, point4):
    submit_and_approve(report, users)
    first = services.open_review("2025-H1", actor=users["coordinator"])
    services.record_rating(first.points.get(), "mixed", "Start.", actor=users["reviewer"])
    services.finalise_review(first, actor=users["coordinator"])
    second = services.open_review("2025-H2", actor=users["coordinator"])
    services.record_rating(second.points.get(), "satisfactory", "Better.", actor=users["reviewer"])
    services.finalise_review(second, actor=users["coordinator"])
    history = services.rating_history(point4)
    assert [h["row"].review.label for h in history] == ["2025-H1", "2025-H2"]
    assert history[0]["changes"] == []
    assert {"what": "rating", "old": "mixed", "new": "satisfactory"} in history[1]["changes"]


def test_demo_reports_never_enter_reviews(users, point4, punjab, assigned):
    period = services.open_period("2025-02", actor=users["coordinator"])
    demo = services.create_report(punjab, period, actor=users["punjab"], is_demo=True)
    submit_and_approve(demo, users)
    review = services.open_review("2025-H1", actor=users["coordinator"])
    row = review.points.get()
    assert row.proposal["indicators"][0]["values"] <= 2  # sourced values only
    from napmon.reporting.services.evidence_base import approved_entries

    assert list(approved_entries(point4, date(2025, 1, 1), date(2025, 6, 30))) == []


def test_concurrent_finalise_is_a_conflict(report, users):
    submit_and_approve(report, users)
    review = services.open_review("2025-H1", actor=users["coordinator"])
    services.record_rating(review.points.get(), "mixed", "ok", actor=users["reviewer"])
    stale = review.version
    services.finalise_review(review, actor=users["coordinator"])
    review.state = "open"  # a second tab still showing the open review
    with pytest.raises(ReportingError) as err:
        services.finalise_review(review, actor=users["coordinator"], expected_version=stale)
    assert err.value.code == "conflict"
    assert Rating.objects.filter(source__key="nacta-review-2025-h1").count() == 1


def test_lock_days_are_counted_from_opening_for_late_periods(users):
    period = services.open_period("2020-01", actor=users["coordinator"])
    assert period.locks_on == timezone.localdate() + timedelta(days=30)
