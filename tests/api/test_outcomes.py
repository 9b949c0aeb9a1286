from datetime import date

import pytest

from napmon.analysis.services import run_its

pytestmark = pytest.mark.django_db


def _shape(response):
    body = response.json()
    assert set(body) <= {"code", "message", "field"}, body
    assert body["code"] and body["message"]
    return body


@pytest.fixture
def provinces(events):
    """2020: ten KP events (1 killed, 2 injured each) and two in Punjab (3 killed each)."""
    rows = [(date(2020, 3, 1 + i), "PK-KP", 1, 2) for i in range(10)]
    rows += [(date(2020, 5, 1), "PK-PB", 3, 0), (date(2020, 6, 1), "PK-PB", 3, 0)]
    return events("TESTSET", rows)


@pytest.fixture
def monthly(events):
    """2016-2019, one province: 10 events a month before 2018, 5 a month from January 2018."""
    rows = []
    for i in range(48):
        year, month = 2016 + i // 12, i % 12 + 1
        rows += [(date(year, month, 10), "PK-KP", 1, 1)] * (10 if year < 2018 else 5)
    return events("MONTHLY", rows, tier="open")


def test_outcome_summary_suppresses_small_cells_for_the_public(
    client, provinces, analyst, token_for
):
    public = client.get("/api/v1/outcomes/summary?by=province&dataset=TESTSET").json()
    assert public["k"] == 5
    rows = {r["key"]: r for r in public["rows"]}
    assert rows["Khyber Pakhtunkhwa"] == {
        "key": "Khyber Pakhtunkhwa",
        "events": 10,
        "killed": 10,
        "injured": 20,
        "killed_unknown": 0,
        "injured_unknown": 0,
        "suppressed": False,
    }
    assert rows["Punjab"] == {
        "key": "Punjab",
        "events": None,
        "killed": None,
        "injured": None,
        "killed_unknown": None,
        "injured_unknown": None,
        "suppressed": True,
    }
    full = client.get(
        "/api/v1/outcomes/summary?by=province&dataset=TESTSET", **token_for(analyst)
    ).json()
    assert full["k"] is None
    assert {r["key"]: (r["events"], r["killed"]) for r in full["rows"]}["Punjab"] == (2, 6)
    # Months are finer than the public grid: the aggregate-only dataset is left out.
    by_month = client.get("/api/v1/outcomes/summary?by=month&dataset=TESTSET").json()
    assert by_month["rows"] == [] and by_month["withheld"] == ["TESTSET"]


def test_outcome_summary_refuses_bad_filters(client, provinces):
    response = client.get("/api/v1/outcomes/summary?by=weekday")
    assert response.status_code == 422 and _shape(response)["field"] == "by"
    response = client.get("/api/v1/outcomes/summary?province=PK-XX")
    assert response.status_code == 400
    assert _shape(response) | {"message": ""} == {
        "code": "invalid_filter",
        "field": "province",
        "message": "",
    }
    response = client.get("/api/v1/outcomes/summary?date_from=yesterday")
    assert response.status_code == 400 and _shape(response)["field"] == "date_from"


def test_its_gives_estimates_cis_p_values_and_the_sentence(client, monthly):
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY&at=2018-01-01&family=poisson")
    assert response.status_code == 200, response.json()
    body = response.json()
    level = body["effects"]["level"]
    # half the events a month from January 2018: the level drops to about 0.5
    assert level["ratio"] == pytest.approx(0.5, abs=0.03)
    assert level["ci_low"] < level["ratio"] < level["ci_high"] < 1
    assert level["p_value"] < 0.01
    assert body["effects"]["slope"]["ratio"] == pytest.approx(1.0, abs=0.02)
    window = body["window"]
    assert (window["months_before"], window["months_after"]) == (24, 23)
    assert body["model"]["family"] == "poisson"
    assert body["intervention_month"] == "2018-01"
    expected = run_its({"dataset": "MONTHLY"}, at="2018-01-01", family="poisson")["result"]
    assert level["ratio"] == pytest.approx(expected.level_ratio)
    assert body["effects"]["slope"]["p_value"] == pytest.approx(expected.slope_p)
    assert body["sentence"] == expected.sentence
    assert "January 2018" in body["sentence"]
    seasonal = client.get(
        "/api/v1/outcomes/its?dataset=MONTHLY&intervention=fata-merger&seasonality=fourier"
    )
    assert seasonal.status_code == 200
    assert "Fourier seasonal terms" in seasonal.json()["sentence"]
    assert seasonal.json()["break_label"] == "FATA merged into Khyber Pakhtunkhwa"
    assert seasonal.json()["break_date"] == "2018-05-01"


