"""Role landing pages, the completeness matrix, its exports and the public status page."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from napmon.reporting import services
from napmon.reporting.models import Report
from napmon.reporting.services import completeness

from .helpers import PASSWORD, fill

pytestmark = pytest.mark.django_db


def test_cell_states_follow_the_calendar_and_never_call_late_before_the_deadline(
    period, punjab, kp, report, users
):
    # 2025-03: deadline 2025-04-10. Punjab has a draft, KP nothing.
    assert period.deadline == date(2025, 4, 10)
    march = date(2025, 3, 1)

    def cell(body, today):
        return completeness.completeness_matrix([march], bodies=[body], today=today).rows[0][1][0]

    assert cell(kp, date(2025, 3, 20)).state == completeness.NOT_YET_DUE
    assert cell(kp, date(2025, 4, 5)).state == completeness.DUE
    assert cell(kp, date(2025, 4, 10)).timeliness == completeness.PENDING
    late = cell(kp, date(2025, 4, 29))
    assert (late.state, late.timeliness, late.days_late) == ("late", "overdue", 19)
    draft = cell(punjab, date(2025, 4, 29))
    assert (draft.state, draft.timeliness, draft.days_late) == ("draft", "overdue", 19)
    assert cell(punjab, date(2025, 4, 1)).timeliness == completeness.PENDING
    # A month with no opened period owes nothing.
    empty = completeness.completeness_matrix([date(2025, 2, 1)], today=date(2025, 4, 29))
    assert {c.state for _b, cells in empty.rows for c in cells} == {"not_opened"}


def test_rates_say_not_yet_before_the_deadline_and_no_after_it(period, report, users, kp):
    before = services.reporting_rates(period, today=date(2025, 4, 5))
    assert [row["on_time"] for row in before["bodies"]] == [None, None]
    assert before["late"] == []
    after = services.reporting_rates(period, today=date(2025, 4, 11))
    assert [row["on_time"] for row in after["bodies"]] == [False, False]
    assert {b.slug for b in after["late"]} == {"khyber-pakhtunkhwa", "punjab"}


def test_landing_page_after_login_depends_on_the_role(client, period, users):
    expected = {
        "coordinator": "/reporting/cockpit/",
        "admin": "/reporting/cockpit/",
        "reviewer": "/reporting/queue/",
        "punjab": "/reporting/mine/",
        "analyst": "/reporting/",
    }
    for who, url in expected.items():
        client.force_login(users[who])
        assert client.get("/reporting/start/")["Location"] == url, who

    client.logout()
    response = client.post("/login/", {"username": "rev", "password": PASSWORD})
    assert response["Location"] == "/reporting/start/"


def _submit(report, user, when):
    services.save_report(report, fill(report), actor=user)
    report.refresh_from_db()
    services.submit_report(report, actor=user)
    Report.objects.filter(pk=report.pk).update(submitted_at=when, first_submitted_at=when)


def test_review_queue_lists_oldest_first_with_days_waiting(client, period, punjab, kp, users):
    now = datetime.now(UTC)
    pb = services.create_report(punjab, period, actor=users["punjab"])
    _submit(pb, users["punjab"], now - timedelta(days=2))
    kr = services.create_report(kp, period, actor=users["kp"])
    _submit(kr, users["kp"], now - timedelta(days=9))
    client.force_login(users["reviewer"])
    html = client.get("/reporting/queue/").content.decode()
    assert html.index("Khyber") < html.index("Punjab")
    assert "9 days" in html and "2 days" in html
    client.force_login(users["punjab"])
    assert client.get("/reporting/queue/").status_code == 403


def test_reporter_page_shows_due_date_lateness_and_the_reviewers_comment(
    client, report, users, settings
):
    _submit(report, users["punjab"], datetime.now(UTC))
    report.refresh_from_db()
    services.return_report(report, "Give the figure for March only.", actor=users["reviewer"])
    client.force_login(users["punjab"])
    html = client.get("/reporting/mine/").content.decode()
    assert "Reports of Punjab" in html
    assert "returned" in html and "2025-04-10" in html
    assert "Give the figure for March only." in html
    # The other body's page is its own: KP sees its March report as late, not Punjab's.
    client.force_login(users["kp"])
    html = client.get("/reporting/mine/").content.decode()
    assert "Give the figure" not in html
    assert "late, not started" in html


def test_cockpit_lists_the_late_body_with_days_overdue(client, report, users):
    client.force_login(users["coordinator"])
    html = client.get("/reporting/cockpit/").content.decode()
    # The 2025-03 deadline passed long ago: both bodies are overdue.
    assert "Late: deadline passed, nothing submitted" in html
    assert "Khyber Pakhtunkhwa" in html and "late, not started" in html
    client.force_login(users["punjab"])
    assert client.get("/reporting/cockpit/").status_code == 403


def test_matrix_filters_export_and_bad_months(client, report, users):
    client.force_login(users["coordinator"])
    url = "/reporting/completeness/?start=2025-02&end=2025-04&state=late"
    html = client.get(url).content.decode()
    assert 'data-body="khyber-pakhtunkhwa"' in html
    assert 'data-body="punjab"' not in html  # Punjab has a draft, not "late, not started"
    assert f'href="/reporting/reports/{report.pk}/"' not in html
    html = client.get("/reporting/completeness/?start=2025-03&end=2025-03").content.decode()
    assert f'href="/reporting/reports/{report.pk}/"' in html

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/reporting/completeness/?start=2025-03&end=2025-03&format=csv"
                ).content.decode()
            )
        )
    )
    assert rows[0][:4] == ["body", "month", "state", "timeliness"]
    assert rows[1][0].startswith("Khyber Pakhtunkhwa")
    assert rows[1][1:5] == ["2025-03", "late", "overdue", "2025-04-10"]
    assert rows[2][0].startswith("Punjab") and rows[2][1:4] == ["2025-03", "draft", "overdue"]
    book = load_workbook(
        io.BytesIO(
            client.get("/reporting/completeness/?start=2025-03&end=2025-03&format=xlsx").content
        )
    )
    assert [c.value for c in book.active[3]][1:3] == ["2025-03", "draft"]

    bad = client.get("/reporting/completeness/?start=2025-13").content.decode()
    assert "From month: 2025-13 is not a month" in bad
    bad = client.get("/reporting/completeness/?start=2025-05&end=2025-01").content.decode()
    assert "The end month must not come before the start month." in bad


def test_public_status_page_shows_states_without_contents_unless_switched_off(
    client, report, settings
):
    html = client.get("/reporting/status/?start=2025-03&end=2025-03").content.decode()
    assert 'data-body="punjab"' in html and "draft" in html
    assert f"/reporting/reports/{report.pk}/" not in html
    settings.NAPMON_REPORTING_STATUS_PUBLIC = False
    assert client.get("/reporting/status/").status_code == 404


def test_figures_come_back_as_typed_and_display_with_thousands_separators(client, report, users):
    data = fill(report, value=5120)
    services.save_report(report, data, actor=users["punjab"])
    client.force_login(users["punjab"])
    html = client.get(f"/reporting/reports/{report.pk}/edit/").content.decode()
    assert 'value="5120"' in html and "E+" not in html
    services.submit_report(report, actor=users["punjab"])
    html = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert "5,120" in html and "E+" not in html


def test_evidence_sent_with_the_form_keeps_what_was_typed(client, report, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["punjab"])
    entry = report.entries.get()
    data = {k: ("" if v is None else str(v)) for k, v in fill(report, value=42).items()}
    data[f"progress-{entry.pk}"] = "Typed before attaching."
    data["version"] = str(report.version)
    data[f"evidence-{entry.pk}"] = SimpleUploadedFile(
        "figures.csv", b"month,accounts\n2025-03,42\n", content_type="text/csv"
    )
    response = client.post(f"/reporting/reports/{report.pk}/edit/", data, follow=True)
    assert "File figures.csv attached." in response.content.decode()
    entry.refresh_from_db()
    assert entry.progress == "Typed before attaching."
    assert [e.original_name for e in entry.evidence.all()] == ["figures.csv"]
    assert {v.value for v in entry.values.all()} == {42}


def test_form_labels_say_what_each_figure_counts(client, report, users):
    from napmon.indicators.models import Indicator

    Indicator.objects.filter(slug="accounts-blocked").update(aggregation="flow")
    Indicator.objects.filter(slug="funds-frozen").update(aggregation="stock")
    client.force_login(users["punjab"])
    html = client.get(f"/reporting/reports/{report.pk}/edit/").content.decode()
    assert "Bank accounts blocked (count, this month)" in html
    assert "Funds frozen (Pakistani rupees, total to date)" in html
