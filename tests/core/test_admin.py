import pytest
from django.contrib.auth import get_user_model

from napmon.core.models import AuditEntry
from napmon.indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("admin1", "a@example.org", "pw-long-enough-1")
    client.force_login(user)
    return client


def test_admin_edit_of_a_value_is_audited(staff):
    value = IndicatorValue.objects.get(indicator__slug="urls-blocked")
    url = f"/admin/indicators/indicatorvalue/{value.pk}/change/"
    form = staff.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(value="1250000", source=value.source_id, indicator=value.indicator_id)
    data["period_start"] = value.period_start.isoformat()
    data["period_end"] = value.period_end.isoformat()
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.filter(action="indicatorvalue.updated").latest("id")
    assert entry.actor_label == "admin1"
    assert entry.changes["value"] == ["1300000", "1250000"]


def test_audit_log_is_read_only_in_the_admin(staff):
    entry = AuditEntry.objects.first()
    assert staff.get("/admin/core/auditentry/add/").status_code == 403
    assert staff.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    page = staff.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content


def test_admin_requires_staff(client):
    response = client.get("/admin/indicators/indicatorvalue/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_inline_alias_added_in_the_admin_is_audited(staff):
    from napmon.events.models import Actor

    actor = Actor.objects.order_by("id").first()
    url = f"/admin/events/actor/{actor.pk}/change/"
    page = staff.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        for name, value in management.initial.items():
            data[f"{prefix}-{name}"] = value
        for i, inline_form in enumerate(formset.formset.initial_forms):
            for name, value in inline_form.initial.items():
                if value is not None:
                    data[f"{prefix}-{i}-{name}"] = value
            data[f"{prefix}-{i}-id"] = inline_form.instance.pk
    alias_prefix = next(
        f.formset.prefix
        for f in page.context["inline_admin_formsets"]
        if f.formset.model.__name__ == "ActorAlias"
    )
    total = int(data[f"{alias_prefix}-TOTAL_FORMS"])
    data[f"{alias_prefix}-TOTAL_FORMS"] = total + 1
    data[f"{alias_prefix}-{total}-alias"] = "Test alias for audit"
    response = staff.post(url, data)
    assert response.status_code == 302, response.context and [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    from napmon.events.models import ActorAlias

    assert ActorAlias.objects.filter(alias="Test alias for audit").exists()
    entry = AuditEntry.objects.filter(action="actoralias.created").latest("id")
    assert entry.actor_label == "admin1"
    assert "Test alias for audit" in str(entry.changes)
