"""`napmon events ...`: reports, aligned tables, --json and exit codes."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.events.models import Event, ImportBatch

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("events", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue()


def summary_rows(*args):
    """The rows of the summary document `napmon events summary --json` prints."""
    return json.loads(run(*args))["rows"]


def test_import_prints_a_report(reference, data_dir):
    out = run("import", "gtd", data_dir / "gtd/valid/gtd_pakistan.csv")
    assert "Imported gtd_pakistan.csv into dataset 'GTD'" in out
    assert re.search(r"^imported +12$", out, re.M)
    assert re.search(r"^outside_pakistan +1$", out, re.M)  # the Kandahar row, kept
    assert "Xyzabad Agency" in out
    assert Event.objects.count() == 12


def test_import_json_and_nothing_imported_exits_non_zero(reference, data_dir):
    path = data_dir / "gtd/valid/gtd_pakistan.csv"
    report = json.loads(run("import", "gtd", path, "--json"))
    assert (report["imported"], report["dataset"], report["errors"]) == (12, "GTD", 0)

    with pytest.raises(CommandError) as caught:
        run("import", "gtd", path)
    assert caught.value.returncode == 1 and "12 duplicate(s)" in str(caught.value)


def test_bad_file_exits_non_zero_with_the_row(reference, data_dir):
    with pytest.raises(CommandError) as caught:
        run("import", "gtd", data_dir / "gtd/with-problems/impossible_date.csv")
    assert "Row 4, column 'iday'" in str(caught.value) and "[invalid_date]" in str(caught.value)
    assert Event.objects.count() == 0


def test_mapped_import_with_options(reference, data_dir, mapping_file):
    out = run(
        "import",
        "mapped",
        data_dir / "mapped/valid/monitor_incidents.csv",
        "--mapping",
        mapping_file,
        "--dataset",
        "Sheet",
        "--encoding",
        "cp1252",
    )
    assert "Skipped rows: 9" in out
    assert Event.objects.filter(dataset__name="Sheet").count() == 7


def test_dry_run_exits_zero_and_stores_nothing(reference, data_dir):
    out = run("import", "ucdp", data_dir / "ucdp/valid/ged_iso.csv", "--dry-run")
    assert out.startswith("Dry run of ged_iso.csv") and Event.objects.count() == 0


def test_summary_table_and_json(reference, data_dir):
    run("import", "gtd", data_dir / "gtd/valid/gtd_pakistan.csv")
    table = run("summary", "--by", "province", "--fold-fata")
    lines = table.splitlines()
    assert lines[0] == "Counting: Pakistan; '-' = not recorded."
    assert lines[1].split() == ["key", "events", "killed", "injured"]
    assert lines[-1].split()[:2] == ["total", "11"]  # the Kandahar row is not Pakistan's
    rows = summary_rows(
        *(
            "summary",
            "--by",
            "type",
            "--json",
            "--dataset",
            "GTD",
            "--from",
            "2013-01-01",
            "--to",
            "2014-12-31",
        )
    )
    assert sum(r["events"] for r in rows) == 4
    assert set(rows[0]) == {
        "key",
        "events",
        "killed",
        "injured",
        "killed_unknown",
        "injured_unknown",
        "suppressed",
    }
    with pytest.raises(CommandError) as caught:
        run("summary", "--from", "2014-02-30")
    assert "invalid_date" in str(caught.value)


def test_batches_and_rollback(reference, data_dir):
    run("import", "acled", data_dir / "acled/valid/acled_2023-01-31.csv")
    batches = json.loads(run("batches", "--json"))
    assert batches[0]["imported"] == 4 and len(batches[0]["sha256"]) == 64
    assert "acled_2023-01-31.csv" in run("batches")
    out = run("rollback", batches[0]["id"])
    assert "4 record(s) deleted" in out
    assert ImportBatch.objects.get().status == "rolled_back"
    with pytest.raises(CommandError):
        run("rollback", batches[0]["id"])


def test_matches_propose_list_and_decide(reference, data_dir):
    run("import", "gtd", data_dir / "gtd/valid/gtd_pakistan.csv")
    run("import", "ucdp", data_dir / "ucdp/valid/ged_iso.csv")
    out = run("matches", "--propose")
    # APS and the Quetta bombing; GTD's second Quetta record loses to the first
    assert "Proposed 2 new candidate match(es)" in out
    more = run("matches", "--propose", "--max-candidates", "2")
    assert "Proposed 1 new candidate match(es)" in more
    rows = json.loads(run("matches", "--json"))
    best = rows[0]
    assert "GTD:201" in best["event"] and "UCDP GED:" in best["match"]
    assert "Events are kept" in run("matches", "--confirm", best["id"])
    assert len(json.loads(run("matches", "--json", "--status", "confirmed"))) == 1
    assert Event.objects.count() == 17  # nothing merged


def test_the_napmon_entry_point_runs_the_command(reference, data_dir, capsys):
    from napmon.cli import main

    main(["events", "summary", "--json"])
    assert json.loads(capsys.readouterr().out)["rows"] == []


def test_summary_json_counts_pakistan_only_and_ucdp_injured_is_null(reference, data_dir):
    run("import", "gtd", data_dir / "gtd/valid/gtd_multi_country.csv")
    rows = summary_rows("summary", "--by", "year", "--json", "--dataset", "GTD")
    assert sum(r["events"] for r in rows) == 11  # 16 rows, 5 of them outside Pakistan
    assert "2014" in {r["key"] for r in rows}
    every = summary_rows("summary", "--by", "year", "--json", "--country", "all")
    assert sum(r["events"] for r in every) == 16

    run("import", "ucdp", data_dir / "ucdp/valid/ged_iso.csv")
    ucdp = summary_rows("summary", "--by", "year", "--json", "--dataset", "UCDP GED")
    assert ucdp and all(r["injured"] is None for r in ucdp)
    assert all(isinstance(r["killed"], int) for r in ucdp)
    text = run("summary", "--dataset", "UCDP GED").splitlines()
    assert text[-1].split()[-1] == "-"  # total injured: not recorded, not 0


def test_summary_violence_filter(reference, data_dir):
    run("import", "ucdp", data_dir / "ucdp/valid/ged_iso.csv")
    every = summary_rows("summary", "--json", "--dataset", "UCDP GED")
    parts = [
        summary_rows("summary", "--json", "--dataset", "UCDP GED", "--violence", kind)
        for kind in ("state-based", "non-state", "one-sided")
    ]
    assert sum(r["events"] for part in parts for r in part) == sum(r["events"] for r in every)
    assert sum(1 for part in parts if part) >= 2  # the sample has more than one kind


def test_summary_dataset_all_adds_datasets_up(reference, data_dir):
    run("import", "gtd", data_dir / "gtd/valid/gtd_pakistan.csv")
    run("import", "ucdp", data_dir / "ucdp/valid/ged_iso.csv")
    each = summary_rows("summary", "--by", "dataset", "--json")
    every = summary_rows("summary", "--by", "year", "--json", "--dataset", "all")
    assert sum(r["events"] for r in every) == sum(r["events"] for r in each) > 11
