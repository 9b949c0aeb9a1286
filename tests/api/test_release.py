import hashlib
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from napmon.core.audit import log_action, snapshot
from napmon.indicators.models import Indicator, IndicatorValue, Source

pytestmark = pytest.mark.django_db


def _files(directory):
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_release_is_a_frictionless_package_with_hashes(tmp_path):
    call_command("release", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    names = [r["name"] for r in package["resources"]]
    assert names == [
        "versions",
        "points",
        "statuses",
        "crosswalk",
        "indicators",
        "values",
        "ratings",
        "sources",
        "event_years",
    ]
    for resource in package["resources"]:
        content = (tmp_path / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        assert resource["bytes"] == len(content)
        header = content.decode().split("\r\n", 1)[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    values = next(r for r in package["resources"] if r["name"] == "values")
    assert {"name": "value", "type": "number"} in values["schema"]["fields"]


def test_release_is_reproducible_and_dated_by_the_data(tmp_path):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    call_command("release", str(first))
    call_command("init", "--no-events")  # re-loading unchanged data changes nothing
    call_command("release", str(second))
    assert _files(first) == _files(second)

    value = IndicatorValue.objects.create(
        indicator=Indicator.objects.get(slug="executions"),
        value=Decimal(1),
        precision="year",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        period_label="2023",
        source=Source.objects.get(key="issra-via-article"),
    )
    log_action("indicatorvalue.created", obj=value, changes={"new": snapshot(value)})
    call_command("release", str(third))
    before = json.loads((first / "datapackage.json").read_text())["created"]
    after = json.loads((third / "datapackage.json").read_text())["created"]
    assert after > before
    assert (third / "data/values.csv").read_bytes() != (first / "data/values.csv").read_bytes()


def test_release_carries_ucdp_figures_with_their_licence_and_citation(tmp_path, ucdp_events):
    call_command("release", str(tmp_path))
    package = json.loads((tmp_path / "datapackage.json").read_text())
    events = next(r for r in package["resources"] if r["name"] == "event_years")
    assert events["licenses"] == [{"name": "CC BY 4.0", "title": "UCDP GED: CC BY 4.0"}]
    assert "Sundberg" in events["sources"][0]["title"]
    lines = (tmp_path / "data/event_years.csv").read_bytes().decode().split("\r\n")
    header = lines[0].split(",")
    row_2009 = next(line for line in lines if line.startswith("UCDP GED,2009,"))
    cells = dict(zip(header, row_2009.split(",", len(header) - 1), strict=True))
    assert cells["injured"] == ""  # not recorded: empty, never 0
    assert cells["licence"] == "CC BY 4.0" and cells["country"] == "Pakistan"
    assert int(cells["events"]) > 0 and int(cells["killed"]) > 0
