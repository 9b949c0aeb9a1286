import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _shape(response):
    body = response.json()
    assert set(body) <= {"code", "message", "field"}
    assert body["code"] and body["message"]
    return body


def test_unknown_version_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/versions/1999/points")
    assert response.status_code == 404
    assert _shape(response) == {
        "code": "version_not_found",
        "message": "Plan National Action Plan has no version '1999' (known: 2014, 2021).",
        "field": "version",
    }


def test_unknown_api_path_is_404_in_the_error_shape(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert _shape(response)["code"] == "not_found"


def test_validation_errors_are_422_in_the_error_shape(client):
    response = client.get("/api/v1/values?limit=0")
    assert response.status_code == 422
    body = _shape(response)
    assert body["code"] == "invalid" and body["field"] == "limit"
    response = client.get("/api/v1/versions/2021/points/abc")
    assert response.status_code == 422
    assert _shape(response)["field"] == "number"


def test_bad_filters_are_400_with_the_field(client):
    response = client.get("/api/v1/values?geography=PK-XX")
    assert response.status_code == 400
    assert _shape(response)["field"] == "geography"
    response = client.get("/api/v1/values?period=someday")
    assert _shape(response) == {
        "code": "invalid_period",
        "field": "period",
        "message": "cannot read 'someday' as a period",
    }


@override_settings(NAPMON_API_RATE="3/min")
def test_too_many_requests_are_429_in_the_error_shape(client):
    for _ in range(3):
        assert client.get("/api/v1/plans").status_code == 200
    response = client.get("/api/v1/plans")
    assert response.status_code == 429
    assert _shape(response)["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60


@override_settings(NAPMON_API_RATE="2/min")
def test_rate_limit_is_per_token_not_shared_with_anonymous(client, reader, token_for):
    headers = token_for(reader)
    for _ in range(2):
        assert client.get("/api/v1/plans").status_code == 200
    assert client.get("/api/v1/plans").status_code == 429
    assert client.get("/api/v1/plans", **headers).status_code == 200


def test_wrong_method_is_405_in_the_error_shape(client, reader, token_for):
    response = client.post("/api/v1/plans", {}, content_type="application/json")
    assert response.status_code == 405
    body = _shape(response)
    assert body["code"] == "method_not_allowed"
    assert body["message"] == "POST is not allowed here; use GET."
    assert response["Allow"] == "GET"
    response = client.delete("/api/v1/reports/1", **token_for(reader, "write"))
    assert response.status_code == 405
    assert _shape(response)["code"] == "method_not_allowed"
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH"}


@override_settings(NAPMON_API_RATE="2/min")
def test_rate_limit_counts_in_the_database_shared_by_every_worker(client):
    from napmon.core.models import ClientCounter

    for _ in range(2):
        assert client.get("/api/v1/plans").status_code == 200
    # the one counter of every rate limit (core.throttle.count_hit), under its api: keys
    counter = ClientCounter.objects.get()
    assert counter.key.startswith("api:ip:127.0.0.1:60:") and counter.count == 2
    # another worker process sees the same row: nothing lives in process memory
    ClientCounter.objects.filter(pk=counter.pk).update(count=0)
    assert client.get("/api/v1/plans").status_code == 200
    assert client.get("/api/v1/plans").status_code == 200
    assert client.get("/api/v1/plans").status_code == 429


@pytest.mark.parametrize("path", ["/api/v1/indicators", "/api/v1/values", "/api/v1/ratings"])
def test_an_offset_beyond_what_the_database_takes_is_422(client, path):
    response = client.get(path, {"offset": 2**63, "limit": 5})
    assert response.status_code == 422
    assert _shape(response)["field"] == "offset"
    response = client.get(path, {"offset": 2**62, "limit": 5})
    assert response.status_code == 200 and response.json()["items"] == []
