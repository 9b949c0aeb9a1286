"""The interrupted time series on the built-in UCDP GED Pakistan data, through every face.

The UCDP file is loaded once for this module by the service ``napmon init`` uses, into the
dataset "UCDP GED", and removed afterwards (the ``ucdp_ged`` fixture of tests/conftest.py).
"""

import json
import math
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

NAME = "UCDP GED"
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ucdp(ucdp_ged):
    """The built-in events, once for this module (``ucdp_ged`` in tests/conftest.py)."""
    return ucdp_ged


def _no_nan(value):
    if isinstance(value, float):
        assert math.isfinite(value)
    elif isinstance(value, dict):
        for v in value.values():
            _no_nan(v)
    elif isinstance(value, list):
        for v in value:
            _no_nan(v)


@pytest.fixture(scope="module")
def cli_doc(ucdp, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "outcomes", "its", "--intervention", "nap-adopted", "--dataset", NAME, "--json",
            stdout=out,
        )  # fmt: skip
    return json.loads(out.getvalue())


def test_cli_json_reports_effects_window_family_diagnostics_placebo_grid_verdict(cli_doc):
    doc = cli_doc
    assert doc["intervention_month"] == "2014-12" and doc["break_label"] == "NAP adopted"
    assert doc["window"] == {
        "months_each_side": 48, "start": "2010-12", "end": "2018-11",
        "months_before": 48, "months_after": 47, "transition_months": 1,
    }  # fmt: skip
    level, slope, cumulative = (doc["effects"][k] for k in ("level", "slope", "cumulative"))
    # On 2010-2018 the fall at NAP is not distinguishable from the pre-existing trend.
    assert level["ci_low"] < level["ratio"] < 1 < level["ci_high"] and level["p_value"] > 0.05
    assert slope["ci_low"] < slope["ratio"] < slope["ci_high"]
    assert cumulative["ci_low"] < cumulative["difference"] < cumulative["ci_high"]
    assert cumulative["months"] == 47
    model = doc["model"]
    assert model["family"] == "negative_binomial" and model["seasonality"] == "fourier"
    assert doc["dispersion_test"]["statistic"] > 2 and doc["dispersion_test"]["overdispersed"]
    errors = model["standard_errors"]
    assert errors["hac_lag"] == 95  # every lag of the 96-month window
    assert 0 <= errors["ar1_rho"] <= 0.95 and 0 <= errors["ar_decay"] <= 0.95
    assert 0 <= doc["diagnostics"]["ljung_box"]["p_value"] <= 1
    assert doc["diagnostics"]["ljung_box"]["lags"] == 12
    assert doc["placebo"]["n"] >= 30 and doc["placebo"]["p_value"] > 0.5
    grid = doc["sensitivity"]["rows"]
    assert {r["break_date"] for r in grid} == {"2014-06-15", "2014-12-16", "2015-01-06"}
    assert {r["window"] for r in grid} == {24, 48, None}
    assert {r["family"] for r in grid} == {"negative_binomial", "quasi_poisson"}
    assert doc["verdict"]["code"] == "not_supported"
    assert doc["verdict"]["sentence"].startswith("Not supported")
    assert "association, not proof" in doc["sentence"]
    assert any("Zarb-e-Azb" in c for c in doc["caveats"])
    assert any("Military courts" in c for c in doc["caveats"])
    assert any("FATA" in c for c in doc["caveats"])
    _no_nan(doc)


def test_api_gives_the_same_document_as_the_cli(client, cli_doc):
    response = client.get("/api/v1/outcomes/its", {"dataset": NAME, "intervention": "nap-adopted"})
    assert response.status_code == 200, response.content
    assert "NaN" not in response.content.decode()
    assert response.json() == cli_doc


def test_poisson_at_high_dispersion_is_warned_about(client, ucdp):
    response = client.get(
        "/api/v1/outcomes/its",
        {"dataset": NAME, "intervention": "nap-adopted", "family": "poisson",
         "robustness": "false"},
    )  # fmt: skip
    body = response.json()
    assert body["model"]["family"] == "poisson" and body["placebo"] is None
    assert body["warnings"][0].startswith(
        "Poisson was chosen although the counts are overdispersed"
    )


def test_outcomes_page_shows_the_same_its(client, cli_doc):
    html = client.get("/outcomes/", {"dataset": NAME, "intervention": "nap-adopted"}).content
    html = re.sub(r"</?bdi[^>]*>", "", html.decode())  # months are isolated for RTL
    level = cli_doc["effects"]["level"]
    assert cli_doc["verdict"]["sentence"] in html
    assert f"{level['ratio']:.2f} ({level['ci_low']:.2f}–{level['ci_high']:.2f})" in html
    assert "2010-12 – 2018-11: 48 months before, 47 after, 1 transition month(s)" in html
    assert cli_doc["placebo"]["sentence"] in html
    assert 'data-spec="chart-its"' in html and 'data-spec="chart-placebo"' in html
    assert "How to read this" in html and "Zarb-e-Azb" in html
    assert html.count("<tr><td>") >= 18  # the sensitivity grid
    assert "<script>" not in html


