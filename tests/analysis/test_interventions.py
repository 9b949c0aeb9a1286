from datetime import date

import pytest

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import Intervention
from napmon.analysis.services import list_interventions, update_intervention
from napmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_reference_interventions_are_seeded_with_dates_and_sources():
    found = {i.key: i for i in list_interventions()}
    assert found["aps-attack"].date == date(2014, 12, 16)
    assert found["nap-adopted"].date == date(2014, 12, 24)
    assert found["zarb-e-azb"].period_label() == "Jun 2014"
    assert found["military-courts"].period_label() == "2015 – 31 Mar 2019"
    assert found["fata-merger"].period_label() == "May 2018"
    assert found["nap-revised"].period_label() == "2021"
    assert found["fatf-exit"].period_label() == "Oct 2022"
    assert found["azm-e-istehkam"].period_label() == "Jun 2024"
    assert all(i.source_id for i in found.values())
    assert [i.key for i in list_interventions()][:3] == ["zarb-e-azb", "aps-attack", "nap-adopted"]


def test_update_intervention_is_audited():
    update_intervention("fatf-exit", date=date(2022, 10, 21), date_precision="day")
    entry = AuditEntry.objects.filter(action="analysis.intervention.updated").first()
    assert entry.changes["date"] == ["2022-10-01", "2022-10-21"]
    assert Intervention.objects.get(key="fatf-exit").date_label() == "21 Oct 2022"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"end_date": date(2000, 1, 1)}, "invalid_dates"),
        ({"label": " "}, "invalid_label"),
        ({"slug": "x"}, "invalid_field"),
    ],
)
def test_bad_intervention_edits_are_refused(changes, code):
    with pytest.raises(AnalysisError) as info:
        update_intervention("military-courts", **changes)
    assert info.value.code == code


def test_unknown_intervention_is_not_found():
    with pytest.raises(AnalysisError) as info:
        update_intervention("nope", label="x")
    assert info.value.code == "not_found"
