"""Property-based API tests: Schemathesis generates requests from our OpenAPI document.

Every operation of /api/v1/openapi.json gets schema-conforming (positive) and
schema-violating (negative) inputs, anonymously and with a read token. Whatever
the input, the API answers it: no 5xx. Failures are collected per operation and
reported with the request that caused them (as a curl command).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation import GenerationMode

from napmon.api.services import tokens
from napmon.core import roles

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25
SCHEMA_PATH = "/api/v1/openapi.json"
PAGINATED = ("/api/v1/indicators", "/api/v1/values", "/api/v1/ratings")
BIGINT = 2**63


@pytest.fixture
def api_schema(settings):
    # The rate limit would turn most generated requests into 429s and hide the rest.
    settings.NAPMON_API_RATE = "1000000/min"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, in_test_transaction(WSGIHandler()))


def in_test_transaction(handler):
    """The WSGI app, minus the connection clean-up at request start and end.

    ``close_old_connections`` would close the connection the test's transaction runs on
    (Django's test client leaves it out the same way); the body is read and the response
    closed while it is left out.
    """

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


@pytest.fixture
def read_token(db):
    user = User.objects.create_user("st-analyst", password="x-Secret-123")
    user.groups.add(Group.objects.get(name=roles.ANALYST))
    _token, secret = tokens.create_token(user, "schemathesis", "read")
    return secret


def _server_errors(operation, headers: dict, mode: GenerationMode) -> list[str]:
    """Run ``MAX_EXAMPLES`` generated requests against ``operation``; return the 5xx seen."""
    found: list[str] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # Each request in a savepoint: on PostgreSQL one failed query would otherwise
        # abort the test's transaction and turn every later request into a 500.
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            found.append(
                f"{operation.label} [{mode.value}] -> {response.status_code}\n"
                f"  {case.as_curl_command(headers=headers)}\n  {response.text[:300]}"
            )

    run()
    return found


def _check_every_operation(schema, headers: dict) -> tuple[list[str], list[str]]:
    labels, failures = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _server_errors(operation, headers, mode)
    return labels, failures


def test_the_schema_lists_every_api_operation(api_schema):
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    for expected in (
        "GET /api/v1/plans",
        "GET /api/v1/versions/{label}/points/{number}",
        "GET /api/v1/values",
        "GET /api/v1/events/summary",
        "GET /api/v1/me",
        "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{token_id}",
    ):
        assert expected in labels, sorted(labels)


def test_no_operation_answers_a_server_error_to_an_anonymous_caller(api_schema):
    labels, failures = _check_every_operation(api_schema, {})
    assert len(labels) >= 10
    assert failures == [], "\n".join(failures)


def test_no_operation_answers_a_server_error_to_a_read_token(api_schema, read_token):
    headers = {"Authorization": f"Bearer {read_token}"}
    labels, failures = _check_every_operation(api_schema, headers)
    assert len(labels) >= 10
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("path", PAGINATED)
def test_an_offset_beyond_bigint_is_a_client_error(settings, path):
    from django.test import Client

    settings.NAPMON_API_RATE = "1000000/min"
    response = Client(raise_request_exception=False).get(path, {"offset": BIGINT, "limit": 5})
    assert response.status_code == 422, response.status_code
    assert response.json()["field"] == "offset"
