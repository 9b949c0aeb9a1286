"""Every user can change and reset their password; idle sessions end."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone

from napmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db

OLD, NEW = "old horse battery staple", "new horse battery staple 2"


@pytest.fixture
def reporter():
    return get_user_model().objects.create_user("sana", "sana@example.org", OLD)


def test_a_non_staff_user_changes_their_password(client, reporter):
    assert not reporter.is_staff
    client.force_login(reporter)
    assert "Change password" in client.get("/").content.decode()
    response = client.post(
        "/password/change/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302 and response["Location"] == "/password/change/done/"
    reporter.refresh_from_db()
    assert reporter.check_password(NEW)
    assert AuditEntry.objects.filter(action="auth.password_changed", object_repr="sana").exists()
    wrong = client.post(
        "/password/change/", {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}
    )
    assert wrong.status_code == 200 and "old password was entered incorrectly" in wrong.text


def test_a_password_is_reset_by_e_mail(client, reporter, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Forgotten your password?" in client.get("/login/").content.decode()
    response = client.post("/password/reset/", {"email": "sana@example.org"})
    assert response.status_code == 302 and response["Location"] == "/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["sana@example.org"]
    link = re.search(r"http://testserver(/password/reset/\S+/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Choose a new password" in form.text
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/password/reset/done/"
    reporter.refresh_from_db()
    assert reporter.check_password(NEW)
    assert AuditEntry.objects.filter(action="auth.password_reset", object_repr="sana").exists()
    # The link works once.
    assert "no longer valid" in client.get(link, follow=True).text
    # An unknown address gets the same answer and no e-mail.
    assert client.post("/password/reset/", {"email": "x@example.org"}).status_code == 302
    assert len(mail.outbox) == 1


def test_an_idle_session_ends(client, reporter, settings):
    assert settings.SESSION_COOKIE_AGE == settings.NAPMON_SESSION_IDLE_MINUTES * 60
    client.force_login(reporter)
    assert client.get("/reporting/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert timedelta(minutes=settings.NAPMON_SESSION_IDLE_MINUTES - 1) < left
    # Idle past the timeout: the next request is anonymous and must log in again.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/reporting/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
