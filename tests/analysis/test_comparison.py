"""Comparison groups through every face: the comparative ITS and the synthetic control give
one document to the CLI's --json, the API and the /outcomes/comparison/ page."""

import json
import math
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db
NAME = "Provinces"
MONTHS = 96  # 2011-2018; break January 2015 (month 48)


def _counts(i: int) -> dict[str, int]:
    pb = 20 + 10 * math.sin(2 * math.pi * i / 24)
    sd = 20 + 10 * math.cos(2 * math.pi * i / 30)
    kp = (pb + sd) / 2 * (0.5 if i >= 48 else 1.0)  # a mix of PB and SD, halved after
    return {
        "PK-KP": round(kp),
        "PK-PB": round(pb),
        "PK-SD": round(sd),
        "PK-BA": 15 + i // 8,
        "PK-IS": 3 + i % 4,
    }


@pytest.fixture
def provinces(make_events):
    rows = []
    for i in range(MONTHS):
        day = date(2011 + i // 12, i % 12 + 1, 10)
        for code, n in _counts(i).items():
            rows += [(day, code, 1, None)] * n
    make_events(NAME, rows)
    return NAME


QUERY = {"dataset": NAME, "province": "PK-KP", "at": "2015-01-01"}


def _cli(*args) -> dict:
    out = StringIO()
    call_command("outcomes", *args, "--dataset", NAME, "--at", "2015-01-01", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_synthetic_control_recovers_the_mix_and_the_fall(provinces, client):
    doc = _cli("synthetic", "--province", "PK-KP")
    weights = {w["area"]: w["weight"] for w in doc["weights"]}
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert all(w >= 0 for w in weights.values())
    assert weights["PK-PB"] + weights["PK-SD"] > 0.8
    assert doc["percent_gap"] == pytest.approx(-50, abs=8)  # the halving after the break
    # Donors without events are left out; with 4 donors p cannot be below 1/5.
    assert set(doc["left_out"]) == {"PK-GB", "PK-JK"}
    assert doc["min_p_value"] == pytest.approx(0.2) and doc["placebo_p_value"] == pytest.approx(0.2)
    assert any("cannot be below 0.20" in limit for limit in doc["limits"])
    assert any("FATA" in limit for limit in doc["limits"])
    assert "association, not proof of cause" in doc["sentence"].lower()
    assert doc["window"]["start"] == "2011-01" and doc["window"]["end"] == "2018-12"
    api = client.get("/api/v1/outcomes/synthetic-control", QUERY)
    assert api.status_code == 200, api.content
    assert api.json() == doc


def test_comparative_its_cli_and_api_agree(provinces, client):
    doc = _cli("comparative", "--province", "PK-KP", "--control", "PK-PB")
    level = doc["level_difference"]
    assert level["ratio"] < 0.8  # KP halved, Punjab did not
    assert level["ci_low"] < level["ratio"] < level["ci_high"]
    assert doc["dataset"]["name"] == NAME and doc["control_name"] == "Punjab"
    api = client.get("/api/v1/outcomes/comparative-its", {**QUERY, "control": "PK-PB"})
    assert api.status_code == 200, api.content
    assert api.json() == doc


def _cell(html: str, row_id: str) -> list[str]:
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_comparison_page_shows_the_api_numbers(provinces, client):
    query = {**QUERY, "control": "PK-PB", "window": 48}
    page = client.get("/outcomes/comparison/", query)
    assert page.status_code == 200
    html = page.content.decode()
    comparative = client.get("/api/v1/outcomes/comparative-its", query).json()
    synthetic = client.get("/api/v1/outcomes/synthetic-control", QUERY).json()
    for row_id, key in (("comparative-level", "level_difference"),
                        ("comparative-slope", "slope_difference")):  # fmt: skip
        e = comparative[key]
        assert _cell(html, row_id) == [
            f"{e[k]:.4f}" for k in ("ratio", "ci_low", "ci_high", "p_value")
        ]
    for w in synthetic["weights"]:
        found = re.search(rf'data-area="{w["area"]}"><th scope="row">[^<]*</th>'
                          r'<td class="num">([^<]*)</td>', html)  # fmt: skip
        assert found and found.group(1) == f"{w['weight']:.4f}"
    assert f'<dd id="synthetic-pre">{synthetic["pre_rmspe"]:.4f}</dd>' in html
    assert f'<dd id="synthetic-ratio">{synthetic["rmspe_ratio"]:.4f}</dd>' in html
    assert f'<dd id="synthetic-p">{synthetic["placebo_p_value"]:.4f}' in html
    assert "Association, not proof of cause." in html
    assert html.count("How to read this") >= 2
    assert synthetic["limits"][0].split(":")[0] in html


def test_outcomes_page_links_to_the_comparison_page(client):
    html = client.get("/outcomes/").content.decode()
    assert 'id="comparison-link"' in html and "/outcomes/comparison/" in html


def test_comparison_page_explains_a_failed_panel(provinces, client):
    html = client.get("/outcomes/comparison/", {"dataset": NAME, "at": "2011-03-01"}).content
    assert b"months on each side" in html or b"at least" in html


def test_comparison_page_charts_the_synthetic_control_it_tabulates(provinces, client):
    html = client.get("/outcomes/comparison/", QUERY).content.decode()
    synthetic = client.get("/api/v1/outcomes/synthetic-control", QUERY).json()
    found = re.search(r'<script id="chart-synthetic" type="application/json">(.*?)</script>',
                      html, re.S)  # fmt: skip
    assert found, "the synthetic-control chart is missing"
    spec = json.loads(found.group(1))
    points, rule = spec["layer"][0]["data"]["values"], spec["layer"][1]["data"]["values"]
    drawn = {(v["period"][:7], v["kind"]): v["value"] for v in points}
    assert drawn == {
        (p["start"], kind): p[kind]
        for p in synthetic["periods"]
        for kind in ("treated", "synthetic")
    }
    assert rule == [{"period": "2015-01-01"}]
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["Khyber Pakhtunkhwa", "synthetic Khyber Pakhtunkhwa"]
    assert 'data-spec="chart-synthetic"' in html


def test_urdu_comparison_page_words_both_results_with_the_api_figures(
    provinces, client, urdu_fragments
):
    query = {**QUERY, "control": "PK-PB"}
    comparative = client.get("/api/v1/outcomes/comparative-its", query).json()
    synthetic = client.get("/api/v1/outcomes/synthetic-control", QUERY).json()
    client.cookies["django_language"] = "ur"
    with translation.override("en"):  # the request activates Urdu; restored on leaving
        html = client.get("/outcomes/comparison/", query).content.decode()

    def sentence(element_id):
        return re.search(rf'<p id="{element_id}">(.*?)</p>', html, re.S).group(1)

    worded = sentence("comparative-sentence")
    level = comparative["level_difference"]
    assert "گنا بدلی" in worded and comparative["sentence"] not in html
    for figure in (level["ratio"], level["ci_low"], level["ci_high"]):
        assert f"\u2068{figure:.2f}\u2069" in worded
    worded = sentence("synthetic-sentence")
    assert "وزنی آمیزہ" in worded and synthetic["sentence"] not in html
    assert f"\u2068{synthetic['pre_rmspe']:.1f}\u2069" in worded
    assert f"\u2068{synthetic['placebo_p_value']:.2f}\u2069" in worded
    for weight in synthetic["weights"][:2]:
        assert f"\u2068{weight['weight']:.2f}\u2069" in worded
