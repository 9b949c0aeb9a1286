"""Notices of due, late and overdue reports (idempotent) and the e-mail digest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Notice
from napmon.reporting.services import reminders
from napmon.reporting.services.notices import mark_notices_read

from .helpers import fill

pytestmark = pytest.mark.django_db


def texts(user, kind):
    return list(Notice.objects.filter(user=user, kind=kind).values_list("text", flat=True))


def test_due_notices_go_to_reporters_once(period, users):
    today = period.deadline - timedelta(days=2)
    counts = reminders.write_due_notices(today=today, soon_days=3)
    assert counts == {"due": 2, "late": 0, "overdue": 0}
    [text] = texts(users["kp"], "due")
    assert "due in 2 days" in text and period.deadline.isoformat() in text
    assert texts(users["coordinator"], "due") == []
    # A second run the same or the next day writes nothing new.
    assert reminders.write_due_notices(today=today, soon_days=3) == dict.fromkeys(
        ("due", "late", "overdue"), 0
    )
    assert reminders.write_due_notices(today=today + timedelta(days=1), soon_days=3)["due"] == 0
    # Further ahead than the reminder window: nothing.
    Notice.objects.all().delete()
    assert reminders.write_due_notices(today=today - timedelta(days=5), soon_days=3)["due"] == 0


def test_late_and_overdue_reach_reporters_and_coordinators(report, period, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    late_day = period.deadline + timedelta(days=1)
    counts = reminders.write_due_notices(today=late_day, soon_days=3)
    # Punjab submitted; KP did not: its reporter and the coordinator hear of it.
    assert counts == {"due": 0, "late": 2, "overdue": 0}
    assert texts(users["punjab"], "late") == []
    [text] = texts(users["coordinator"], "late")
    assert "Khyber" in text and "late" in text
    assert len(texts(users["kp"], "late")) == 1
    overdue_day = period.locks_on + timedelta(days=1)
    counts = reminders.write_due_notices(today=overdue_day, soon_days=3)
    assert counts == {"due": 0, "late": 0, "overdue": 2}
    assert "overdue" in texts(users["kp"], "overdue")[0]
    assert reminders.write_due_notices(today=overdue_day, soon_days=3)["overdue"] == 0
    assert AuditEntry.objects.filter(action="reporting.notices.written").count() == 2


def test_only_the_furthest_stage_is_written(period, users):
    counts = reminders.write_due_notices(today=period.locks_on + timedelta(days=2), soon_days=3)
    assert counts == {"due": 0, "late": 0, "overdue": 4}
    assert Notice.objects.filter(kind__in=("due", "late")).count() == 0


def test_reporters_cannot_write_notices(period, users):
    with pytest.raises(ReportingError) as err:
        reminders.write_due_notices(actor=users["punjab"])
    assert err.value.code == "permission_denied"


def test_digest_sends_one_email_per_user_with_their_notices(period, users, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders.write_due_notices(today=period.deadline - timedelta(days=1), soon_days=3)
    reminders.write_due_notices(today=period.locks_on + timedelta(days=1), soon_days=3)
    call_command("reporting", "digest")
    assert "Digest: 3 e-mail(s) with 6 notice(s) sent." in capsys.readouterr().out
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"rep-pb@example.org", "rep-kp@example.org", "coord@example.org"}
    kp_mail = by_to["rep-kp@example.org"]
    assert kp_mail.subject == "NAP Monitor: 2 notices waiting for you"
    assert "You have 2 unread notices (due: 1, overdue: 1)" in kp_mail.body
    assert "due in 1 day" in kp_mail.body and "is overdue" in kp_mail.body
    coord_mail = by_to["coord@example.org"]
    assert "You have 2 unread notices (overdue: 2)" in coord_mail.body
    assert "Punjab" in coord_mail.body and "Khyber" in coord_mail.body
    # Nothing new: the next digest sends nothing.
    call_command("reporting", "digest")
    assert len(mail.outbox) == 3
    assert AuditEntry.objects.filter(action="reporting.digest.sent").count() == 3


def test_read_notices_are_not_emailed(period, users, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reminders.write_due_notices(today=period.deadline, soon_days=3)
    mark_notices_read(users["kp"])
    result = reminders.send_digest()
    assert result == {"emails": 1, "notices": 1}
    assert mail.outbox[0].to == ["rep-pb@example.org"]
    assert "is due today, " + period.deadline.isoformat() in mail.outbox[0].body


def test_due_notices_command(period, users, capsys):
    day = (period.deadline - timedelta(days=1)).isoformat()
    call_command("reporting", "due-notices", "--today", day)
    assert "Notices written: due 2, late 0, overdue 0." in capsys.readouterr().out


def test_late_notice_shows_on_the_reporters_notices_page(client, period, users):
    reminders.write_due_notices(today=period.deadline + timedelta(days=3), soon_days=3)
    client.force_login(users["kp"])
    html = client.get("/reporting/notices/").content.decode()
    assert f"is late: the deadline was {period.deadline.isoformat()}" in html
    assert 'class="unread"' in html