def test_urdu_page_words_the_its_and_placebo_results_with_the_same_figures(
    client, cli_doc, urdu_fragments
):
    client.cookies["django_language"] = "ur"
    with translation.override("en"):  # the request activates Urdu; restored on leaving
        html = client.get("/outcomes/", {"dataset": NAME, "intervention": "nap-adopted"})
    html = html.content.decode()
    sentence = re.search(r'<p class="result" id="its-sentence">(.*?)</p>', html, re.S).group(1)
    placebo = re.search(r'<p id="its-placebo">(.*?)</p>', html, re.S).group(1)
    level, total = cli_doc["effects"]["level"], cli_doc["effects"]["cumulative"]
    assert "شرح کا تناسب" in sentence and "یہ ایک تعلق ہے" in sentence
    assert cli_doc["sentence"] not in html  # the English sentence is not shown
    # The figures, each isolated (FSI ... PDI), are the CLI's.
    for figure in (level["ratio"], level["ci_low"], level["ci_high"]):
        assert f"\u2068{figure:.2f}\u2069" in sentence
    assert f"\u2068p = {level['p_value']:.3f}\u2069" in sentence
    assert f"\u2068{cli_doc['window']['months_after']}\u2069" in sentence
    diff = total["difference"]
    assert f"\u2068{'+' if diff > 0 else '−'}{abs(diff):,.0f}\u2069" in sentence
    assert "پلیسبو" in placebo
    assert f"\u2068{cli_doc['placebo']['p_value']:.2f}\u2069" in placebo
    assert f"\u2068{cli_doc['placebo']['n']}\u2069" in placebo
    robust = re.search(r'<p class="result" id="before-after-robust">(.*?)</p>', html, re.S)
    assert robust and "زائد انتشار" in robust.group(1) and "ignores any trend" not in html
    poisson = re.search(r'<span id="before-after-poisson">(.*?)</span>', html, re.S).group(1)
    assert "روزانہ" in poisson and "a day" not in poisson
    change_points = re.search(r'<p class="result" id="change-points">(.*?)</p>', html, re.S)
    assert "واقعات کی سطح" in change_points.group(1)
    volatility = re.search(r'<ul id="volatility">(.*?)</ul>', html, re.S).group(1)
    assert volatility.count("تغیر کا ضریب") == 2 and "averaged" not in volatility


def test_before_after_is_overdispersion_aware_with_placebo_years(client, ucdp, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "outcomes", "before-after", "--intervention", "nap-adopted", "--dataset", NAME,
            "--before", "12", "--json", stdout=out,
        )  # fmt: skip
    doc = json.loads(out.getvalue())
    robust = doc["robust"]
    # Allowing for overdispersion widens the interval well beyond the Poisson one.
    assert robust["ci_high"] - robust["ci_low"] > 2 * (
        doc["poisson_ci_high"] - doc["poisson_ci_low"]
    )
    assert robust["family"] == "negative_binomial" and robust["p_value"] > 0.05
    assert len(robust["placebo_years"]) >= 10 and robust["placebo_p_value"] > 0.2
    assert "ignores any trend" in robust["sentence"]
    api = client.get(
        "/api/v1/outcomes/before-after",
        {"dataset": NAME, "intervention": "nap-adopted", "before": 12},
    )
    assert api.status_code == 200 and api.json() == doc
    html = client.get(
        "/outcomes/", {"dataset": NAME, "intervention": "nap-adopted", "before": 12}
    ).content.decode()
    assert robust["sentence"] in html and "use the interrupted time series" in html


def test_change_points_volatility_and_surges_on_every_face(client, ucdp, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("outcomes", "changepoints", "--dataset", NAME, "--json", stdout=out)
    doc = json.loads(out.getvalue())
    cp = doc["change_points"]
    assert cp["cost"] == "negative_binomial" and len(cp["segments"]) == len(cp["breaks"]) + 1
    assert sum(s["months"] for s in cp["segments"]) == 31 * 12  # Jan 1989 .. Dec 2019
    assert doc["volatility"][0]["months"] == 24 and doc["volatility"][0]["end"] == "2019-12"
    assert doc["volatility"][0]["cv"] > 0
    api = client.get("/api/v1/outcomes/change-points", {"dataset": NAME})
    assert api.status_code == 200 and api.json() == doc
    surge = client.get("/api/v1/outcomes/surges", {"dataset": NAME}).json()
    assert {r["month"] for r in surge["rows"]} == {"2019-12"}
    assert all(isinstance(r["threshold"], int) for r in surge["rows"])
    html = client.get("/outcomes/", {"dataset": NAME}).content.decode()
    assert cp["sentence"] in html and doc["volatility"][0]["sentence"] in html
    assert 'id="surges"' in html


def test_brief_carries_the_same_conclusion_and_caveats(cli_doc, django_db_blocker):
    from napmon.briefs.services.render import render_html

    with django_db_blocker.unblock():
        html = render_html("scorecard", lang="en")
    assert cli_doc["verdict"]["sentence"] in html
    assert cli_doc["sentence"] in html
    for caveat in cli_doc["caveats"]:
        assert caveat in html


def test_comparative_its_between_provinces_on_cli_and_api(client, ucdp, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock():
        call_command(
            "outcomes", "comparative", "--province", "PK-KP", "--control", "PK-PB",
            "--intervention", "nap-adopted", "--dataset", NAME, "--json", stdout=out,
        )  # fmt: skip
    doc = json.loads(out.getvalue())
    level = doc["level_difference"]
    assert level["ci_low"] < level["ratio"] < level["ci_high"]
    assert doc["window"]["months_before"] == 48
    assert doc["sentence"].startswith("Compared with Punjab, the level of events in Khyber")
    api = client.get(
        "/api/v1/outcomes/comparative-its",
        {"dataset": NAME, "province": "PK-KP", "control": "PK-PB", "intervention": "nap-adopted"},
    )
    assert api.status_code == 200 and api.json() == doc
    same = client.get(
        "/api/v1/outcomes/comparative-its",
        {"dataset": NAME, "province": "PK-KP", "control": "PK-KP", "at": "2015-01-01"},
    )
    assert same.status_code == 400 and same.json()["code"] == "missing_province"
