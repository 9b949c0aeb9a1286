"""Pages: permission and scope (403/404 by page and by URL), forms, evidence, audit log."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections

from napmon.core.models import AuditEntry
from napmon.reporting import services
from napmon.reporting.models import Evidence

from .helpers import fill, value_field

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def login(client, user):
    client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_log_in(client, report):
    for url in ("/reporting/", f"/reporting/reports/{report.pk}/", "/reporting/audit/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_reporter_of_another_body_gets_404_by_url_and_does_not_see_the_draft(client, report, users):
    login(client, users["kp"])
    page = client.get("/reporting/").content.decode()
    assert f'id="report-{report.pk}"' not in page
    for url in (f"/reporting/reports/{report.pk}/", f"/reporting/reports/{report.pk}/edit/"):
        assert client.get(url).status_code == 404
    entry = report.entries.get()
    response = client.post(
        f"/reporting/reports/{report.pk}/edit/",
        {"version": report.version, f"progress-{entry.pk}": "hijack", "save": "1"},
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.progress == ""


def test_reporter_cannot_review_and_analyst_cannot_edit(client, report, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    login(client, users["punjab"])
    response = client.post(
        f"/reporting/reports/{report.pk}/review/",
        {"decision": "approve", "version": report.version},
    )
    assert response.status_code == 403
    login(client, users["analyst"])
    assert client.get(f"/reporting/reports/{report.pk}/").status_code == 200
    assert client.get(f"/reporting/reports/{report.pk}/edit/").status_code == 404
    assert client.get("/reporting/audit/").status_code == 403
    assert client.post("/reporting/periods/", {"month": "2025-05"}).status_code == 403


def test_edit_page_shows_the_hard_rule_message_on_the_field(client, report, users):
    login(client, users["punjab"])
    data = {k: ("" if v is None else str(v)) for k, v in fill(report).items()}
    field = value_field(report, "schedule-iv-listed")
    data.update({field: "-3", "version": report.version, "submit": "1"})
    html = client.post(f"/reporting/reports/{report.pk}/edit/", data).content.decode()
    assert "The report cannot be submitted yet" in html
    position = html.index(f'name="{field}"')
    assert "The value is below the minimum of 0." in html[position : position + 600]
    report.refresh_from_db()
    assert report.state == "draft"
    data[field] = "7"
    data["version"] = report.version
    response = client.post(f"/reporting/reports/{report.pk}/edit/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted"


def test_stale_review_form_shows_a_conflict_message(client, report, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    services.submit_report(report, actor=users["punjab"])
    report.refresh_from_db()
    stale = report.version
    services.approve_report(report, actor=users["reviewer"])
    login(client, users["reviewer2"])
    response = client.post(
        f"/reporting/reports/{report.pk}/review/",
        {"decision": "return", "comment": "No.", "version": stale},
        follow=True,
    )
    assert "Someone else changed this record" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "approved"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("minutes.pdf", b"%PDF-1.7\n...", True),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", True),
        ("photo.jpg", b"\xff\xd8\xff\xe0....", True),
        ("minutes.docx", _docx(), True),
        ("figures.csv", b"district,count\nLahore,4\n", True),
        ("fake.pdf", b"MZ\x90\x00 executable", False),
        ("script.exe", b"MZ\x90\x00", False),
        ("renamed.png", b"%PDF-1.7", False),
        ("broken.docx", b"PK\x03\x04 not really", False),
    ],
)
def test_evidence_type_checked_by_content(client, report, users, name, content, accepted):
    login(client, users["punjab"])
    entry = report.entries.get()
    upload = SimpleUploadedFile(name, content)
    client.post(f"/reporting/reports/{report.pk}/evidence/", {"entry": entry.pk, "file": upload})
    assert Evidence.objects.filter(entry=entry).exists() is accepted


def test_evidence_size_limit_and_scoped_download(client, report, users, settings):
    settings.NAPMON_EVIDENCE_MAX_BYTES = 10
    login(client, users["punjab"])
    entry = report.entries.get()
    upload = SimpleUploadedFile("big.csv", b"a,b\n" * 10)
    response = client.post(
        f"/reporting/reports/{report.pk}/evidence/",
        {"entry": entry.pk, "file": upload},
        follow=True,
    )
    assert "larger than the limit" in response.content.decode()
    settings.NAPMON_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    evidence = services.add_evidence(
        entry, SimpleUploadedFile("m.pdf", b"%PDF-1.4 x"), actor=users["punjab"]
    )
    response = client.get(f"/reporting/evidence/{evidence.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    # Closing a response fires request_finished, whose handler would close the test
    # transaction's connection on PostgreSQL: close the file without it.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    login(client, users["kp"])
    assert client.get(f"/reporting/evidence/{evidence.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/reporting/evidence/{evidence.pk}/").status_code == 302
    assert AuditEntry.objects.filter(action="reporting.evidence.added").count() == 1


def test_audit_page_filters_and_exports_csv(client, report, users):
    services.save_report(report, fill(report), actor=users["punjab"])
    login(client, users["admin"])
    html = client.get("/reporting/audit/?actor=rep-pb").content.decode()
    assert "reporting.report.created" in html and "reporting.period.opened" not in html
    response = client.get("/reporting/audit/?action=.report.&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["timestamp", "who", "action"]
    assert {r[2] for r in rows[1:]} == {"reporting.report.created", "reporting.report.changed"}
    assert client.get("/reporting/audit/?record_type=x&date_from=2000-01-01").status_code == 200


def test_audit_entries_cannot_be_changed_in_the_admin(client, users):
    admin = users["admin"]
    admin.is_superuser = True
    admin.save()
    login(client, admin)
    entry = AuditEntry.objects.first()
    assert client.get(f"/admin/core/auditentry/{entry.pk}/change/").status_code == 200
    assert (
        client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_pages_render_for_each_role(client, report, users, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    pages = {
        "coordinator": [
            "/reporting/",
            "/reporting/periods/",
            "/reporting/reviews/",
            "/reporting/assignments/",
        ],
        "reviewer": ["/reporting/", f"/reporting/reports/{report.pk}/"],
        "punjab": ["/reporting/", f"/reporting/reports/{report.pk}/edit/"],
        "admin": ["/reporting/audit/"],
    }
    for role, urls in pages.items():
        client.force_login(users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            assert ('dir="rtl"' in response.content.decode()) is (language == "ur")
    rates = client.get(f"/reporting/periods/{report.period.pk}/rates/")
    assert rates.status_code == 200
