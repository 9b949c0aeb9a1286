"""Funding per point: sourced figures, unknown shown as unknown, coordinators only."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from napmon.core import roles
from napmon.core.models import AuditEntry
from napmon.indicators.models import Source
from napmon.plans.models import Point
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Funding
from napmon.reporting.services import funding as service

from .helpers import make_user

pytestmark = pytest.mark.django_db


def _point(number):
    return Point.objects.get(version__label="2021", number=number)


def test_seed_figures_are_loaded_with_their_citation(db):
    azm = Funding.objects.get(point=_point(1))
    assert azm.amount == Decimal("60000000000.00")
    assert azm.kind == "allocated"
    assert azm.fiscal_year is None
    assert azm.source.key == "issra-via-article"
    assert "Azm-e-Istehkam" in azm.note
    balochistan = Funding.objects.get(point=_point(10))
    assert balochistan.amount == Decimal("600000000000.00")
    assert service.seed_funding() == 0  # idempotent


def test_fiscal_year_runs_july_to_june():
    assert service.fiscal_year_label(2024) == "2024-25"
    assert service.fiscal_year_label(1999) == "1999-00"
    assert service.fiscal_year_label(None) is None


def test_coordinator_records_a_figure_audited(users, punjab):
    point = _point(7)
    figure = service.record_funding(
        point,
        kind="released",
        amount="1250000000",
        fiscal_year=2024,
        body=punjab,
        reference="Punjab budget 2024-25, demand 12",
        actor=users["coordinator"],
    )
    entry = AuditEntry.objects.get(action="reporting.funding.recorded", object_id=str(figure.pk))
    assert entry.actor == users["coordinator"]
    summary = service.point_funding(point)["summary"]
    assert summary == [
        {
            "fiscal_year": 2024,
            "fiscal_year_label": "2024-25",
            "body": punjab.name,
            "currency": "PKR",
            "allocated": None,
            "released": Decimal("1250000000.00"),
            "spent": None,
        }
    ]


@pytest.mark.parametrize("role", ["punjab", "reviewer", "analyst"])
def test_only_coordinators_record(users, role):
    with pytest.raises(ReportingError) as exc:
        service.record_funding(_point(7), kind="spent", amount=1, reference="x", actor=users[role])
    assert exc.value.code == "permission_denied"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"amount": -5, "reference": "x"}, "amount"),
        ({"amount": "lots", "reference": "x"}, "amount"),
        ({"amount": 5, "reference": ""}, "reference"),
        ({"amount": 5, "reference": "x", "fiscal_year": 3000}, "fiscal_year"),
        ({"amount": 5, "reference": "x", "currency": "rupees"}, "currency"),
    ],
)
def test_invalid_figures_are_refused(users, kwargs, field):
    with pytest.raises(ReportingError) as exc:
        service.record_funding(_point(7), kind="spent", actor=users["coordinator"], **kwargs)
    assert exc.value.field == field
    assert not Funding.objects.filter(point=_point(7)).exists()


def test_update_and_remove_are_audited(users):
    source = Source.objects.get(key="issra-via-article")
    figure = service.record_funding(
        _point(7), kind="spent", amount=10, source=source, actor=users["coordinator"]
    )
    figure = service.update_funding(figure, amount=12, fiscal_year=2023, actor=users["coordinator"])
    change = AuditEntry.objects.get(action="reporting.funding.changed", object_id=str(figure.pk))
    assert change.changes["fiscal_year"] == [None, 2023]
    service.remove_funding(figure, actor=users["coordinator"])
    assert not Funding.objects.filter(pk=figure.pk).exists()
    assert AuditEntry.objects.filter(action="reporting.funding.removed").count() == 1


def test_point_page_says_no_figure_and_shows_seeded_amount(db):
    client = Client()
    none = client.get("/plan/2021/points/7/").content.decode()
    assert "No funding figure" in none
    seeded = client.get("/plan/2021/points/10/").content.decode()
    assert "600,000,000,000" in seeded
    assert "not given" in seeded  # the fiscal year the source does not give
    assert seeded.count("no figure") == 2  # released and spent are unknown, never 0


def test_funding_page_coordinator_adds_figure(users):
    client = Client()
    client.force_login(users["coordinator"])
    response = client.post(
        "/reporting/funding/2021/7/",
        {"kind": "allocated", "amount": "5000000", "currency": "PKR", "reference": "PC-1"},
    )
    assert response.status_code == 302
    assert Funding.objects.get(point=_point(7)).amount == Decimal("5000000.00")
    reporter = Client()
    reporter.force_login(users["punjab"])
    assert reporter.get("/reporting/funding/2021/7/").status_code == 403


def test_cockpit_lists_points_with_funding(users):
    client = Client()
    client.force_login(users["coordinator"])
    html = client.get("/reporting/cockpit/").content.decode()
    section = html[html.index('id="funding-overview"') :]
    assert "2 of 14 points of NAP 2021 have a funding figure" in section


def test_funding_edit_page_coordinator_changes_a_figure_audited(users):
    figure = Funding.objects.get(point=_point(10))
    client = Client()
    client.force_login(users["coordinator"])
    listing = client.get("/reporting/funding/2021/10/").content.decode()
    assert f'href="/reporting/funding/{figure.pk}/edit/"' in listing
    form = client.get(f"/reporting/funding/{figure.pk}/edit/")
    assert form.status_code == 200 and 'value="600000000000.00"' in form.content.decode()
    data = {
        "kind": "allocated",
        "amount": "600000000000",
        "currency": "PKR",
        "fiscal_year": "2021",
        "source": figure.source_id,
        "note": figure.note,
    }
    response = client.post(f"/reporting/funding/{figure.pk}/edit/", data)
    assert response["Location"] == "/reporting/funding/2021/10/"
    figure.refresh_from_db()
    assert figure.fiscal_year == 2021
    entry = AuditEntry.objects.get(action="reporting.funding.changed", object_id=str(figure.pk))
    assert entry.changes == {"fiscal_year": [None, 2021]}
    assert entry.actor == users["coordinator"]
    assert "2021-22" in Client().get("/plan/2021/points/10/").content.decode()
    # Saving the same form again changes nothing and audits nothing.
    client.post(f"/reporting/funding/{figure.pk}/edit/", data)
    assert AuditEntry.objects.filter(action="reporting.funding.changed").count() == 1


def test_funding_edit_refusals(users):
    figure = Funding.objects.get(point=_point(10))
    url = f"/reporting/funding/{figure.pk}/edit/"
    data = {"kind": "spent", "amount": "1", "currency": "PKR", "reference": "x"}
    assert Client().get(url)["Location"].startswith("/login/")
    for role in ("punjab", "reviewer", "analyst"):
        client = Client()
        client.force_login(users[role])
        assert client.post(url, data).status_code == 403
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(users["coordinator"])
    assert csrf.post(url, data).status_code == 403
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    unsourced = coordinator.post(url, {"kind": "spent", "amount": "1", "currency": "PKR"})
    assert unsourced.status_code == 200
    assert "Cite the source of the figure" in unsourced.content.decode()
    figure.refresh_from_db()
    assert (figure.kind, figure.amount) == ("allocated", Decimal("600000000000.00"))
    assert not AuditEntry.objects.filter(action="reporting.funding.changed").exists()


# --- no lost updates on funding figures --------------------------------------------------

FUNDING_CONFLICT = "Someone else changed this funding figure while you were looking at it"


def _second_coordinator():
    return make_user("coord2", roles.COORDINATOR)


def test_second_save_of_a_figure_read_at_once_is_refused(users):
    figure = Funding.objects.get(point=_point(10))
    read = service.funding_dict(figure)["row_version"]
    assert read == 1
    saved = service.update_funding(
        figure, fiscal_year=2021, expected_version=read, actor=users["coordinator"]
    )
    assert service.funding_dict(saved)["row_version"] == 2
    with pytest.raises(ReportingError) as exc:
        service.update_funding(figure, amount=1, expected_version=read, actor=_second_coordinator())
    assert exc.value.code == "conflict"
    assert FUNDING_CONFLICT in exc.value.message
    figure.refresh_from_db()
    assert (figure.fiscal_year, figure.amount, figure.version) == (
        2021,
        Decimal("600000000000.00"),
        2,
    )
    changed = AuditEntry.objects.filter(action="reporting.funding.changed")
    assert [e.actor for e in changed] == [users["coordinator"]]


def test_removing_a_figure_changed_since_it_was_read_is_refused(users):
    figure = Funding.objects.get(point=_point(10))
    service.update_funding(figure, fiscal_year=2021, expected_version=1, actor=users["coordinator"])
    with pytest.raises(ReportingError) as exc:
        service.remove_funding(figure, expected_version=1, actor=_second_coordinator())
    assert exc.value.code == "conflict"
    assert Funding.objects.filter(pk=figure.pk).exists()
    assert not AuditEntry.objects.filter(action="reporting.funding.removed").exists()


def _hidden_version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def test_funding_forms_read_at_once_the_second_save_shows_the_conflict(users):
    figure = Funding.objects.get(point=_point(10))
    url = f"/reporting/funding/{figure.pk}/edit/"
    first, second = Client(), Client()
    first.force_login(users["coordinator"])
    second.force_login(_second_coordinator())
    seen = [_hidden_version(c.get(url).content.decode()) for c in (first, second)]
    assert seen == ["1", "1"]
    data = {"kind": "allocated", "currency": "PKR", "source": figure.source_id}
    saved = first.post(url, {**data, "amount": "600000000000", "fiscal_year": "2021", "version": 1})
    assert saved.status_code == 302
    refused = second.post(url, {**data, "amount": "500000000000", "version": seen[1]})
    assert refused.status_code == 200
    assert FUNDING_CONFLICT in refused.content.decode()
    figure.refresh_from_db()
    assert (figure.amount, figure.fiscal_year) == (Decimal("600000000000.00"), 2021)
    listing = second.get("/reporting/funding/2021/10/").content.decode()
    assert 'name="version" value="2"' in listing  # the remove button carries the new version
    stale_remove = second.post(f"/reporting/funding/{figure.pk}/remove/", {"version": "1"})
    assert stale_remove.status_code == 302
    assert FUNDING_CONFLICT in second.get(stale_remove["Location"]).content.decode()
    assert Funding.objects.filter(pk=figure.pk).exists()
