import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.models import Report, ReportedValue

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _shape(response):
    body = response.json()
    assert set(body) <= {"code", "message", "field"}, body
    assert body["code"] and body["message"]
    return body


def _fill(client, report_id, headers, value=120, progress="Accounts reviewed with the SBP."):
    detail = client.get(f"/api/v1/reports/{report_id}", **headers).json()
    entry = detail["entries"][0]
    payload = {
        "version": detail["version"],
        "entries": [{"id": entry["id"], "progress": progress}],
        "values": [{"id": v["id"], "value": value} for v in entry["values"]],
    }
    return client.patch(f"/api/v1/reports/{report_id}", payload, content_type=JSON, **headers)


def test_reporter_lists_and_reads_only_their_own_bodys_reports(client, cycle, token_for):
    report = cycle["report"]
    punjab = token_for(cycle["users"]["punjab"])
    kp = token_for(cycle["users"]["kp"])
    rows = client.get("/api/v1/reports", **punjab).json()
    assert [(r["id"], r["body"], r["period"], r["state"]) for r in rows] == [
        (report.pk, "punjab", "2025-03", "draft")
    ]
    assert client.get("/api/v1/reports", **kp).json() == []
    detail = client.get(f"/api/v1/reports/{report.pk}", **punjab).json()
    assert detail["version"] == 1
    entry = detail["entries"][0]
    assert entry["point"] == {"version": "2021", "number": 4, "title": cycle["point"].title}
    assert {v["indicator"] for v in entry["values"]} == set(
        cycle["point"].indicators.values_list("slug", flat=True)
    )
    response = client.get(f"/api/v1/reports/{report.pk}", **kp)
    assert response.status_code == 404
    assert _shape(response)["code"] == "report_not_found"
    # an analyst (view_all) reads every body's reports
    analyst = token_for(cycle["users"]["analyst"])
    assert client.get(f"/api/v1/reports/{report.pk}", **analyst).status_code == 200


def test_reporter_of_another_body_cannot_write_the_report(client, cycle, token_for):
    report = cycle["report"]
    kp = token_for(cycle["users"]["kp"], "write")
    entry = report.entries.get()
    payload = {"entries": [{"id": entry.pk, "progress": "written by KP"}]}
    response = client.patch(f"/api/v1/reports/{report.pk}", payload, content_type=JSON, **kp)
    assert response.status_code == 404
    response = client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON, **kp)
    assert response.status_code == 404
    report.refresh_from_db()
    assert (report.state, report.version, report.entries.get().progress) == ("draft", 1, "")


def test_writes_need_the_write_scope(client, cycle, token_for):
    report = cycle["report"]
    read = token_for(cycle["users"]["punjab"], "read")
    response = _fill(client, report.pk, read)
    assert response.status_code == 403
    assert _shape(response)["code"] == "insufficient_scope"
    response = client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON, **read)
    assert response.status_code == 403
    response = client.get("/api/v1/reports")
    assert response.status_code == 401 and _shape(response)["code"] == "not_authenticated"


def test_update_saves_through_the_service_and_stale_version_is_409(client, cycle, token_for):
    report = cycle["report"]
    headers = token_for(cycle["users"]["punjab"], "write")
    response = _fill(client, report.pk, headers, value=120)
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 2 and body["state"] == "draft"
    assert body["entries"][0]["progress"] == "Accounts reviewed with the SBP."
    assert {v["value"] for v in body["entries"][0]["values"]} == {120.0}
    assert set(
        ReportedValue.objects.filter(entry__report=report).values_list("value", flat=True)
    ) == {Decimal("120")}
    assert AuditEntry.objects.filter(
        action="reporting.report.changed", object_id=str(report.pk)
    ).exists()
    # a second client still holding version 1
    entry_id = body["entries"][0]["id"]
    stale = {"version": 1, "entries": [{"id": entry_id, "progress": "overwrite"}]}
    response = client.patch(f"/api/v1/reports/{report.pk}", stale, content_type=JSON, **headers)
    assert response.status_code == 409
    assert _shape(response)["code"] == "conflict"
    assert Report.objects.get(pk=report.pk).entries.get().progress == (
        "Accounts reviewed with the SBP."
    )
    # fields left out keep their content
    only_bottlenecks = {"version": 2, "entries": [{"id": entry_id, "bottlenecks": "staffing"}]}
    body = client.patch(
        f"/api/v1/reports/{report.pk}", only_bottlenecks, content_type=JSON, **headers
    ).json()
    assert body["entries"][0]["progress"] == "Accounts reviewed with the SBP."
    assert body["entries"][0]["bottlenecks"] == "staffing"
    assert {v["value"] for v in body["entries"][0]["values"]} == {120.0}


def test_unknown_entry_id_is_404_naming_the_field(client, cycle, token_for):
    headers = token_for(cycle["users"]["punjab"], "write")
    payload = {"entries": [{"id": 999999, "progress": "x"}]}
    response = client.patch(
        f"/api/v1/reports/{cycle['report'].pk}", payload, content_type=JSON, **headers
    )
    assert response.status_code == 404
    assert _shape(response)["field"] == "entries"


