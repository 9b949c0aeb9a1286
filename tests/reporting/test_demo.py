"""`napmon demo`: one user per role, demo reports labelled and kept out of reviews."""

import pytest
from django.contrib.auth import get_user_model

from napmon.reporting.demo import create_demo
from napmon.reporting.models import Report

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_labelled(client, monkeypatch):
    monkeypatch.setenv("NAPMON_DEMO_PASSWORD", "demo-pass-123")
    first = create_demo()
    counts = Report.objects.count()
    second = create_demo()
    assert first["users"] == [
        "coordinator",
        "reviewer",
        "analyst",
        "reporter-punjab",
        "reporter-kp",
    ]
    assert not second["generated"] and Report.objects.count() == counts == 6
    assert set(Report.objects.values_list("is_demo", flat=True)) == {True}
    assert set(Report.objects.values_list("state", flat=True)) == {"approved", "submitted", "draft"}
    user = get_user_model().objects.get(username="reporter-kp")
    assert user.check_password("demo-pass-123")
    assert user.groups.get().name == "reporter"
    client.force_login(get_user_model().objects.get(username="reviewer"))
    assert "demo data" in client.get("/reporting/").content.decode()


def test_generated_password_when_none_is_set(monkeypatch):
    monkeypatch.delenv("NAPMON_DEMO_PASSWORD", raising=False)
    result = create_demo()
    assert result["generated"] and len(result["password"]) >= 12
