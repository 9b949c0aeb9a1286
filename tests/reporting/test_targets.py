"""Targets and baselines: set by coordinators with a source, shown with a progress status."""

import pytest

from napmon.core.models import AuditEntry
from napmon.indicators.models import Indicator, IndicatorValue
from napmon.reporting.errors import ReportingError
from napmon.reporting.services.targets import set_target

pytestmark = pytest.mark.django_db


def _indicator_with_values():
    value = (
        IndicatorValue.objects.filter(geography="PK", indicator__point__isnull=False)
        .select_related("indicator__point__version")
        .order_by("-period_end")
        .first()
    )
    return value.indicator, value


def test_built_in_indicators_say_no_target_set(client):
    assert not Indicator.objects.exclude(target_value=None).exists()
    indicator, _value = _indicator_with_values()
    point = indicator.point
    html = client.get(f"/plan/{point.version.label}/points/{point.number}/").content.decode()
    assert "no target set" in html
    api = client.get(f"/api/v1/versions/{point.version.label}/points/{point.number}").json()
    progress = {i["slug"]: i["progress"] for i in api["indicators"]}[indicator.slug]
    assert (progress["status"], progress["target_value"]) == ("no_target", None)


def test_coordinator_sets_a_target_and_the_point_page_shows_its_status(client, users):
    indicator, latest = _indicator_with_values()
    year = latest.period_end.year
    with pytest.raises(ReportingError) as err:
        set_target(indicator, target_value=1, target_year=year + 5, actor=users["coordinator"])
    assert (err.value.code, err.value.field) == ("source_required", "target_reference")
    with pytest.raises(ReportingError) as err:
        set_target(
            indicator, target_value=1, target_year=year + 5, reference="x", actor=users["reviewer"]
        )
    assert err.value.code == "permission_denied"

    client.force_login(users["coordinator"])
    response = client.post(
        f"/reporting/targets/{indicator.slug}/",
        {
            "baseline_value": str(latest.value / 2),
            "baseline_year": year - 3,
            "target_value": str(latest.value * 4),
            "target_year": year + 5,
            "reference": "Apex committee decision 12/2025",
        },
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    section = html[html.index(f'id="progress-{indicator.slug}"') :]
    section = section[: section.index("</p>")]
    assert "Apex committee decision 12/2025" in section
    assert "off track" in section or "on track" in section
    assert AuditEntry.objects.filter(action="indicators.target.set").count() == 1