def test_submit_without_progress_is_422_naming_the_field(client, cycle, token_for):
    report = cycle["report"]
    headers = token_for(cycle["users"]["punjab"], "write")
    _fill(client, report.pk, headers, progress="")
    response = client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON, **headers)
    assert response.status_code == 422
    body = _shape(response)
    entry = report.entries.get()
    assert body["code"] == "validation"
    assert body["field"] == f"entries.{entry.pk}.progress"
    assert "Describe the progress on this point." in body["message"]
    assert Report.objects.get(pk=report.pk).state == "draft"


def test_submit_approve_and_return_go_through_the_workflow(client, cycle, token_for):
    report = cycle["report"]
    reporter = token_for(cycle["users"]["punjab"], "write")
    reviewer = token_for(cycle["users"]["reviewer"], "write")
    _fill(client, report.pk, reporter)
    response = client.post(
        f"/api/v1/reports/{report.pk}/submit", {"version": 2}, content_type=JSON, **reporter
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["version"]) == ("submitted", 3)
    # a reporter cannot approve (their body is in scope, the permission is not)
    response = client.post(
        f"/api/v1/reports/{report.pk}/approve", {}, content_type=JSON, **reporter
    )
    assert response.status_code == 403 and _shape(response)["code"] == "permission_denied"
    response = client.post(
        f"/api/v1/reports/{report.pk}/return", {"comment": " "}, content_type=JSON, **reviewer
    )
    assert response.status_code == 422
    assert _shape(response) == {
        "code": "comment_required",
        "field": "comment",
        "message": "Say what the reporter should change.",
    }
    response = client.post(
        f"/api/v1/reports/{report.pk}/approve",
        {"comment": "Thorough.", "version": 3},
        content_type=JSON,
        **reviewer,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "approved"
    assert body["comments"] == [
        {
            "action": "approved",
            "text": "Thorough.",
            "author": "rev",
            "created_at": body["comments"][0]["created_at"],
        }
    ]
    # a second reviewer acting on what they saw as "submitted, version 3"
    response = client.post(
        f"/api/v1/reports/{report.pk}/return",
        {"comment": "Fix it.", "version": 3},
        content_type=JSON,
        **reviewer,
    )
    assert response.status_code == 409 and _shape(response)["code"] == "conflict"
    response = client.post(
        f"/api/v1/reports/{report.pk}/approve", {}, content_type=JSON, **reviewer
    )
    assert response.status_code == 409 and _shape(response)["code"] == "invalid_state"


def test_create_report_for_own_body_and_refusals(client, cycle, token_for):
    kp = token_for(cycle["users"]["kp"], "write")
    response = client.post("/api/v1/reports", {"period": "2025-03"}, content_type=JSON, **kp)
    assert response.status_code == 201
    body = response.json()
    assert (body["body"], body["period"], body["state"], body["revision"]) == (
        "khyber-pakhtunkhwa",
        "2025-03",
        "draft",
        1,
    )
    assert len(body["entries"]) == 1
    response = client.post("/api/v1/reports", {"period": "2025-03"}, content_type=JSON, **kp)
    assert response.status_code == 409 and _shape(response)["code"] == "exists"
    response = client.post(
        "/api/v1/reports", {"period": "2025-03", "body": "punjab"}, content_type=JSON, **kp
    )
    assert response.status_code == 403 and _shape(response)["code"] == "permission_denied"
    response = client.post("/api/v1/reports", {"period": "2031-01"}, content_type=JSON, **kp)
    assert response.status_code == 404
    assert _shape(response)["field"] == "period"
    response = client.post("/api/v1/reports", {"period": "March"}, content_type=JSON, **kp)
    assert response.status_code == 422
    assert _shape(response) | {"message": ""} == {
        "code": "invalid_month",
        "field": "period",
        "message": "",
    }
    response = client.post("/api/v1/reports", {}, content_type=JSON, **kp)
    assert response.status_code == 422 and _shape(response)["field"] == "period"


def test_session_writes_need_the_csrf_token(cycle):
    report = cycle["report"]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cycle["users"]["punjab"])
    entry = report.entries.get()
    payload = {"entries": [{"id": entry.pk, "progress": "from the browser"}]}
    response = browser.patch(f"/api/v1/reports/{report.pk}", payload, content_type=JSON)
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"
    browser.get("/login/")
    csrf = browser.cookies["csrftoken"].value
    response = browser.patch(
        f"/api/v1/reports/{report.pk}", payload, content_type=JSON, HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 200
    assert response.json()["entries"][0]["progress"] == "from the browser"


def test_reporting_rates_for_the_monitoring_cell_only(client, cycle, token_for):
    report, users = cycle["report"], cycle["users"]
    headers = token_for(users["punjab"], "write")
    _fill(client, report.pk, headers)
    client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON, **headers)
    response = client.get("/api/v1/reporting/periods/2025-03/rates", **token_for(users["analyst"]))
    assert response.status_code == 200
    rates = response.json()
    assert (rates["expected"], rates["submitted"], rates["approved"]) == (2, 1, 0)
    assert rates["submitted_rate"] == 0.5 and rates["approved_rate"] == 0.0
    assert rates["deadline"] == "2025-04-10"
    by_body = {b["body"]: b for b in rates["bodies"]}
    assert by_body["punjab"]["state"] == "submitted" and by_body["punjab"]["report"] == report.pk
    assert by_body["khyber-pakhtunkhwa"]["submitted"] is False
    assert by_body["khyber-pakhtunkhwa"]["state"] is None
    response = client.get("/api/v1/reporting/periods/2025-03/rates", **headers)
    assert response.status_code == 403 and _shape(response)["code"] == "permission_denied"
    assert client.get("/api/v1/reporting/periods/2025-03/rates").status_code == 401
    coordinator = token_for(users["coordinator"])
    response = client.get("/api/v1/reporting/periods/2019-01/rates", **coordinator)
    assert response.status_code == 404
    periods = client.get("/api/v1/reporting/periods", **headers).json()
    assert periods[0]["label"] == "2025-03" and periods[0]["state"] == "open"


