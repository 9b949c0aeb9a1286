from decimal import Decimal

import pytest

from napmon.core.errors import DatasetError
from napmon.core.models import AuditEntry
from napmon.indicators.models import Indicator, IndicatorValue, Rating, Source
from napmon.plans.models import CrosswalkLink, PlanVersion, Point, PointStatus
from napmon.plans.services import load_dataset

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Source,
            PlanVersion,
            Point,
            PointStatus,
            CrosswalkLink,
            Indicator,
            IndicatorValue,
            Rating,
        )
    }


def test_built_in_dataset_has_both_versions_with_their_declared_points():
    v2014 = PlanVersion.objects.get(label="2014")
    v2021 = PlanVersion.objects.get(label="2021")
    assert v2014.points.count() == 20 == v2014.declared_points
    assert v2021.points.count() == 14 == v2021.declared_points
    assert (v2021.declared_kinetic, v2021.declared_non_kinetic) == (5, 9)
    assert str(v2014.adopted_on) == "2014-12-24"


def test_every_indicator_value_has_a_source():
    assert IndicatorValue.objects.count() > 40
    assert not IndicatorValue.objects.filter(source__isnull=True).exists()
    for value in IndicatorValue.objects.select_related("source"):
        assert value.source.publisher and value.source.title


# Each figure of the two seed documents: (indicator, period label, geography, value, publisher).
SEED_FIGURES = [
    ("urls-blocked", "by 2023", "PK", "1300000", "ISSRA"),
    ("madaris-registered", "2022", "PK", "26160", "ISSRA"),
    ("madaris-registered", "2023", "PK", "30000", "ISSRA"),
    ("schedule-iv-listed", "2021", "PK", "2646", "NACTA"),
    ("schedule-iv-listed", "2024", "PK", "8374", "NACTA"),
    ("accounts-blocked", "2021", "PK", "5489", "State Bank"),
    ("accounts-blocked", "2024", "PK", "5089", "State Bank"),
    ("funds-frozen", "2021", "PK", "169550000", "State Bank"),
    ("funds-frozen", "2024", "PK", "157000000", "State Bank"),
    ("sectarian-incidents", "2023", "PK", "12", "ISSRA"),
    ("sectarian-incidents", "by October 2024", "PK", "18", "ISSRA"),
    ("death-sentences", "2019–2022", "PK", "657", "ISSRA"),
    ("executions", "2019–2022", "PK", "0", "ISSRA"),
    ("pending-atc-cases", "as of November 2024", "PK", "2273", "ISSRA"),
    ("balochistan-surrenders", "reported by 2025 (period not stated)", "PK-BA", "3500", "ISSRA"),
    ("balochistan-development-package", "2021", "PK-BA", "600000000000", "ISSRA"),
    ("azm-e-istehkam-allocation", "June 2024", "PK", "60000000000", "ISSRA"),
    ("azm-e-istehkam-attack-change", "by July 2024", "PK", "-62", "ISSRA"),
    ("kp-ct-operations", "2024", "PK-KP", "14535", "ISPR"),
    ("kp-terrorists-killed", "2024", "PK-KP", "700", "ISPR"),
    ("pips-terrorist-attacks", "2008", "PK", "2148", "PIPS"),
    ("pips-terrorist-attacks", "2009", "PK", "2586", "PIPS"),
    ("pips-terrorist-attacks", "2014", "PK", "1206", "PIPS"),
    ("pips-terrorist-attacks", "2015", "PK", "625", "PIPS"),
    ("pips-terrorist-attacks", "2019", "PK", "229", "PIPS"),
    ("pips-people-killed", "2009", "PK", "3021", "PIPS"),
    ("pips-people-killed", "2019", "PK", "357", "PIPS"),
    # Basit's "casualties" for 2014 and 2015 are deaths in PIPS's own reports.
    ("pips-people-killed", "2014", "PK", "1723", "PIPS"),
    ("pips-people-killed", "2015", "PK", "1069", "PIPS"),
    ("balochistan-surrender-ceremonies", "April 2017", "PK-BA", "500", "Dawn"),
    ("balochistan-surrender-ceremonies", "December 2017", "PK-BA", "300", "Reuters"),
    ("gwadar-pc-attack-killed", "11 May 2019", "PK-BA", "5", "Dawn"),
    ("karachi-consulate-attackers-killed", "23 November 2018", "PK-SD", "3", "Dawn"),
    ("dalbandin-bus-attack-injured", "11 August 2018", "PK-BA", "6", "Express Tribune"),
    ("pips-attacks-per-day", "2014", "PK", "3.3", "PIPS"),
    ("deaths-since-2001", "since 2001 (as reported in 2025)", "PK", "70000", "ISSRA"),
    (
        "economic-losses-since-2001",
        "since 2001 (as reported in 2025)",
        "PK",
        "130000000000",
        "ISSRA",
    ),
]


@pytest.mark.parametrize(("slug", "period", "geo", "value", "publisher"), SEED_FIGURES)
def test_seed_figure_is_loaded_with_its_citation(slug, period, geo, value, publisher):
    row = IndicatorValue.objects.select_related("source").get(
        indicator__slug=slug, period_label=period, geography=geo
    )
    assert row.value == Decimal(value)
    assert publisher in row.source.publisher
    # Figures quoted by a seed document also name that document.
    assert row.source.cited_in is not None


