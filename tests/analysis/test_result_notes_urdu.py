"""The ITS model warnings and the synthetic-control limits and units in Urdu.

The computation words them in English (the CLI, the API and English pages keep that); an
Urdu page words the same warnings and limits, with the same figures, through
``napmon.analysis.result_texts``.
"""

import html as html_lib
import math
import random
import re
from collections import Counter
from datetime import date

import pytest
from django.utils import translation

from napmon.analysis import result_texts, services
from napmon.analysis.compute.its_warnings import warning_codes
from napmon.core import geography

pytestmark = pytest.mark.django_db
SWINGS = "Swings"
AREAS = "Areas"
ITS_QUERY = {"dataset": SWINGS, "at": "2015-01-01", "family": "poisson"}
# Latin words an Urdu text may keep: the "p" of p-values and the test's and statistic's
# names, as the Urdu catalogue keeps them ("پیئرسن chi2/df").
LATIN_KEPT = {"p", "Ljung", "Box", "chi2", "df"}


def _figures(text: str) -> Counter:
    return Counter(re.findall(r"\d+(?:\.\d+)?", text))


def _latin(text: str) -> set[str]:
    """Latin words left, area names aside (the pages name areas as the gazetteer does)."""
    for _code, name in geography.CHOICES:
        text = text.replace(name, "")
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text)) - LATIN_KEPT


def _same_in_urdu(english: list[str], urdu: list[str]) -> None:
    assert len(urdu) == len(english) and urdu != english
    for en, ur in zip(english, urdu, strict=True):
        assert _figures(ur) == _figures(en), (en, ur)
        assert not _latin(ur), ur