def test_cli_rates_json_is_the_api_document(client, cycle, token_for):
    report, users = cycle["report"], cycle["users"]
    headers = token_for(users["punjab"], "write")
    _fill(client, report.pk, headers)
    client.post(f"/api/v1/reports/{report.pk}/submit", {}, content_type=JSON, **headers)
    api = client.get("/api/v1/reporting/periods/2025-03/rates", **token_for(users["analyst"]))
    out = StringIO()
    call_command("reporting", "rates", "--period", "2025-03", "--json", stdout=out)
    cli = json.loads(out.getvalue())
    assert cli == api.json()
    punjab = next(b for b in cli["bodies"] if b["body"] == "punjab")
    assert punjab["submitted_at"] and punjab["state"] == "submitted"


def _review(cycle):
    """An approved report, then review 2025-H1 opened and rated (still open)."""
    users, report = cycle["users"], cycle["report"]
    data = {f"progress-{e.pk}": "Done." for e in report.entries.all()}
    for rv in ReportedValue.objects.filter(entry__report=report):
        data[rv.field_name] = Decimal(100)
    services.save_report(report, data, actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    services.approve_report(report, actor=users["reviewer"])
    review = services.open_review("2025-H1", actor=users["coordinator"])
    services.record_rating(
        review.points.get(),
        "mixed",
        "Accounts blocked rose but reporting was patchy.",
        dissent="One reviewer would rate it unsatisfactory.",
        evidence_links="internal://memo-17",
        actor=users["reviewer"],
    )
    return review


def test_open_reviews_are_internal_only(client, cycle, token_for):
    _review(cycle)
    assert client.get("/api/v1/reviews").json() == []
    response = client.get("/api/v1/reviews/2025-H1")
    assert response.status_code == 404 and _shape(response)["code"] == "review_not_found"
    reporter = token_for(cycle["users"]["punjab"])
    assert client.get("/api/v1/reviews/2025-H1", **reporter).status_code == 404
    coordinator = token_for(cycle["users"]["coordinator"])
    body = client.get("/api/v1/reviews/2025-H1", **coordinator).json()
    assert (body["state"], body["points"], body["rated"], body["dissents"]) == ("open", 1, 1, 1)
    row = body["ratings"][0]
    assert row["point"]["number"] == 4
    assert row["proposed"] in ("satisfactory", "mixed", "unsatisfactory")
    assert row["proposal"]["rating"] == row["proposed"]
    assert (row["rating"], row["final"]) == ("mixed", None)
    assert row["dissent"] == "One reviewer would rate it unsatisfactory."
    assert row["recorded_by"] == "rev"
    response = client.get("/api/v1/reviews/2025-H3")
    assert response.status_code == 422 and _shape(response)["code"] == "invalid_half"


def test_finalised_review_is_public_without_internal_material(client, cycle, token_for):
    review = _review(cycle)
    services.finalise_review(review, actor=cycle["users"]["coordinator"])
    listed = client.get("/api/v1/reviews").json()
    assert [(r["label"], r["state"], r["dissents"]) for r in listed] == [
        ("2025-H1", "finalised", 1)
    ]
    assert listed[0]["source"]["title"] == "NACTA six-monthly review H1 2025"
    response = client.get("/api/v1/reviews/2025-H1")
    assert response.status_code == 200
    row = response.json()["ratings"][0]
    assert row["rating"] == "mixed" and row["has_dissent"] is True
    assert row["rationale"] == "Accounts blocked rose but reporting was patchy."
    assert row["final"]["rating"] == "mixed"
    # Dated by the decision (recorded today), not by the end of the half-year.
    assert row["final"]["date"] == timezone.localdate().isoformat()
    assert row["final"]["rater_kind"] == "coordinating_authority"
    for internal in ("proposed", "proposal", "dissent", "evidence_links", "recorded_by"):
        assert row[internal] is None, internal
    text = response.content.decode()
    assert "would rate it unsatisfactory" not in text and "memo-17" not in text
    internal = client.get("/api/v1/reviews/2025-H1", **token_for(cycle["users"]["analyst"]))
    assert "memo-17" in internal.content.decode()
