from pathlib import Path

import pytest
from django.db.models import Max, Min

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import DailySummary, MonthlySummary
from napmon.analysis.services import refresh_summaries, stale_datasets, summarise
from napmon.analysis.services.summaries import _filtered, clean_filters, daily_events
from napmon.events.services import import_events, rollback_batch, summarise_events

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data"
GROUPINGS = ("year", "month", "province", "actor", "family", "type", "dataset")
FILTERS = (
    {},
    {"dataset": "GTD"},
    {"province": "PK-KP", "fold_fata": True},
    {"province": "PK-BA"},
    {"date_from": "2013-01-01", "date_to": "2014-12-31"},
    {"date_from": "2013-01-05", "date_to": "2016-07-14"},
    {"event_type": "bombing"},
    {"country": "pakistan"},
    {"country": "all"},
    {"country": "Afghanistan"},
    {"violence": "one-sided"},
)


@pytest.fixture
def imported(db):
    batches = [
        import_events(DATA / "gtd/valid/gtd_pakistan.csv", "gtd").batch_id,
        import_events(DATA / "ucdp/valid/ged_iso.csv", "ucdp").batch_id,
        import_events(DATA / "acled/valid/acled_2023-01-31.csv", "acled").batch_id,
        import_events(
            DATA / "mapped/valid/monitor_incidents.csv",
            "mapped",
            mapping=DATA / "mapped/valid/monitor_mapping.yaml",
        ).batch_id,
    ]
    return batches


@pytest.mark.parametrize("by", GROUPINGS)
def test_summaries_equal_a_direct_count_over_imported_sample_files(imported, by):
    for filters in FILTERS:
        assert summarise(by, filters) == summarise_events(by, filters), (by, filters)


def test_summaries_follow_a_rollback(imported):
    before = {r["key"]: r["events"] for r in summarise("dataset")}
    rollback_batch(imported[0])
    assert stale_datasets()  # the rolled-back batch makes GTD stale until the next read
    after = {r["key"]: r["events"] for r in summarise("dataset")}
    assert "GTD" in before and "GTD" not in after
    assert summarise("year") == summarise_events("year")


def test_summary_tables_are_built_before_the_first_read_and_add_up(imported):
    assert not DailySummary.objects.exists()
    total = sum(r["events"] for r in summarise_events("dataset"))
    assert sum(r["events"] for r in summarise("dataset")) == total
    # The tables keep every row; the scope rule (Pakistan unless asked) applies on reading.
    everywhere = sum(r["events"] for r in summarise_events("dataset", {"country": "all"}))
    assert everywhere == total + 1  # the GTD sample's Kandahar row
    assert sum(r["events"] for r in summarise("dataset", {"country": "all"})) == everywhere
    assert sum(DailySummary.objects.values_list("events", flat=True)) == everywhere
    assert sum(MonthlySummary.objects.values_list("events", flat=True)) == everywhere


def test_unknown_months_and_provinces_are_counted_under_unknown(make_events):
    make_events("Synthetic", [("2015-01-01", None, None, 3)], precision="year")
    make_events("Synthetic", [("2015-03-04", "PK-PB", 2, None)])
    months = {r["key"]: r for r in summarise("month", {"dataset": "Synthetic"})}
    assert months["unknown"]["events"] == 1
    assert months["2015-03"]["killed"] == 2 and months["2015-03"]["injured_unknown"] == 1
    provinces = {r["key"]: r["events"] for r in summarise("province", {"dataset": "Synthetic"})}
    assert provinces == {"Punjab": 1, "unknown": 1}
    assert list(provinces)[-1] == "unknown"


def test_several_dimensions_give_tuple_keys(make_events):
    make_events(
        "Synthetic",
        [
            ("2015-01-05", "PK-PB", 1, 0),
            ("2016-02-05", "PK-SD", 4, 1),
            ("2016-03-05", "PK-SD", 1, 1),
        ],
    )
    rows = summarise(["year", "province"], {"dataset": "Synthetic"})
    assert [(r["year"], r["province"], r["events"], r["killed"]) for r in rows] == [
        ("2015", "Punjab", 1, 1),
        ("2016", "Sindh", 2, 5),
    ]
    assert rows[0]["key"] == ("2015", "Punjab")


def test_refresh_rebuilds_events_added_to_an_existing_batch(make_events, fresh_summaries):
    batch = make_events("Synthetic", [("2015-01-05", "PK-PB", 1, 0)])
    assert summarise("dataset")[0]["events"] == 1
    batch.events.create(dataset=batch.dataset, key="late", row_hash="x", date="2015-02-01")
    fresh_summaries()
    assert summarise("dataset")[0]["events"] == 2
    assert refresh_summaries([]) == {}


@pytest.mark.parametrize(
    ("by", "filters", "code"),
    [
        ("weekday", {}, "invalid_grouping"),
        ("year", {"colour": "red"}, "invalid_filter"),
        ("year", {"date_from": "2015-13-01"}, "invalid_date"),
        ("year", {"province": "PK-XX"}, "invalid_filter"),
    ],
)
def test_bad_requests_raise_analysis_errors_with_codes(by, filters, code):
    with pytest.raises(AnalysisError) as info:
        summarise(by, filters)
    assert info.value.code == code


@pytest.mark.django_db(transaction=True)
def test_summary_tables_are_rebuilt_when_an_import_commits(tmp_path):
    """The events app's post-commit signal refreshes the tables without a read-time rebuild."""
    from napmon.analysis.models import DailySummary
    from napmon.events.services import import_events
    from napmon.site.services import initialise

    initialise()
    sample = Path(__file__).resolve().parents[1] / "data" / "gtd" / "valid"
    path = sorted(sample.glob("*.csv"))[0]
    import_events(path, "gtd", dataset="gtd-signal-test")
    assert DailySummary.objects.filter(dataset__name="gtd-signal-test").exists()


def test_daily_events_are_the_day_summary_and_the_coverage_in_one_read(imported):
    """What before/after reads: the events of ``summarise("day")`` and the first and last
    day of any matching row of the daily table, precise or not."""
    for filters in FILTERS:
        days, coverage = daily_events(filters)
        expected = [{"key": r["key"], "events": r["events"]} for r in summarise("day", filters)]
        assert days == expected, filters
        rows = _filtered(DailySummary, clean_filters(filters))
        span = rows.aggregate(first=Min("day"), last=Max("day"))
        assert coverage == ((span["first"], span["last"]) if span["first"] else None), filters
    assert daily_events({"dataset": "nothing here"}) == ([], None)
