"""Interventions carry an Urdu label; a missing one is reported; old records get theirs."""

import pytest
from django.template import Context, Template
from django.utils import translation

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import Intervention
from napmon.analysis.services.reference import _seed_interventions, seed_reference_data
from napmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_built_in_intervention_has_an_urdu_label():
    labels = dict(Intervention.objects.values_list("key", "label_ur"))
    assert labels["zarb-e-azb"] == "آپریشن ضرب عضب"
    assert labels["nap-adopted"] == "قومی لائحہ عمل کی منظوری"
    assert all(labels.values())


def test_reference_data_without_an_urdu_label_is_refused():
    spec = {"key": "new-op", "label": "New operation", "date": "2025-01-01", "source": "x"}
    with pytest.raises(AnalysisError, match="without an Urdu label \\(label_ur\\): new-op") as e:
        _seed_interventions([spec])
    assert e.value.code == "invalid_reference"
    assert not Intervention.objects.filter(key="new-op").exists()


def test_a_record_made_before_urdu_labels_gets_its_label_and_an_audit_entry():
    Intervention.objects.filter(key="fatf-exit").update(label_ur="")
    seed_reference_data()
    assert Intervention.objects.get(key="fatf-exit").label_ur == "ایف اے ٹی ایف کی گرے لسٹ سے اخراج"
    entry = AuditEntry.objects.filter(action="intervention.updated").latest("id")
    assert entry.changes == {"label_ur": ["", "ایف اے ٹی ایف کی گرے لسٹ سے اخراج"]}


def test_pages_show_the_urdu_label_marked_as_unreviewed():
    intervention = Intervention.objects.get(key="aps-attack")
    template = Template('{% load napmon_i18n %}{% local i "label" %}')
    with translation.override("ur"):
        urdu = template.render(Context({"i": intervention}))
    assert urdu.startswith('آرمی پبلک اسکول پشاور پر حملہ<sup class="unreviewed"')
    assert template.render(Context({"i": intervention})) == "APS Peshawar attack"