def test_its_with_too_little_data_is_a_clear_422(client, monthly):
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY&at=2016-03-01")
    assert response.status_code == 422
    body = _shape(response)
    assert body["code"] == "too_few_points" and body["field"] == "intervention"
    assert "at least 12 months on each side" in body["message"]
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY")
    assert response.status_code == 422
    assert _shape(response)["code"] == "missing_break"
    response = client.get("/api/v1/outcomes/its?dataset=NOTHING&at=2018-01-01")
    assert response.status_code == 404 and _shape(response)["field"] == "dataset"
    response = client.get("/api/v1/outcomes/its?dataset=all&at=2018-01-01")
    assert response.status_code == 400 and _shape(response)["code"] == "one_dataset_needed"
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY&intervention=no-such")
    assert response.status_code == 404 and _shape(response)["field"] == "intervention"
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY&at=2018-01-01&family=normal")
    assert response.status_code == 422 and _shape(response)["field"] == "family"


def test_gti_style_index_is_labelled_and_suppressed_for_the_public(
    client, provinces, analyst, token_for
):
    body = client.get("/api/v1/outcomes/index?dataset=TESTSET").json()
    assert body["label"] == "GTI-style, not the official Global Terrorism Index"
    assert "not the official Global Terrorism Index" in body["description"]
    rows = {(r["province"], r["year"]): r for r in body["rows"]}
    kp = rows[("Khyber Pakhtunkhwa", 2020)]
    # raw = 10 incidents + 3 x 10 deaths + 0.5 x 20 injuries; one year: 16/31 of it
    assert (kp["incidents"], kp["deaths"], kp["injuries"], kp["raw"]) == (10, 10, 20, 50)
    assert kp["weighted"] == pytest.approx(50 * 16 / 31)
    assert kp["score"] == 10 and kp["label"] == "GTI-style"
    punjab = rows[("Punjab", 2020)]
    assert punjab["suppressed"] is True and punjab["incidents"] is None
    assert punjab["raw"] is None and punjab["weighted"] is None and punjab["deaths"] is None
    assert punjab["score"] is None  # a banded score would narrow the hidden cell down
    full = client.get("/api/v1/outcomes/index?dataset=TESTSET", **token_for(analyst)).json()
    punjab = {(r["province"], r["year"]): r for r in full["rows"]}[("Punjab", 2020)]
    assert (punjab["incidents"], punjab["deaths"], punjab["raw"]) == (2, 6, 20)


def test_index_without_events_is_422(client, db):
    response = client.get("/api/v1/outcomes/index")  # no dataset has events
    assert response.status_code == 422 and _shape(response)["code"] == "no_data"
    response = client.get("/api/v1/outcomes/index?dataset=NOTHING")
    assert response.status_code == 404 and _shape(response)["field"] == "dataset"


def test_claims_carry_verdicts_and_explanations(client, db):
    claims = client.get("/api/v1/claims").json()
    assert len(claims) > 30
    assert all(
        {"id", "text", "source", "verdict", "stated", "computed", "explanation"} <= set(c)
        for c in claims
    )
    by_key = {c["key"]: c for c in claims}
    attacks = by_key["basit-2014-attacks"]
    assert (attacks["verdict"], attacks["stated"], attacks["computed"]) == (
        "verified",
        "1,206",
        1206,
    )
    assert attacks["text"] == "1,206 [terrorist attacks] in 2014"
    assert "pips-terrorist-attacks 2014 = 1,206" in attacks["explanation"]
    assert by_key["basit-attacks-halved-2008-2014"]["verdict"] == "approximate"
    assert by_key["basit-attacks-halved-2008-2014"]["computed"] == pytest.approx(0.5615, abs=1e-4)
    verified = client.get("/api/v1/claims?verdict=verified").json()
    assert verified and {c["verdict"] for c in verified} == {"verified"}
    one = client.get("/api/v1/claims/basit-2014-attacks").json()
    assert one == attacks
    response = client.get("/api/v1/claims/no-such-claim")
    assert response.status_code == 404 and _shape(response)["code"] == "not_found"


def test_claims_carry_two_verdicts_and_can_be_filtered_by_them(client, db):
    attacks = client.get("/api/v1/claims/basit-2014-attacks").json()
    assert attacks["consistency"]["verdict"] == "matches"
    assert attacks["consistency"]["label"] == "matches its source"
    assert "consistency, not independent confirmation" in attacks["consistency"]["explanation"]
    # No event dataset is imported in this test database.
    assert attacks["independent"]["verdict"] == "no_independent_data"
    assert attacks["independent"]["datasets"] == ["UCDP GED"]
    rough = client.get("/api/v1/claims?consistency=approximate").json()
    assert "basit-attacks-halved-2008-2014" in {c["key"] for c in rough}
    assert {c["consistency"]["verdict"] for c in rough} == {"approximate"}
    response = client.get("/api/v1/claims?independent=verified")
    assert response.status_code == 422 and "independent" in response.content.decode()


