"""Cached summaries and analyses: computed once, never stale, never shared across scopes.

``summary_document`` (every face's event summary) and the API's analysis answers
(``api.cache.cached_document``) are kept in the shared cache under the question, the
caller's scope and the state of the data. These tests hold that an import replaces a
cached answer, that a reader who may see restricted data and an anonymous visitor never
receive each other's answer (in either order), and that an unchanged question is answered
without summing the tables again.
"""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from napmon.analysis.services.summaries import direct_count
from napmon.events.services import import_events
from napmon.events.services.reference import seed_reference_data

pytestmark = pytest.mark.django_db
UCDP = Path(__file__).resolve().parents[1] / "data" / "ucdp" / "valid" / "ged_iso.csv"
SUMMARY = "/api/v1/events/summary"


def _events(document) -> dict:
    return {row["key"]: row["events"] for row in document["rows"]}


def test_an_import_replaces_the_cached_summary(client, make_events):
    seed_reference_data()
    make_events("TESTSET", [("2015-02-03", "PK-KP", 3, None), ("2016-05-01", "PK-SD", 1, 2)])
    query = {"by": "dataset", "country": "all"}
    before = client.get(SUMMARY, query).json()
    assert _events(before)["TESTSET"] == 2
    import_events(UCDP, "ucdp")
    after = client.get(SUMMARY, query).json()
    expected = {row["key"]: row["events"] for row in direct_count("dataset", {"country": "all"})}
    assert _events(after) == expected
    assert len(expected) == 2 and expected["TESTSET"] == 2  # the UCDP rows are counted too


def test_an_unchanged_question_is_answered_without_summing_the_tables(client, make_events):
    make_events("TESTSET", [("2015-02-03", "PK-KP", 3, None)])
    first = client.get(SUMMARY, {"by": "year", "dataset": "TESTSET"}).json()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(SUMMARY, {"by": "year", "dataset": "TESTSET"}).json()
    assert again == first and _events(again) == {"2015": 1}
    assert not [q for q in queries.captured_queries if "SUM(" in q["sql"].upper()]


@pytest.mark.parametrize("url", [SUMMARY, "/api/v1/outcomes/summary"])
@pytest.mark.parametrize("signed_in_first", [True, False])
def test_signed_in_and_anonymous_callers_never_share_a_cached_answer(
    client, make_events, analyst, token_for, url, signed_in_first
):
    make_events("OPENSET", [("2015-02-03", "PK-KP", 3, None), ("2015-03-03", "PK-SD", 1, 0)])
    make_events("SECRETSET", [("2015-04-04", "PK-PB", 7, 7)] * 3, tier="restricted")
    cache.clear()
    headers = token_for(analyst)
    query = {"by": "dataset"}

    def anonymous():
        return _events(client.get(url, query).json())

    def signed_in():
        return _events(client.get(url, query, **headers).json())

    order = [signed_in, anonymous] if signed_in_first else [anonymous, signed_in]
    for _ in range(2):  # the second round is served from the cache
        seen = {ask.__name__: ask() for ask in order}
        assert seen["anonymous"] == {"OPENSET": 2}
        assert seen["signed_in"] == {"OPENSET": 2, "SECRETSET": 3}


def test_a_changed_licence_tier_is_not_served_from_the_cache(client, make_events):
    from napmon.events.models import Dataset

    make_events("TESTSET", [("2015-02-03", "PK-KP", 3, None)])
    assert _events(client.get(SUMMARY, {"by": "dataset"}).json()) == {"TESTSET": 1}
    Dataset.objects.filter(name="TESTSET").update(licence_tier="restricted")
    assert client.get(SUMMARY, {"by": "dataset"}).json()["rows"] == []


def test_an_analysis_answer_is_replaced_after_new_events(client, make_events):
    make_events("TESTSET", [("2015-02-03", "PK-KP", 3, None)])
    url = "/api/v1/outcomes/summary"
    assert _events(client.get(url, {"by": "year", "dataset": "TESTSET"}).json()) == {"2015": 1}
    make_events("TESTSET", [("2016-02-03", "PK-KP", 1, None)])  # a second import batch
    assert _events(client.get(url, {"by": "year", "dataset": "TESTSET"}).json()) == {
        "2015": 1,
        "2016": 1,
    }


def test_a_rolled_back_import_is_gone_from_the_cached_summary(client):
    from napmon.events.models import ImportBatch
    from napmon.events.services import rollback_batch

    seed_reference_data()
    import_events(UCDP, "ucdp")
    query = {"by": "dataset", "country": "all"}
    imported = _events(client.get(SUMMARY, query).json())
    assert sum(imported.values()) > 0
    rollback_batch(ImportBatch.objects.get().pk)
    assert client.get(SUMMARY, query).json()["rows"] == []


def test_kept_anonymous_answers_are_not_counted_against_the_rate_limit(
    client, make_events, analyst, token_for, settings
):
    """As for the public pages: an anonymous answer already kept costs no counter write;
    a question not kept yet, and every token or session request, still count."""
    from napmon.core.models import ClientCounter

    make_events("OPENSET", [("2015-02-03", "PK-KP", 3, None)])
    settings.NAPMON_API_RATE = "2/min"
    query = {"by": "year", "dataset": "OPENSET"}
    first = client.get(SUMMARY, query)
    assert first.status_code == 200 and _events(first.json()) == {"2015": 1}
    for _ in range(5):
        again = client.get(SUMMARY, query)
        assert again.status_code == 200 and again.content == first.content
    assert ClientCounter.objects.get().count == 1  # only the computed answer counted
    assert client.get(SUMMARY, {"by": "month", "dataset": "OPENSET"}).status_code == 200
    assert client.get(SUMMARY, {"by": "province", "dataset": "OPENSET"}).status_code == 429
    headers = token_for(analyst)
    codes = [client.get(SUMMARY, query, **headers).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    # A bad token is refused even where the anonymous answer is kept.
    bad = client.get(SUMMARY, query, HTTP_AUTHORIZATION="Bearer napmon_not-a-token")
    assert bad.status_code == 401
