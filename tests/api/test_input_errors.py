"""No 500s from input: odd numbers and wrong JSON types get 400 in the error shape."""

import pytest

from napmon.reporting.models import ReportedValue

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _shape(response):
    body = response.json()
    assert set(body) <= {"code", "message", "field"}, body
    assert body["code"] and body["message"]
    return body


@pytest.mark.parametrize("number", ["1e16", "-1e16", "NaN", "Infinity", "-Infinity", "1e400"])
def test_a_non_finite_or_out_of_range_value_is_a_400(client, cycle, token_for, number):
    report = cycle["report"]
    headers = token_for(cycle["users"]["punjab"], "write")
    detail = client.get(f"/api/v1/reports/{report.pk}", **headers).json()
    value_id = detail["entries"][0]["values"][0]["id"]
    body = (
        f'{{"version": {detail["version"]}, "values": [{{"id": {value_id}, "value": {number}}}]}}'
    )
    response = client.patch(f"/api/v1/reports/{report.pk}", body, content_type=JSON, **headers)
    assert response.status_code == 400
    error = _shape(response)
    assert error["code"] == "invalid_number" and error.get("field", "value") == "value"
    assert ReportedValue.objects.get(pk=value_id).value is None


@pytest.mark.parametrize("body", ["[]", '[{"version": 1}]', '"text"', "12"])
def test_a_body_that_is_not_an_object_is_a_400(client, cycle, token_for, body):
    report = cycle["report"]
    headers = token_for(cycle["users"]["punjab"], "write")
    response = client.patch(f"/api/v1/reports/{report.pk}", body, content_type=JSON, **headers)
    assert response.status_code == 400
    assert _shape(response)["code"] == "invalid_body"


def test_a_non_numeric_period_for_a_new_report_is_a_400(client, cycle):
    client.force_login(cycle["users"]["punjab"])
    response = client.post("/reporting/reports/new/", {"period": "2025-03"})
    assert response.status_code == 400
    assert "period: choose one from the list" in response.content.decode()
