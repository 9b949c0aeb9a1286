"""Chart text (titles, axes, legends, tooltips, intervention labels) follows the page's
language; the refusals of the outcome panels too, with their codes unchanged."""

import re

import pytest
from django.utils import translation

from napmon.analysis import charts, panels, services

pytestmark = pytest.mark.django_db

LATIN = re.compile(r"[A-Za-z]{3,}")


def _titles(spec) -> list[str]:
    """Every title (chart, axis, legend, tooltip) of a Vega-Lite spec."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "title" and isinstance(value, str) and value.strip():
                found.append(value)
            else:
                found += _titles(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _titles(item)
    return found


def _markers(spec, key: str = "label") -> list[str]:
    return [
        v[key]
        for layer in spec.get("layer", [])
        for v in layer.get("data", {}).get("values", [])
        if "label" in v
    ]


def test_pips_charts_speak_urdu_on_an_urdu_page(urdu_fragments):
    interventions = services.list_interventions(charts_only=True)
    with translation.override("ur"):
        panel = panels.pips_panel(interventions)
    assert panel["title"] == "پی آئی پی ایس کے سالانہ اعداد (پہلے سے شامل اشاریے)"
    spec = panel["charts"][0]["spec"]
    assert spec["title"] == "پی آئی پی ایس: سالانہ حملے (جیسے نقل کیے گئے)"
    titles = _titles(spec)
    assert "سال" in titles and "اقدام" in titles and "کب" in titles
    # No English left in any title (the figures' "#" column is a symbol).
    assert [t for t in titles if LATIN.search(t.replace("PIPS", ""))] == []
    labels = _markers(spec)
    assert "قومی لائحہ عمل کی منظوری *" in labels  # Urdu, marked as unreviewed
    assert not [label for label in labels if LATIN.search(label)]
    assert "24 دسمبر 2014" in _markers(spec, "when")  # NAP adopted: the month named in Urdu


def test_the_same_charts_stay_english_on_an_english_page():
    interventions = services.list_interventions(charts_only=True)
    with translation.override("en"):
        spec = panels.pips_panel(interventions)["charts"][0]["spec"]
    assert spec["title"] == "PIPS: attacks per year (as quoted)"
    assert "NAP adopted" in _markers(spec)


def test_its_and_placebo_legends_are_translated_and_filter_on_stable_codes(urdu_fragments):
    months = [
        {"month": "2014-11", "observed": 30, "fitted": 29.0, "counterfactual": None},
        {"month": "2015-01", "observed": 20, "fitted": 21.0, "counterfactual": 28.0},
    ]
    with translation.override("ur"):
        its = charts.its_chart(months, title="ITS", break_month="2015-01")
        placebo = charts.placebo_chart(
            [{"month": "2013-01", "ratio": 1.1}], real_month="2015-01", real_ratio=0.6, title="P"
        )
    legend = its["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["مشاہدہ", "ماڈل", "متبادل صورت"]
    assert {v["series"] for v in its["data"]["values"]} == set(legend)
    # The layers pick their rows by code, whatever the language.
    assert its["layer"][0]["transform"] == [{"filter": "datum.kind === 'observed'"}]
    assert {v["kind"] for v in its["data"]["values"]} == {"observed", "model", "counterfactual"}
    colour = placebo["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["پلیسبو", "اصل وقفہ"]
    assert placebo["layer"][0]["encoding"]["y"]["title"] == "سطح کی تبدیلی (شرح کا تناسب)"


def test_a_refusal_is_in_urdu_with_its_code_unchanged(urdu_fragments):
    with translation.override("ur"):
        panel = panels.year_panel({"dataset": services.ALL_DATASETS}, [])
    assert panel["code"] == "one_dataset_needed"
    assert panel["title"] == "سال بہ سال"
    assert panel["message"].startswith("تمام ڈیٹا سیٹ منتخب ہونے پر")
    with translation.override("en"):
        panel = panels.year_panel({"dataset": services.ALL_DATASETS}, [])
    assert panel["message"].startswith("With all datasets chosen")


def test_the_urdu_outcomes_page_lists_interventions_in_urdu_with_isolated_dates(
    client, urdu_fragments
):
    client.cookies["django_language"] = "ur"
    html = client.get("/outcomes/").content.decode()
    row = re.search(r'<tr id="intervention-nap-adopted">.*?</tr>', html).group(0)
    assert "قومی لائحہ عمل کی منظوری" in row
    assert 'class="unreviewed"' in row
    assert "<bdi>24 دسمبر 2014</bdi>" in row
    assert "NAP adopted" not in row


def test_the_message_for_a_chart_that_cannot_be_drawn_is_in_the_page_language(
    client, urdu_fragments
):
    client.cookies["django_language"] = "ur"
    html = client.get("/outcomes/").content.decode()
    assert (
        '<meta name="napmon-chart-error" content="چارٹ نہیں بن سکا؛ نیچے دی گئی جدول میں یہی'
        in html
    )
