"""Proposing cross-dataset matches through a sliding date window."""

import random
from datetime import date, timedelta

import pytest

from napmon.events.models import AdminUnit, CandidateMatch, Dataset, Event, ImportBatch
from napmon.events.names import name_key
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

    created = propose_matches(days=days, min_score=0.3)

    got = {
        (m.left_id, m.right_id): (m.score, m.reasons)
        for m in CandidateMatch.objects.exclude(pk=decided.pk)
    }
    assert len(expected) > 50  # the random set does produce many pairs
    assert created == len(got) == len(expected)
    assert got == expected
    assert propose_matches(days=days, min_score=0.3) == 0
