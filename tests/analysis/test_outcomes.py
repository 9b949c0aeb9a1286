import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.analysis.errors import AnalysisError
from napmon.analysis.services import (
    PIPS_LABEL,
    compare_datasets,
    gti_index,
    run_before_after,
    run_its,
    year_series,
)

pytestmark = pytest.mark.django_db


def _step(i: int) -> int:
    """36 months at 30 a month, then 36 at 12: a 60% drop from January 2015."""
    return 30 if i < 36 else 12


def test_its_finds_the_level_drop_in_synthetic_events(make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, _step))
    out = run_its({"dataset": "Synthetic"}, at="2015-01-01")
    result = out["result"]
    # default window (48 a side) clipped to the data; the break month is the transition
    assert result.n_before == 36 and result.n_after == 35 and result.transition == 1
    assert result.level_ratio == pytest.approx(0.4, abs=0.02)
    assert result.level_ci[1] < 1
    assert "fell by 60%" in result.sentence


def test_its_uses_an_intervention_as_the_break(make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, _step))
    out = run_its({"dataset": "Synthetic"}, intervention="nap-adopted")
    assert out["break_label"] == "NAP adopted"
    assert out["result"].intervention_month.strftime("%Y-%m") == "2014-12"


def test_before_after_counts_the_windows(make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, _step))
    result = run_before_after({"dataset": "Synthetic"}, at="2015-01-01", before=12)["result"]
    assert (result.before_count, result.after_count) == (360, 144)
    assert (result.before_days, result.after_days) == (365, 365)
    assert result.rate_ratio == pytest.approx(0.4)


def test_before_after_reads_the_daily_events_once_for_every_break(make_events, monthly_rows):
    """The daily counts are the same for every break: a second question reads them from the
    shared cache, and an import (a new data state) makes them read again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_events("Synthetic", monthly_rows(2012, 72, _step))

    def daily_reads(at):
        with CaptureQueriesContext(connection) as queries:
            result = run_before_after({"dataset": "Synthetic"}, at=at, before=12)["result"]
        reads = [
            q
            for q in queries
            if q["sql"].startswith("SELECT") and 'FROM "analysis_dailysummary"' in q["sql"]
        ]
        return len(reads), result

    assert daily_reads("2015-01-01")[0] == 1
    reads, result = daily_reads("2016-01-01")
    assert reads == 0 and (result.before_count, result.after_count) == (144, 144)
    make_events("Synthetic", [("2016-06-15", "PK-PB", 1, 0)])  # a new batch: a new state
    reads, result = daily_reads("2016-01-01")
    assert reads == 1 and result.after_count == 145


def test_before_after_refuses_windows_beyond_the_data(make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, _step))
    with pytest.raises(AnalysisError) as info:
        run_before_after({"dataset": "Synthetic"}, at="2015-01-01", before=60)
    assert info.value.code == "window_beyond_data"


def test_without_events_monthly_analyses_say_so_and_years_use_pips():
    with pytest.raises(AnalysisError) as info:
        run_its({}, intervention="nap-adopted")
    assert info.value.code == "no_data" and "napmon init" in info.value.message
    table, basis = year_series({})
    assert basis == PIPS_LABEL
    assert dict(zip(table["year"], table["events"], strict=True))[2014] == 1206
    with pytest.raises(AnalysisError):
        year_series({"dataset": "GTD"})


def test_compare_puts_datasets_and_pips_side_by_side(make_events):
    make_events("Synthetic", [("2014-03-01", "PK-KP", 1, 1)] * 1000)
    frame = compare_datasets({})
    row = frame[frame["period"] == 2014].iloc[0]
    assert (row["Synthetic"], row["PIPS"], row["n_datasets"]) == (1000, 1206, 2)


def test_gti_index_is_labelled_and_scores_provinces(make_events):
    make_events(
        "Synthetic",
        [("2015-03-01", "PK-KP", 2, 1)] * 10
        + [("2015-03-01", "PK-TA", 0, 0)] * 5
        + [("2015-04-01", "PK-PB", 1, 0)],
    )
    frame, description = gti_index({})
    assert "not the official Global Terrorism Index" in description
    assert set(frame["label"]) == {"GTI-style"}
    kp = frame[frame["province"] == "Khyber Pakhtunkhwa"].iloc[0]
    assert kp["incidents"] == 15 and kp["score"] == 10


def test_outcomes_command_json(make_events, monthly_rows):
    make_events("Synthetic", monthly_rows(2012, 72, _step))
    out = StringIO()
    call_command(
        "outcomes", "summary", "--by", "year", "--dataset", "Synthetic", "--json", stdout=out
    )
    rows = json.loads(out.getvalue())["rows"]  # the summary document, as the API's
    assert [(r["key"], r["events"]) for r in rows][:4] == [
        ("2012", 360),
        ("2013", 360),
        ("2014", 360),
        ("2015", 144),
    ]
    out = StringIO()
    call_command(
        "outcomes", "its", "--at", "2015-01-01", "--dataset", "Synthetic", "--json", stdout=out
    )
    doc = json.loads(out.getvalue())
    assert doc["effects"]["level"]["ratio"] == pytest.approx(0.4, abs=0.02)
    assert doc["window"]["start"] == "2012-01" and doc["verdict"]["code"] in (
        "robust",
        "depends_on_window",
        "depends_on_break",
        "not_supported",
    )
    out = StringIO()
    call_command("outcomes", "index", stdout=out)
    assert "GTI-style, not the official Global Terrorism Index" in out.getvalue()


def test_outcomes_command_errors_are_clear():
    with pytest.raises(CommandError, match="no_data"):
        call_command("outcomes", "its", "--intervention", "nap-adopted")
    with pytest.raises(CommandError, match="one_dataset_needed"):
        call_command("outcomes", "before-after", "--at", "2015-01-01", "--dataset", "all")


def test_inference_needs_exactly_one_dataset_and_defaults_to_the_largest(make_events, monthly_rows):
    make_events("First", monthly_rows(2012, 72, _step))
    make_events("Second", monthly_rows(2012, 72, lambda i: 5))
    for run in (run_its, run_before_after):
        with pytest.raises(AnalysisError) as info:
            run({"dataset": "all"}, at="2015-01-01")
        assert info.value.code == "one_dataset_needed"
    # Nothing chosen: the dataset with the most events (First: 1,512 against 360), whatever
    # was imported last, and never the two added up.
    out = run_before_after({}, at="2015-01-01", before=12)
    assert out["dataset"] == "First"
    assert (out["result"].before_count, out["result"].after_count) == (360, 144)
    make_events("UCDP GED", monthly_rows(2012, 72, lambda i: 1))
    assert run_before_after({}, at="2015-01-01", before=12)["dataset"] == "UCDP GED"
    assert run_its({"dataset": "First"}, at="2015-01-01")["dataset"] == "First"
    with pytest.raises(AnalysisError) as info:
        gti_index({"dataset": "all"})
    assert info.value.code == "one_dataset_needed"
