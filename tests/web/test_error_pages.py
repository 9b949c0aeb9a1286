"""403, 404 and 500 pages: the site frame and navigation, translated, right status."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from napmon.web import views

pytestmark = pytest.mark.django_db


def _urdu(client):
    client.cookies["django_language"] = "ur"
    return client


def test_404_has_the_site_navigation_and_status(client):
    response = client.get("/plan/1999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'class="site-header"' in html and 'href="/sources/"' in html
    assert 'href="/login/"' in html


def test_404_in_urdu_is_right_to_left_and_translated(client):
    html = _urdu(client).get("/no-such-page/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "<h1>صفحہ نہیں ملا</h1>" in html
    assert "Page not found" not in html


def test_403_for_a_signed_in_user_without_the_permission(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_user("no-role", password="x-pass-word-1")
    client.force_login(user)
    response = _urdu(client).get("/reporting/audit/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>اجازت نہیں</h1>" in html
    assert "no-role" in html  # the header still shows who is signed in
    assert 'href="/login/"' not in html.split('class="error-page"')[1]


def test_500_page_is_styled_and_translated():
    request = RequestFactory().get("/", HTTP_COOKIE="django_language=ur")
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request.user = AnonymousUser()
    with translation.override("ur"):
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>کچھ غلط ہو گیا</h1>" in html
    assert 'href="/static/web/site.css"' in html or "site.css" in html
