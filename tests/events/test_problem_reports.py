"""Every problem reaches the user: --problems CSV, --json, the upload and background pages."""

import csv
import json
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from napmon.events.models import AnnualFigure, ProblemLog

pytestmark = pytest.mark.django_db

BAD_ROWS = 1200  # more than the 1,000 problems a report keeps in memory


@pytest.fixture
def narnia(tmp_path):
    """An annual table whose every row names a region that does not exist."""
    path = tmp_path / "narnia.csv"
    lines = ["year,region,measure,value,source"]
    lines += [f"{2000 + i % 20},Narnia,attacks,{i},test" for i in range(BAD_ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _user(name):
    user = User.objects.create_user(name, password="x-Secret-123")
    user.user_permissions.add(Permission.objects.get(codename="add_importbatch"))
    return user


def _run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("events", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_refused_import_writes_every_problem_to_csv(reference, narnia, tmp_path):
    target = tmp_path / "problems.csv"
    out, err, exc = _run("import", "annual", narnia, "--problems", target)

    assert exc is not None and "[unknown_region]" in str(exc)
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == BAD_ROWS
    assert [rows[0]["row"], rows[-1]["row"]] == ["2", str(BAD_ROWS + 1)]
    assert {r["code"] for r in rows} == {"unknown_region"} and rows[0]["field"] == "region"
    assert f"{BAD_ROWS} problem(s) written to {target}" in err
    assert f"... and {BAD_ROWS - 50} more: every problem is written by --problems FILE" in out
    assert AnnualFigure.objects.count() == 0


def test_dry_run_writes_its_warnings_too(reference, data_dir, tmp_path):
    target = tmp_path / "dry.csv"
    _run(
        "import",
        "gtd",
        data_dir / "gtd/valid/gtd_identical_rows.csv",
        "--dry-run",
        "--problems",
        target,
    )

    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["row"], r["code"], r["severity"]) for r in rows if r["code"] == "identical_row"] == [
        ("4", "identical_row", "warning"),
        ("5", "identical_row", "warning"),
        ("7", "identical_row", "warning"),
    ]


def test_json_lists_every_problem(reference, narnia):
    out, _, exc = _run("import", "annual", narnia, "--json")

    data = json.loads(out)
    assert exc is not None and data["error"]["code"] == "unknown_region"
    assert len(data["problems"]) == BAD_ROWS and data["errors"] == BAD_ROWS
    assert data["problems"][-1]["row"] == BAD_ROWS + 1 and data["unlisted_problems"] == 0


def test_upload_page_pages_through_every_problem(client, reference, narnia):
    user = _user("importer")
    client.force_login(user)
    with narnia.open("rb") as fh:
        response = client.post(reverse("events:upload"), {"format": "annual", "file": fh})

    html = response.content.decode()
    assert "Nothing was imported" in html and f"{BAD_ROWS} problems" in html
    log = ProblemLog.objects.get()
    assert (log.outcome, log.problem_count, log.problems.count()) == ("refused", BAD_ROWS, BAD_ROWS)
    assert "Page 1 of 12" in html and f"/events/import/problems/{log.pk}/?page=2" in html
    last = client.get(reverse("events:problems", args=[log.pk]), {"page": 12}).content.decode()
    assert "Page 12 of 12" in last and f"<td>{BAD_ROWS + 1}</td>" in last
    assert "&#x27;Narnia&#x27; is not a region in the gazetteer" in last
    download = client.get(reverse("events:problems-csv", args=[log.pk]))
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert len(lines) == BAD_ROWS + 1 and lines[0] == "row,field,code,severity,message"
    # someone else's import is not shown, even to another importer
    client.force_login(_user("other"))
    assert client.get(reverse("events:problems", args=[log.pk])).status_code == 404
    assert client.get(reverse("events:problems-csv", args=[log.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("events:problems", args=[log.pk])).status_code == 302


def test_failed_background_import_links_to_every_problem(
    client, reference, narnia, settings, tmp_path
):
    from napmon.core.models import TaskProgress
    from napmon.core.tasks import run_pending

    settings.MEDIA_ROOT = tmp_path
    settings.NAPMON_BACKGROUND_IMPORT_MB = 0.0001
    client.force_login(_user("importer"))
    with narnia.open("rb") as fh:
        progress_page = client.post(reverse("events:upload"), {"format": "annual", "file": fh})
    run_pending()

    task = TaskProgress.objects.get()
    log = ProblemLog.objects.get()
    assert task.status == "failed" and task.error_code == "unknown_region"
    assert task.result_url == reverse("events:problems", args=[log.pk])
    html = client.get(progress_page.url).content.decode()
    assert f'href="{task.result_url}"' in html and "See every problem" in html
    assert log.problem_count == BAD_ROWS


def test_an_urdu_reader_sees_each_problem_in_urdu_with_the_same_code_and_csv(
    client, reference, narnia, urdu_fragments
):
    client.force_login(_user("importer-ur"))
    client.cookies["django_language"] = "ur"
    with narnia.open("rb") as fh:
        html = client.post(reverse("events:upload"), {"format": "annual", "file": fh}).content
    html = html.decode()
    assert 'lang="ur"' in html
    first = html.split("<tbody>")[2].split("</tr>")[0]  # the first problem of the table
    assert "<code>unknown_region</code>" in first  # the code is stable
    assert "علاقہ معلوم نہیں۔" in first  # what it means, in Urdu
    # The stored detail follows as English, isolated from the Urdu text.
    assert '<bdi lang="en" dir="ltr">(&#x27;Narnia&#x27; is not a region' in first
    # The CSV keeps the stored English message whatever the reader's language.
    log = ProblemLog.objects.get()
    download = client.get(reverse("events:problems-csv", args=[log.pk]))
    row = b"".join(download.streaming_content).decode().splitlines()[1]
    assert "'Narnia' is not a region" in row and "علاقہ" not in row
