"""Refusals of the pure computation layer reach Urdu pages in Urdu: the services word
the stable code (and its figures) through gettext; a code with no entry keeps its
English detail, marked as English."""

import pytest
from django.utils import translation

from napmon.analysis import panels
from napmon.analysis.compute.errors import ComputeError
from napmon.analysis.errors import AnalysisError


def _refused(exc):
    def build():
        raise AnalysisError.from_compute(exc)

    return panels._guard("ITS", build)


def test_a_known_code_with_its_figures_is_worded_in_urdu(urdu_fragments):
    exc = ComputeError(
        "Change-point detection needs at least 12 months; there are 7.",
        code="too_few_points",
        params={"test": "change_points", "needed": 12, "found": 7},
    )
    with translation.override("ur"):
        panel = _refused(exc)
    assert panel["code"] == "too_few_points"
    assert panel["message"] == (
        "تبدیلی کے نقاط کی نشاندہی کے لیے کم از کم 12 مہینے درکار ہیں؛ یہاں 7 ہیں۔"
    )
    with translation.override("en"):
        assert _refused(exc)["message"] == exc.message


def test_a_code_known_only_by_its_meaning_adds_the_english_detail_marked(urdu_fragments):
    exc = ComputeError(
        "The windows (Jan 2015 to Dec 2016) reach outside the data (Mar 2015 to Dec 2019).",
        code="window_beyond_data",
    )
    with translation.override("ur"):
        message = str(_refused(exc)["message"])
    assert message.startswith("منتخب مدتیں ڈیٹا میں شامل مہینوں سے باہر تک جاتی ہیں۔ ")
    assert message.endswith(
        '<bdi lang="en" dir="ltr">(The windows (Jan 2015 to Dec 2016) reach outside the data'
        " (Mar 2015 to Dec 2019).)</bdi>"
    )


def test_an_unknown_code_keeps_the_english_detail_isolated(urdu_fragments):
    exc = ComputeError("Something new went wrong.", code="brand_new_code")
    with translation.override("ur"):
        error = AnalysisError.from_compute(exc)
        assert error.message == "\u2068Something new went wrong.\u2069"
        assert str(_refused(exc)["message"]) == (
            '<bdi lang="en" dir="ltr">Something new went wrong.</bdi>'
        )
    assert error.code == "brand_new_code"


@pytest.mark.django_db
def test_a_claim_refusal_is_in_urdu(urdu_fragments):
    from napmon.analysis.services.claims import _period_bounds

    with translation.override("ur"), pytest.raises(AnalysisError) as caught:
        _period_bounds("2015-13x")
    assert caught.value.message == (
        "\u20682015-13x\u2069 نہ سال (\u2068YYYY\u2069) ہے نہ مہینہ (\u2068YYYY-MM\u2069)۔"
    )


@pytest.mark.django_db
def test_a_filter_refusal_is_in_urdu_and_unchanged_in_english(urdu_fragments):
    from napmon.analysis.services.summaries import clean_filters

    with translation.override("ur"), pytest.raises(AnalysisError) as caught:
        clean_filters({"violence": "riots"})
    assert caught.value.code == "invalid_filter" and caught.value.field == "violence"
    assert caught.value.message.startswith("\u2068riots\u2069 تشدد کی کوئی قسم نہیں")
    with translation.override("en"), pytest.raises(AnalysisError) as caught:
        clean_filters({"violence": "riots"})
    assert caught.value.message == (
        "'riots' is not a type of violence; use state-based, non-state, one-sided (or 1, 2, 3)."
    )


@pytest.mark.django_db
def test_the_urdu_outcomes_page_says_too_few_months_in_urdu(
    client, make_events, monthly_rows, urdu_fragments
):
    make_events("SHORT", monthly_rows(2014, 13, lambda i: 5))  # Jan 2014 to Jan 2015
    client.cookies["django_language"] = "ur"
    html = client.get("/outcomes/", {"dataset": "SHORT"}).content.decode()
    assert "منقطع وقتی سلسلے کے لیے \u20682014-12\u2069 کے دونوں طرف" in html
    assert "کم از کم 12 مہینے درکار ہیں" in html
    assert "An interrupted time series needs at least" not in html
