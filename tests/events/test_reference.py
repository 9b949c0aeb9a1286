"""The gazetteer, actor registry and cross-dataset matches."""

import pytest

from napmon.events.models import Actor, ActorRelation, AdminUnit, CandidateMatch
from napmon.events.resolvers import Gazetteer
from napmon.events.services import (
    actor_families,
    import_events,
    propose_matches,
    seed_reference_data,
)

pytestmark = pytest.mark.django_db


def test_seeding_is_idempotent(reference):
    counts = (AdminUnit.objects.count(), Actor.objects.count(), ActorRelation.objects.count())
    assert seed_reference_data() == {"units": 0, "actors": 0, "districts": 0}
    assert (
        AdminUnit.objects.count(),
        Actor.objects.count(),
        ActorRelation.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("KPK", "PK-KP"),
        ("N.W.F.P.", "PK-KP"),
        ("Khyber Pakhtunkwa", "PK-KP"),
        ("nwfp", "PK-KP"),
        ("Baluchistan", "PK-BA"),
        ("Fata", "PK-TA"),
        ("Capital", "PK-IS"),
        ("ICT", "PK-IS"),
        ("Federal", "PK-IS"),
        ("Islamabad", "PK-IS"),
        ("AJK", "PK-JK"),
        ("Azad Kashmir", "PK-JK"),
        ("Sind", "PK-SD"),
        ("Khyber Pakhtunkhwa province", "PK-KP"),
        ("  sindh ", "PK-SD"),
    ],
)
def test_aliases_resolve_whatever_the_spelling(reference, name, code):
    gazetteer = Gazetteer()
    assert AdminUnit.objects.get(pk=gazetteer.resolve(name, 2)).code == code


def test_fata_has_a_successor_and_an_end_date(reference):
    fata = AdminUnit.objects.get(code="PK-TA")
    assert str(fata.valid_until) == "2018-05-31" and fata.successor.code == "PK-KP"


def test_actor_seed_relations_and_proscriptions(reference):
    ttp = Actor.objects.get(short_name="TTP")
    assert ttp.aliases.filter(alias="Tehrik-i-Taliban Pakistan (TTP)").exists()
    assert "Critical Evaluation" in ttp.source_citation
    hua = Actor.objects.get(name="Hizb-ul-Ahrar")
    assert hua.relations.get().obj.short_name == "JuA"
    families = actor_families()
    for name in ("Jamaat-ul-Ahrar", "Hizb-ul-Ahrar", "Islamic State of Khorasan"):
        assert families[Actor.objects.get(name=name).pk] == ttp.name
    banned = Actor.objects.filter(proscribed_on__year=2024).order_by("name")
    assert [a.name for a in banned] == [
        "Hafiz Gul Bahadur Group",
        "Majeed Brigade",
        "Zainbiyoun Brigade",
    ]
    assert all(a.proscribed_precision == "year" for a in banned)


def test_matches_are_proposed_across_datasets_only(reference, data_dir):
    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd")
    import_events(data_dir / "gtd/valid/gtd_pakistan.csv", "gtd", dataset="GTD again")
    import_events(data_dir / "ucdp/valid/ged_iso.csv", "ucdp")

    created = propose_matches(days=1)

    pairs = CandidateMatch.objects.select_related("left__dataset", "right__dataset")
    assert created == pairs.count() > 0
    assert all(m.left.dataset_id != m.right.dataset_id for m in pairs)
    assert all(m.status == "proposed" for m in pairs)
    assert propose_matches(days=1) == 0  # existing pairs are not proposed again
