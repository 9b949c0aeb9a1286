"""Proposing cross-dataset matches through a sliding date window."""

import random
from datetime import date, timedelta

import pytest

from napmon.events.errors import EventImportError
from napmon.events.models import AdminUnit, CandidateMatch, Dataset, Event, ImportBatch
from napmon.events.names import name_key
from napmon.events.resolvers import PlaceNames
from napmon.events.services import matching, propose_matches
from napmon.events.services.matching import score_pair

pytestmark = pytest.mark.django_db

CITIES = ["Peshawar", "PESHAWAR ", "Quetta", "Karachi", "Wana", ""]


def _random_events(rng: random.Random, count: int) -> None:
    units = list(AdminUnit.objects.values_list("pk", flat=True)[:3]) + [None]
    datasets = [Dataset.objects.create(name=n, format="gtd") for n in ("A", "B", "C")]
    batches = {
        d.pk: ImportBatch.objects.create(dataset=d, format="gtd", file_name="x.csv", sha256="0")
        for d in datasets
    }
    start = date(2014, 1, 1)
    Event.objects.bulk_create(
        Event(
            dataset=(dataset := rng.choice(datasets)),
            batch=batches[dataset.pk],
            key=str(number),
            row_hash="x",
            date=start + timedelta(days=rng.randrange(60)),
            province_id=rng.choice(units),
            city=rng.choice(CITIES),
            killed=rng.choice([None, 0, 1, 2, 5, 10, 40]),
            status=rng.choice(["active"] * 9 + ["retired"]),
        )
        for number in range(count)
    )


def _brute_force(days: int, min_score: float, existing: set) -> dict:
    """Every pair of active events compared with every other: the reference result."""
    events = list(
        Event.objects.filter(status="active")
        .order_by("date", "id")
        .values("id", "dataset_id", "date", "province_id", "city", "killed")
    )
    for event in events:
        event["city"] = name_key(event["city"])
    found = {}
    for i, left in enumerate(events):
        for right in events[i + 1 :]:
            pair = (min(left["id"], right["id"]), max(left["id"], right["id"]))
            if (
                left["dataset_id"] == right["dataset_id"]
                or pair in existing
                or abs((left["date"] - right["date"]).days) > days
                or not (
                    (left["city"] and left["city"] == right["city"])
                    or (left["province_id"] and left["province_id"] == right["province_id"])
                )
            ):
                continue
            score, reasons = score_pair(left, right, days)
            if score >= min_score:
                found[pair] = (score, reasons)
    return found


@pytest.mark.parametrize("days", [0, 1, 3])
def test_windowed_proposals_equal_comparing_every_pair(reference, monkeypatch, days):
    rng = random.Random(days)
    _random_events(rng, 600)
    # Pages much smaller than a day's events, so page edges fall inside a date.
    monkeypatch.setattr(matching, "PAGE_SIZE", 7)
    monkeypatch.setattr(matching, "CREATE_BATCH", 5)
    active = list(Event.objects.filter(status="active").order_by("id"))
    decided = CandidateMatch.objects.create(
        left=active[0], right=active[1], score=0.1, status="rejected"
    )
    expected = _brute_force(days, 0.3, {(decided.left_id, decided.right_id)})

    created = propose_matches(days=days, min_score=0.3, max_candidates=None)

    got = {
        (m.left_id, m.right_id): (m.score, m.reasons)
        for m in CandidateMatch.objects.exclude(pk=decided.pk)
    }
    assert len(expected) > 50  # the random set does produce many pairs
    assert created == len(got) == len(expected)
    assert got == expected
    assert propose_matches(days=days, min_score=0.3, max_candidates=None) == 0


@pytest.fixture
def samples(reference, data_dir):
    """The project's sample files of four datasets that report some of the same attacks."""
    from napmon.events.services import import_events

    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    import_events(data_dir / "ucdp/valid/ged_iso.csv", "ucdp")
    mapped = data_dir / "mapped/valid"
    import_events(
        mapped / "monitor_incidents.csv", "mapped", mapping=mapped / "monitor_mapping.yaml"
    )
    import_events(
        mapped / "suicide_attacks.csv", "mapped", mapping=mapped / "suicide_attacks_mapping.yaml"
    )
    return matching.load_labelled_pairs(data_dir / "matching/labelled_pairs.csv")


def test_place_names_are_folded_through_the_gazetteer(reference):
    places = PlaceNames()

    assert places.key("Karachi Town") == places.key("karachi") == "karachi"
    assert places.key("Quetta town") == places.key("QUETTA") == "quetta"
    assert places.key("Peshawar Cantt") == "peshawar"
    assert places.key("Islamabad") == places.key("ICT") == places.key("Federal")
    assert places.key("Town") == "town" and places.key("Newtown") == "newtown"


def test_labelled_pairs_precision_and_recall(samples):
    created = propose_matches(days=2)

    result = matching.evaluate_matches(samples)
    assert (result["true_positives"], result["false_negatives"]) == (8, 0)
    assert (result["false_positives"], result["true_negatives"]) == (0, 5)
    assert (result["precision"], result["recall"]) == (1.0, 1.0)
    assert created == 8 + result["unlabelled"]
    aps = CandidateMatch.objects.get(left__key="201412160001", right__key="200101")
    assert aps.score == 1.0 and "same city" in aps.reasons  # 'Peshawar town' = Peshawar


def test_uncapped_proposals_let_the_wrong_twin_in(samples):
    propose_matches(days=2, max_candidates=None)

    result = matching.evaluate_matches(samples)
    assert (result["true_positives"], result["false_positives"]) == (8, 2)
    assert result["precision"] == 0.8


def test_each_event_keeps_its_best_ranked_candidate(samples):
    propose_matches(days=2, max_candidates=1)

    ucdp_quetta = Event.objects.get(dataset__name="UCDP GED", key="200102")
    gtd = CandidateMatch.objects.filter(
        right=ucdp_quetta, left__dataset__name="GTD"
    ) | CandidateMatch.objects.filter(left=ucdp_quetta, right__dataset__name="GTD")
    assert [m.left.key if m.left.dataset.name == "GTD" else m.right.key for m in gtd] == [
        "201301100001"
    ]
    with pytest.raises(EventImportError) as caught:
        propose_matches(max_candidates=0)
    assert (caught.value.code, caught.value.field) == ("invalid_value", "max_candidates")
