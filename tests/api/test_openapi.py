import json
import re

import pytest
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    OPENAPI_31_VALIDATOR.validate(json.loads(json.dumps(schema)))
    paths = set(schema["paths"])
    for path in (
        "/api/v1/plans",
        "/api/v1/versions/{label}/points/{number}",
        "/api/v1/values",
        "/api/v1/ratings",
        "/api/v1/events/summary",
        "/api/v1/tokens",
        "/api/v1/exports/{table}.{fmt}",
        "/api/v1/exports/opensdg/{slug}.csv",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/reports/{report_id}/submit",
        "/api/v1/reports/{report_id}/return",
        "/api/v1/reports/{report_id}/approve",
        "/api/v1/reporting/periods",
        "/api/v1/reporting/periods/{label}/rates",
        "/api/v1/reviews",
        "/api/v1/reviews/{label}",
        "/api/v1/outcomes/summary",
        "/api/v1/outcomes/its",
        "/api/v1/outcomes/index",
        "/api/v1/claims",
        "/api/v1/claims/{key}",
        "/api/v1/interventions",
    ):
        assert path in paths
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message"]
    assert set(schema["paths"]["/api/v1/reports/{report_id}"]) == {"get", "patch"}
    patch = schema["paths"]["/api/v1/reports/{report_id}"]["patch"]
    assert {"403", "404", "409", "422"} <= set(patch["responses"])
    for status in ("409", "422"):
        ref = patch["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorOut")
    assert {"TokenAuth", "SessionPrincipalAuth"} <= set(schema["components"]["securitySchemes"])


def test_docs_page_loads_assets_from_our_static_files_only(client):
    html = client.get("/api/v1/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the docs page should reference its assets"
    assert all(url.startswith("/static/") for url in urls), urls
    assert "cdn" not in html.lower() and "https://" not in html
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        b"".join(asset.streaming_content) if asset.streaming else asset.content