def test_qualifiers_keep_the_sources_wording():
    assert IndicatorValue.objects.get(indicator__slug="kp-terrorists-killed").display_value() == (
        ">700"
    )
    assert IndicatorValue.objects.get(indicator__slug="urls-blocked").display_value() == (
        "~1,300,000"
    )


def test_loading_twice_changes_nothing():
    before = counts()
    audit_before = AuditEntry.objects.count()
    report = load_dataset()
    assert report.changed == 0
    assert sum(report.unchanged.values()) > 200
    assert counts() == before
    # Only the summary entry of the load itself is added to the audit log.
    assert AuditEntry.objects.count() == audit_before + 1


def test_edited_file_updates_the_records_it_names(dataset_copy):
    indicator = next(i for i in dataset_copy.data["indicators"] if i["slug"] == "urls-blocked")
    indicator["values"][0]["value"] = 1400000
    report = load_dataset(dataset_copy.save())
    assert report.updated == {"indicatorvalue": 1}
    assert report.created == {}
    value = IndicatorValue.objects.get(indicator__slug="urls-blocked")
    assert value.value == Decimal("1400000")
    entry = AuditEntry.objects.filter(action="indicatorvalue.updated").latest("id")
    assert entry.changes["value"] == ["1300000", "1400000"]


def _break(data, mutate):
    mutate(data)
    return data


BAD_EDITS = [
    (
        lambda d: d["outcome_links"][0].update(measure="injured"),
        "outcome_links[0] (2021/1): field 'measure': 'injured' is not one of events, killed",
    ),
    (
        lambda d: d["outcome_links"][1].pop("rationale"),
        "outcome_links[1]: field 'rationale': is required",
    ),
    (
        lambda d: d["indicators"][0]["values"][0].update(source="no-such-source"),
        "indicators[0] (pips-terrorist-attacks) values[0]: field 'source': refers to unknown",
    ),
    (
        lambda d: d["indicators"][0]["values"][1].update(period="2009-13"),
        "values[1]: field 'period': month 13 does not exist",
    ),
    (
        lambda d: d["indicators"][1].update(unit="apples"),
        "indicators[1] (pips-people-killed): field 'unit': 'apples' is not one of",
    ),
    (
        lambda d: d["indicators"][1]["values"][1].pop("source"),
        "indicators[1] (pips-people-killed) values[1]: field 'source': is required",
    ),
    (
        lambda d: d["indicators"][0]["values"][0].update(value="lots"),
        "values[0]: field 'value': 'lots' is not a number",
    ),
    (
        lambda d: d["versions"][1]["points"][3].update(number=3),
        "versions[1] (2021) point 3: field 'number': appears twice in this version",
    ),
    (
        lambda d: d["statuses"][0].update(status="finished"),
        "statuses[0] (2014/2): field 'status': 'finished' is not one of",
    ),
    (
        lambda d: d["crosswalk"]["links"][0].update(to=99),
        "crosswalk links[0]: field 'to': version 2021 has no point 99",
    ),
    (
        lambda d: d["indicators"][0]["values"][0].update(qualifer="approx"),
        "values[0]: field 'qualifer': is not a known field",
    ),
    (
        lambda d: d["versions"][1]["points"][1].update(category="kinetic", category_source=None),
        "point 2: field 'category_source': refers to unknown",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BAD_EDITS)
def test_malformed_file_is_rejected_naming_entry_and_field(dataset_copy, mutate, message):
    mutate(dataset_copy.data)
    # Also change a valid figure, to prove nothing at all is written.
    dataset_copy.data["indicators"][3]["values"][0]["value"] = 9.99
    before = counts()
    with pytest.raises(DatasetError) as caught:
        load_dataset(dataset_copy.save())
    assert "nap.yaml: " in caught.value.message
    assert message in caught.value.message
    assert counts() == before
    assert IndicatorValue.objects.get(indicator__slug="pips-attacks-per-day").value == Decimal(
        "3.3"
    )


def test_yaml_syntax_error_is_reported_with_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("plan: [unclosed\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert caught.value.code == "dataset_syntax"
    assert "broken.yaml" in caught.value.message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        load_dataset(tmp_path / "nope.yaml")


def test_ambiguous_and_renamed_figures_are_not_recorded_as_facts():
    # "9,00 kilometers" can be 900 or 9,000: no value is recorded.
    assert not IndicatorValue.objects.filter(indicator__slug="afghan-border-fenced").exists()
    # Basit's "casualties" are recorded as killed, with the PIPS report that says so.
    assert not IndicatorValue.objects.filter(indicator__slug="pips-casualties").exists()
    assert not IndicatorValue.objects.filter(indicator__slug="afghan-border-fenced").exists()
    killed = IndicatorValue.objects.select_related("source").get(
        indicator__slug="pips-people-killed", period_label="2014"
    )
    assert "3,143 injured" in killed.note
    assert killed.source.title == "Pakistan Security Report 2014"
