import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("version", "count"), [("2021", 14), ("2014", 20)])
def test_points_json_lists_every_point(version, count):
    rows = json.loads(run("points", version, "--json"))
    assert len(rows) == count
    assert [r["number"] for r in rows] == list(range(1, count + 1))
    for row in rows:
        assert {"version", "number", "title", "category", "status"} <= set(row)


def test_point_json_shows_schedule_iv_figures_with_dates_and_source():
    point = json.loads(run("point", "2021", "4", "--json"))
    assert (point["version"], point["number"], point["category"]) == ("2021", 4, "unknown")
    indicator = next(i for i in point["indicators"] if i["name"].startswith("Persons on NACTA"))
    assert indicator["unit"] == "count"
    values = {v["period"]: v for v in indicator["values"]}
    assert values["2021"]["value"] == 2646 and values["2024"]["value"] == 8374
    assert values["2024"]["period_end"] == "2024-12-31"
    assert values["2024"]["source"]["publisher"] == "National Counter Terrorism Authority (NACTA)"
    assert values["2024"]["source"]["title"]


def test_point_text_output_shows_history_and_figures():
    text = run("point", "2014", "2")
    assert "31 March 2019: elapsed" in text
    text = run("point", "2021", "4")
    assert "8,374" in text and "NACTA" in text


def test_points_table_shows_status_and_rating():
    text = run("points", "2021")
    line = next(line for line in text.splitlines() if "Balochistan reconciliation" in line)
    assert "unsatisfactory" in line


def test_unknown_version_exits_with_a_message():
    with pytest.raises(CommandError, match=r"no version '1999' \(known: 2014, 2021\)"):
        run("points", "1999")


def test_crosswalk_and_gaps_commands():
    rows = json.loads(run("crosswalk", "2014", "2021", "--json"))
    assert len(rows) == 23
    text = run("gaps", "2021")
    assert "declares 5 kinetic and 9 non-kinetic" in text
    assert "11 remain unclassified" in text


def test_plans_json():
    rows = json.loads(run("plans", "--json"))
    assert [(r["version"], r["listed_points"]) for r in rows] == [("2014", 20), ("2021", 14)]


@pytest.mark.django_db(transaction=False)
def test_napmon_console_script_initialises_a_fresh_data_dir(tmp_path):
    env = {**os.environ, "NAPMON_DATA_DIR": str(tmp_path), "NAPMON_DATABASE_URL": ""}
    napmon = os.path.join(os.path.dirname(sys.executable), "napmon")
    init = subprocess.run(
        [napmon, "init", "--no-static"], env=env, capture_output=True, text=True, timeout=300
    )
    assert init.returncode == 0, init.stderr
    assert "Dataset loaded" in init.stdout
    assert "UCDP GED: 5834 events imported." in init.stdout  # the built-in open data
    assert (tmp_path / "napmon.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
    out = subprocess.run(
        [napmon, "points", "2021", "--json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert len(json.loads(out.stdout)) == 14
    bad = subprocess.run(
        [napmon, "point", "2021", "99"], env=env, capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 1
    assert "Version 2021 has points 1 to 14, not 99" in bad.stderr
