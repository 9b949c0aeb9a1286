"""A restricted value (424,242) and a restricted indicator never reach public output."""

import json

import pytest
from openpyxl import load_workbook

from napmon.api.services.release import build_release

from .conftest import SECRET_FIGURE

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/api/v1/values?limit=1000",
    "/api/v1/values?indicator=schedule-iv-listed",
    "/api/v1/indicators?limit=1000",
    "/api/v1/versions/2021/points",
    "/api/v1/versions/2021/points/4",
    "/api/v1/exports/values.csv",
    "/api/v1/exports/values.json",
    "/api/v1/exports/indicators.csv",
    "/api/v1/exports/opensdg/schedule-iv-listed.csv",
]


def _hidden(text: str) -> bool:
    return (
        SECRET_FIGURE not in text
        and "424,242" not in text
        and "515151" not in text
        and "hidden-indicator" not in text
    )


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_and_plain_tokens_get_public_material_only(
    client, restricted_value, reader, token_for, url
):
    for headers in ({}, token_for(reader, "write")):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        assert _hidden(response.content.decode()), url


def test_restricted_material_is_missing_from_xlsx_and_the_release(client, restricted_value):
    content = client.get("/api/v1/exports/values.xlsx").content
    from io import BytesIO

    sheet = load_workbook(BytesIO(content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert _hidden(cells)
    descriptor, files = build_release()
    assert _hidden(json.dumps(descriptor))
    for content in files.values():
        assert _hidden(content.decode())
    assert client.get("/api/v1/indicators/hidden-indicator").status_code == 404
    assert client.get("/api/v1/exports/opensdg/hidden-indicator.csv").status_code == 400


def test_users_allowed_restricted_material_see_it(client, restricted_value, analyst, token_for):
    headers = token_for(analyst, "read")
    values = client.get("/api/v1/values?indicator=schedule-iv-listed", **headers).json()
    assert [v["value"] for v in values["items"]] == [2646, 424242, 8374]
    assert values["items"][1]["visibility"] == "restricted"
    csv_text = client.get("/api/v1/exports/values.csv", **headers).content.decode()
    assert SECRET_FIGURE in csv_text and "hidden-indicator" in csv_text
