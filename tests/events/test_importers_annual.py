"""Annual tables: measures from the documented vocabulary, regions from the gazetteer."""

import re

import pytest

from napmon.events.errors import EventImportError
from napmon.events.importers.annual import MEASURES
from napmon.events.models import AnnualFigure
from napmon.events.services import import_events

pytestmark = pytest.mark.django_db


def test_unknown_measure_and_region_are_errors_listing_accepted_values(reference, data_dir):
    path = data_dir / "annual/with-problems/unknown_measure_region.csv"
    with pytest.raises(EventImportError) as caught:
        import_events(path, "annual", dataset="Yearbook")

    errors = {(p.row, p.field, p.code): p.message for p in caught.value.report.errors}
    assert set(errors) == {(3, "measure", "unknown_measure"), (4, "region", "unknown_region")}
    measure = errors[(3, "measure", "unknown_measure")]
    assert "'terror index' is not a known measure" in measure
    assert "attacks, events, suicide_attacks, killed, injured, casualties" in measure
    region = errors[(4, "region", "unknown_region")]
    assert "'Narnia' is not a region in the gazetteer" in region
    assert "Pakistan" in region and "Khyber Pakhtunkhwa" in region and "Sindh" in region
    assert AnnualFigure.objects.count() == 0


def test_known_measures_are_stored_under_the_vocabulary_name(reference, data_dir):
    report = import_events(data_dir / "annual/valid/events_measure.csv", "annual", dataset="Yb")

    assert (report.imported, report.error_count) == (4, 0)
    stored = set(AnnualFigure.objects.values_list("year", "measure", "unit__code"))
    assert stored == {
        (2016, "events", "PK"),
        (2017, "events", "PK"),
        (2017, "suicide_attacks", "PK"),
        (2017, "killed", "PK-KP"),
    }
    assert set(AnnualFigure.objects.values_list("measure", flat=True)) <= set(MEASURES)


def test_every_stored_measure_shows_on_the_outcomes_page(reference, data_dir, client):
    import_events(data_dir / "annual/valid/events_measure.csv", "annual", dataset="Yearbook")
    import_events(data_dir / "annual/valid/pips_yearly.csv", "annual", dataset="PIPS table")

    html = client.get("/outcomes/").content.decode()

    section = html.split('id="annual-figures"')[1].split("</section>")[0]
    section = re.sub(r"</?bdi[^>]*>", "", section)  # names and years are isolated for RTL
    assert "<td>Yearbook</td><td>events</td><td>Pakistan</td><td>2016</td>" in section
    assert '<td class="num">441</td>' in section
    assert "<td>suicide_attacks</td>" in section and "<td>Khyber Pakhtunkhwa</td>" in section
    assert "<td>PIPS table</td><td>casualties</td><td>Pakistan</td><td>2014</td>" in section
    assert section.count("<tr>") == 1 + 4 + 9  # header and every figure
    # counts of incidents, "events" as well as "attacks", are compared with event datasets
    compare = html.split('id="compare"')[1].split("</section>")[0]
    assert "Yearbook (annual, events)" in compare and "PIPS table (annual, attacks)" in compare
