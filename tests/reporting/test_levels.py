"""Reporters are asked only for the indicators of their level (issue 12, item 6)."""

import pytest
from django.test import Client

from napmon.api.services.tokens import create_token
from napmon.indicators.models import Indicator
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import ReportForm
from napmon.reporting.models import ReportedValue, ReportingBody

pytestmark = pytest.mark.django_db

NATIONAL_ONLY = {"azm-e-istehkam-allocation", "azm-e-istehkam-attack-change"}


@pytest.fixture
def point1(db):
    return Point.objects.get(version__label="2021", number=1)


@pytest.fixture
def kp_report(users, kp, point1, period):
    services.assign_point(kp, point1, actor=users["coordinator"])
    return services.create_report(kp, period, actor=users["kp"])


def asked_slugs(report, point):
    return set(
        ReportedValue.objects.filter(entry__report=report, entry__point=point).values_list(
            "indicator__slug", flat=True
        )
    )


def test_the_builtin_data_declares_the_azm_budget_national(db):
    declared = Indicator.objects.filter(reported_by="national").values_list("slug", flat=True)
    assert set(declared) >= NATIONAL_ONLY


def test_provincial_report_omits_national_figures(kp_report, point1):
    slugs = asked_slugs(kp_report, point1)
    assert slugs and not slugs & NATIONAL_ONLY
    form = ReportForm(kp_report)
    labels = [str(f.label) for f in form.fields.values()]
    assert not any("Azm-e-Istehkam" in label for label in labels)
    assert any("Counter-terrorism operations" in label for label in labels)


def test_federal_body_is_asked_for_national_figures(users, point1, period):
    from .helpers import make_user

    interior = ReportingBody.objects.create(
        slug="interior", name="Ministry of Interior", kind="federal"
    )
    services.assign_point(interior, point1, actor=users["coordinator"])
    reporter = make_user("rep-moi", "reporter", interior)
    report = services.create_report(interior, period, actor=reporter)
    assert asked_slugs(report, point1) >= NATIONAL_ONLY


def _old_style_value(report, point, slug):
    """A report created before the rule could hold a national figure; fake that."""
    entry = report.entries.get(point=point)
    return ReportedValue.objects.create(entry=entry, indicator=Indicator.objects.get(slug=slug))


def test_saving_a_national_figure_for_a_province_is_refused_naming_it(kp_report, point1, users):
    rv = _old_style_value(kp_report, point1, "azm-e-istehkam-allocation")
    with pytest.raises(ReportingError) as err:
        services.save_report(kp_report, {rv.field_name: "60000000000"}, actor=users["kp"])
    assert err.value.code == "not_asked" and err.value.field == rv.field_name
    assert "Allocation for Operation Azm-e-Istehkam is a national figure" in err.value.message
    rv.refresh_from_db()
    assert rv.value is None
    # The form leaves it out, and saving the rest still works.
    assert rv.field_name not in ReportForm(kp_report).fields
    kp_report.refresh_from_db()
    services.save_report(kp_report, {}, actor=users["kp"])


def test_api_omits_and_refuses_national_figures(kp_report, point1, users):
    rv = _old_style_value(kp_report, point1, "azm-e-istehkam-allocation")
    _token, secret = create_token(users["kp"], "write token", "write")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    detail = client.get(f"/api/v1/reports/{kp_report.pk}", **headers).json()
    slugs = {v["indicator"] for e in detail["entries"] for v in e["values"]}
    assert "azm-e-istehkam-allocation" not in slugs
    payload = {"version": detail["version"], "values": [{"id": rv.pk, "value": 6e10}]}
    response = client.patch(
        f"/api/v1/reports/{kp_report.pk}", payload, content_type="application/json", **headers
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "not_asked" and body["field"] == f"values.{rv.pk}.value"
    assert "Azm-e-Istehkam" in body["message"]