@pytest.fixture
def swings(make_events):
    """96 months of overdispersed, autocorrelated counts (a persistent random level)."""
    rng, level, rows = random.Random(7), 0.0, []
    for i in range(96):
        level = 0.9 * level + rng.gauss(0, 0.5)
        rows += [(date(2011 + i // 12, i % 12 + 1, 10), "PK-PB", 1, None)] * round(
            20 * math.exp(level)
        )
    make_events(SWINGS, rows)
    return SWINGS


def _blocks(i: int) -> dict[str, int]:
    """Khyber Pakhtunkhwa swings from block to block; the donors stay smooth, so no mix of
    them follows it (a poor pre-period fit)."""
    return {
        "PK-KP": 40 if (i // 3) % 2 else 4,
        "PK-PB": 20 + i // 6,
        "PK-SD": 30 - i // 8,
        "PK-BA": 15 + i % 3,
    }


@pytest.fixture
def areas(make_events):
    rows = []
    for i in range(96):
        day = date(2011 + i // 12, i % 12 + 1, 10)
        for code, n in _blocks(i).items():
            rows += [(day, code, 1, None)] * n
    make_events(AREAS, rows)
    return AREAS


def test_its_warnings_are_worded_in_urdu_with_the_same_figures(swings, urdu_fragments):
    with translation.override("en"):
        doc = services.its_report({"dataset": SWINGS}, at="2015-01-01", family="poisson")
    assert len(doc["warnings"]) == 2  # Poisson on overdispersed counts; autocorrelation
    with translation.override("ur"):
        urdu = result_texts.its_warnings(doc)
    _same_in_urdu(doc["warnings"], urdu)
    assert "زائد انتشار" in urdu[0] and "پوآسون" in urdu[0]
    assert f"\u2068{doc['dispersion_test']['statistic']:.2f}\u2069" in urdu[0]
    assert "خود ارتباط" in urdu[1]
    assert f"\u2068{doc['diagnostics']['ljung_box']['lags']}\u2069" in urdu[1]
    with translation.override("en"):
        assert result_texts.its_warnings(doc) == doc["warnings"]


def test_a_negative_binomial_fit_has_no_poisson_warning_in_either_language(swings, urdu_fragments):
    with translation.override("en"):
        doc = services.its_report({"dataset": SWINGS}, at="2015-01-01")
    assert doc["model"]["family"] == "negative_binomial"
    assert not any(w.startswith("Poisson") for w in doc["warnings"])
    with translation.override("ur"):
        urdu = result_texts.its_warnings(doc)
    assert len(urdu) == len(doc["warnings"]) and not any("پوآسون" in w for w in urdu)


def test_missing_figures_raise_no_warning():
    assert warning_codes("poisson", None, float("nan")) == []
    assert warning_codes("poisson", 0.01, 0.2) == ["overdispersed_poisson"]
    assert warning_codes("quasi_poisson", 0.01, 0.01) == ["residual_autocorrelation"]


def test_urdu_outcomes_page_shows_the_its_warnings_in_urdu(swings, client, urdu_fragments):
    api = client.get("/api/v1/outcomes/its", ITS_QUERY).json()
    english = client.get("/outcomes/", ITS_QUERY).content.decode()
    client.cookies["django_language"] = "ur"
    with translation.override("en"):  # the request activates Urdu; restored on leaving
        urdu = client.get("/outcomes/", ITS_QUERY).content.decode()

    def shown(html):
        found = re.findall(r'<p class="note warning">(.*?)</p>', html, re.S)
        return [html_lib.unescape(w) for w in found]

    assert api["warnings"][0].startswith("Poisson was chosen although the counts")
    assert shown(english) == api["warnings"]
    _same_in_urdu(api["warnings"], shown(urdu))
    assert all(w not in urdu for w in api["warnings"])


def test_synthetic_limits_and_units_are_worded_in_urdu(areas, urdu_fragments):
    for normalise in (True, False):
        with translation.override("ur"):
            doc = services.synthetic_document(
                {"dataset": AREAS}, province="PK-KP", at="2015-01-01", normalise=normalise
            )
            urdu, units = result_texts.synthetic_limits(doc), result_texts.synthetic_units(doc)
        with translation.override("en"):
            english = services.synthetic_document(
                {"dataset": AREAS}, province="PK-KP", at="2015-01-01", normalise=normalise
            )
        assert english["limits"][0].startswith("With 3 donor units")
        assert any(limit.startswith("The pre-period fit is poor") for limit in english["limits"])
        assert any(limit.startswith("Raw counts") for limit in english["limits"]) == (not normalise)
        # The computation's limits, then the service's (FATA, donors left out), which the
        # Urdu document already has in Urdu.
        _same_in_urdu(english["limits"], urdu)
        assert urdu[2:] != english["limits"][2:] and urdu[-1] == doc["limits"][-1]
        assert f"\u2068{doc['pre_rmspe']:.1f}\u2069" in " ".join(urdu)
        assert "عطیہ دہندہ" in urdu[0] and "قومی منصوبہ" in urdu[1]
        assert not _latin(units)
        assert units == (
            "موڑ سے پہلے کے اوسط کا فیصد" if normalise else "ہر \u20683\u2069 ماہ میں واقعات"
        )
        assert english["units"] == (
            "percent of the pre-break mean" if normalise else "events per 3 months"
        )


def test_the_poor_fit_limit_uses_the_pre_period_mean_of_raw_counts(areas, urdu_fragments):
    with translation.override("en"):
        doc = services.synthetic_document(
            {"dataset": AREAS}, province="PK-KP", at="2015-01-01", normalise=False
        )
    poor = next(limit for limit in doc["limits"] if limit.startswith("The pre-period fit"))
    assert f"mean of {doc['pre_mean']:.1f})" in poor  # the new figure of the document
    with translation.override("ur"):
        urdu = result_texts.synthetic_limits(doc)
    assert f"\u2068{doc['pre_mean']:.1f}\u2069" in urdu[doc["limits"].index(poor)]


def test_urdu_comparison_page_shows_the_limits_and_units_in_urdu(areas, client, urdu_fragments):
    query = {"dataset": AREAS, "province": "PK-KP", "control": "PK-PB", "at": "2015-01-01"}
    api = client.get("/api/v1/outcomes/synthetic-control", {**query, "window": 48}).json()
    english = client.get("/outcomes/comparison/", query).content.decode()
    client.cookies["django_language"] = "ur"
    with translation.override("en"):  # the request activates Urdu; restored on leaving
        urdu = client.get("/outcomes/comparison/", query).content.decode()

    def limits(html):
        found = re.search(r'<ul class="caveats" id="synthetic-limits">(.*?)</ul>', html, re.S)
        return [html_lib.unescape(li) for li in re.findall(r"<li>(.*?)</li>", found.group(1))]

    assert api["units"] == "percent of the pre-break mean" and "pre_mean" in api
    assert limits(english) == api["limits"]
    assert "(percent of the pre-break mean)" in english
    shown = limits(urdu)
    assert len(shown) == len(api["limits"])
    for en, ur in zip(api["limits"], shown, strict=True):
        assert _figures(ur) == _figures(en) and not _latin(ur)
    assert "percent of the pre-break mean" not in urdu
    assert "(موڑ سے پہلے کے اوسط کا فیصد)" in urdu
