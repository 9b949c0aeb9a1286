"""Property-based API tests: Schemathesis generates requests from our OpenAPI document.

Every operation of /api/v1/openapi.json gets schema-conforming (positive) and
schema-violating (negative) inputs, anonymously and with a read token. Whatever
the input, the API answers it: no 5xx. Failures are collected per operation and
reported with the request that caused them (as a curl command). Explicit examples add
what generation never draws: NaN, Infinity, 1e16 and 1e400 in every numeric parameter and
body field, each of which must get a 4xx in the error shape.
"""

from __future__ import annotations

import json

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


# --- explicit examples: non-finite and out-of-range numbers ------------------------------
# Hypothesis never draws these for a JSON number (they are not JSON), yet a client can send
# them: NaN/Infinity as JSON literals in a body, any of them as a query or path parameter.
NON_FINITE = ("NaN", "Infinity", "-Infinity", "1e16", "-1e16", "1e400")
SENTINEL = "__number_under_test__"


def _resolve(schema: dict, raw: dict) -> dict:
    while "$ref" in schema:
        node = raw
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _is_numeric(schema: dict, raw: dict) -> bool:
    schema = _resolve(schema, raw)
    options = schema.get("anyOf", []) + schema.get("oneOf", []) + [schema]
    return any(_resolve(o, raw).get("type") in ("integer", "number") for o in options)


def _skeleton(schema: dict, raw: dict):
    """A small valid-shaped value for ``schema``; numbers are where we put the odd ones."""
    schema = _resolve(schema, raw)
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        if _resolve(option, raw).get("type") != "null":
            return _skeleton(option, raw)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _skeleton(sub, raw) for name, sub in props.items()}
    if kind == "array":
        return [_skeleton(schema.get("items", {}), raw)]
    return {"integer": 1, "number": 1.5, "boolean": True}.get(kind, schema.get("enum", ["x"])[0])


def _numeric_leaves(value, schema: dict, raw: dict, path=()):
    schema = _resolve(schema, raw)
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        if _resolve(option, raw).get("type") != "null":
            schema = _resolve(option, raw)
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            yield from _numeric_leaves(value[name], sub, raw, (*path, name))
    elif isinstance(value, list):
        yield from _numeric_leaves(value[0], schema.get("items", {}), raw, (*path, 0))
    elif _is_numeric(schema, raw):
        yield path


def _with(value, path, replacement):
    if not path:
        return replacement
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _with(value[path[0]], path[1:], replacement)
    return copy


def _odd_number_cases(operation, raw: dict, report_id: int):
    """(label, case, raw body or None) for every numeric parameter and body field."""
    definition = operation.definition.raw
    params = [_resolve(p, raw) for p in definition.get("parameters", [])]
    path_values = {
        p["name"]: report_id if p["name"] == "report_id" else 1
        for p in params
        if p["in"] == "path" and _is_numeric(p.get("schema", {}), raw)
    }
    path_values.update(
        {p["name"]: "x" for p in params if p["in"] == "path" and p["name"] not in path_values}
    )
    for param in params:
        if param["in"] in ("query", "path") and _is_numeric(param.get("schema", {}), raw):
            for number in NON_FINITE:
                where = {param["in"]: {param["name"]: number}}
                case = operation.Case(
                    path_parameters={**path_values, **where.get("path", {})},
                    query=where.get("query", {}),
                )
                yield f"{param['in']} {param['name']}={number}", case, None
    content = definition.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return
    base = _skeleton(content["schema"], raw)
    for leaf in _numeric_leaves(base, content["schema"], raw):
        text = json.dumps(_with(base, leaf, SENTINEL))
        for number in NON_FINITE:
            body = text.replace(f'"{SENTINEL}"', number)
            case = operation.Case(path_parameters=path_values, media_type="application/json")
            yield f"body {'.'.join(map(str, leaf))}={number}", case, body


def _error_shape_problem(response) -> str | None:
    if not 400 <= response.status_code < 500:
        return f"status {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return "not JSON"
    if not (isinstance(body, dict) and set(body) <= {"code", "message", "field"}):
        return f"not the error shape: {body!r}"
    return None if body.get("code") and body.get("message") else f"empty code/message: {body!r}"


@pytest.fixture
def own_report(db):
    """A reporter's open report on 2021/4, and a write token of that reporter."""
    from napmon.plans.models import Point
    from napmon.reporting import services as reporting
    from napmon.reporting.models import BodyMembership, ReportingBody

    body = ReportingBody.objects.get(slug="punjab")
    coordinator = User.objects.create_user("st-coordinator")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR))
    reporter = User.objects.create_user("st-reporter")
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    BodyMembership.objects.create(user=reporter, body=body)
    coordinator, reporter = User.objects.get(pk=coordinator.pk), User.objects.get(pk=reporter.pk)
    point = Point.objects.get(version__label="2021", number=4)
    reporting.assign_point(body, point, actor=coordinator)
    period = reporting.open_period("2025-03", actor=coordinator)
    report = reporting.create_report(body, period, actor=reporter)
    _token, secret = tokens.create_token(reporter, "schemathesis write", "write")
    return report, {"Authorization": f"Bearer {secret}"}


def test_non_finite_numbers_in_every_numeric_field_get_a_4xx_in_the_error_shape(
    api_schema, own_report
):
    report, headers = own_report
    raw = api_schema.raw_schema
    tried, problems = {}, []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for label, case, body in _odd_number_cases(operation, raw, report.pk):
            extra = {"data": body.encode()} if body is not None else {}
            with transaction.atomic():
                response = case.call(headers=headers, **extra)
                transaction.set_rollback(True)
            tried[f"{operation.label} {label}"] = response
            problem = _error_shape_problem(response)
            if problem:
                problems.append(f"{operation.label} {label}: {problem}")
    assert problems == [], "\n".join(problems)
    assert len(tried) > 100
    for number in ("NaN", "Infinity", "1e16"):  # the 500s of the issue
        patched = tried[f"PATCH /api/v1/reports/{{report_id}} body values.0.value={number}"]
        assert (patched.status_code, patched.json()["code"]) == (400, "invalid_number")
    assert tried["GET /api/v1/values query offset=1e16"].json()["field"] == "offset"