def test_public_callers_see_no_consistency_check_on_restricted_figures(client, db):
    from napmon.indicators.models import Indicator

    Indicator.objects.filter(slug="pips-terrorist-attacks").update(visibility="restricted")
    row = client.get("/api/v1/claims/basit-2014-attacks").json()
    assert row["consistency"]["verdict"] == "unverifiable"
    assert row["consistency"]["explanation"] == (
        "The figures behind this claim include restricted material, so the check is withheld."
    )
    assert row["computed"] is None and row["inputs"] == []


def test_interventions_are_listed_with_their_sources(client, db):
    rows = client.get("/api/v1/interventions").json()
    by_key = {r["key"]: r for r in rows}
    nap = by_key["nap-adopted"]
    assert (nap["label"], nap["date"], nap["date_precision"]) == (
        "NAP adopted",
        "2014-12-24",
        "day",
    )
    assert nap["source"]["key"] == "wapo-2014-12-24"
    courts = by_key["military-courts"]
    assert courts["end_date"] == "2019-03-31"
    assert courts["period_label"] == "2015 – 31 Mar 2019"
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_claims_resting_on_restricted_figures_are_withheld_from_the_public(
    client, analyst, token_for
):
    from napmon.indicators.models import IndicatorValue, Visibility

    IndicatorValue.objects.filter(
        indicator__slug="pips-terrorist-attacks", period_label="2014"
    ).update(visibility=Visibility.RESTRICTED)
    public = client.get("/api/v1/claims/basit-2014-attacks")
    body = public.json()
    assert (body["verdict"], body["computed"], body["inputs"]) == ("unverifiable", None, [])
    assert "restricted" in body["explanation"]
    assert "1,206" not in body["explanation"]
    full = client.get("/api/v1/claims/basit-2014-attacks", **token_for(analyst)).json()
    assert (full["verdict"], full["computed"]) == ("verified", 1206)


def test_api_counts_pakistan_only_names_the_dataset_and_keeps_unknown_null(client, ucdp_events):
    from napmon.events.models import Dataset, Event

    ucdp = Dataset.objects.get(name="UCDP GED")
    kabul = Event.objects.filter(dataset=ucdp).first()
    Event.objects.create(
        dataset=ucdp,
        batch=kabul.batch,
        key="kabul-1",
        row_hash="x",
        date=date(2015, 3, 1),
        country="Afghanistan",
        killed=50,
        violence=1,
    )
    summary = client.get("/api/v1/events/summary?by=dataset").json()["rows"]
    assert summary == [
        {
            "key": "UCDP GED",
            "events": 5834,
            "killed": 41819,
            "injured": None,
            "killed_unknown": 0,
            "injured_unknown": 5834,  # UCDP records no injuries: unknown, not 0
            "suppressed": False,
        }
    ]
    every = client.get("/api/v1/events/summary?by=dataset&country=all").json()["rows"]
    assert every[0]["events"] == 5835
    one_sided = client.get("/api/v1/outcomes/summary?by=dataset&violence=one-sided").json()
    state = client.get("/api/v1/outcomes/summary?by=dataset&violence=state-based").json()
    non_state = client.get("/api/v1/outcomes/summary?by=dataset&violence=non-state").json()
    parts = [r["rows"][0]["events"] for r in (one_sided, state, non_state)]
    assert sum(parts) == 5834 and all(parts)
    assert client.get("/api/v1/outcomes/summary?violence=any").status_code == 422

    index = client.get("/api/v1/outcomes/index").json()
    assert index["dataset"]["name"] == "UCDP GED" and index["dataset"]["licence"] == "CC BY 4.0"
    assert index["unavailable_terms"] == ["injuries"]
    assert index["incomplete_years"] == [1989, 1990, 1991, 1992]
    assert all(r["injuries"] is None for r in index["rows"])
    its = client.get("/api/v1/outcomes/its?intervention=nap-adopted").json()
    assert its["dataset"]["measure"] == "organised violence (events with at least one death)"
    assert "Sundberg" in its["dataset"]["citation"] and "Events in UCDP GED" in its["sentence"]


def test_too_little_data_is_refused_in_urdu_with_its_code_and_figures(
    client, monthly, urdu_fragments
):
    client.cookies["django_language"] = "ur"
    response = client.get("/api/v1/outcomes/its?dataset=MONTHLY&at=2016-03-01")
    assert response.status_code == 422
    body = _shape(response)
    assert body["code"] == "too_few_points" and body["field"] == "intervention"
    assert body["message"] == (
        "منقطع وقتی سلسلے کے لیے \u20682016-03\u2069 کے دونوں طرف (عبوری مدت کے بعد) کم از کم"
        " 12 مہینے درکار ہیں؛ منتخب مدت میں پہلے 2 اور بعد میں 45 مہینے ہیں۔"
    )
    assert "at least" not in body["message"]
