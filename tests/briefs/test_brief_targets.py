"""Briefs give each indicator's target and progress status, or say there is none."""

import pytest

from napmon.briefs.services.render import render_html
from napmon.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_scorecard_brief_shows_target_and_status_in_english_and_urdu():
    html = render_html("scorecard", None, "en")
    assert "no target set" in html
    Indicator.objects.filter(slug="accounts-blocked").update(
        baseline_value=5489,
        baseline_year=2021,
        target_value=8000,
        target_year=2027,
        target_reference="Apex committee decision 7/2025",
    )
    html = render_html("scorecard", None, "en")
    assert "Target: <strong" in html and "Apex committee decision 7/2025" in html
    assert "Progress: <strong>deteriorating</strong>" in html
    assert "بگڑ رہا ہے" in render_html("scorecard", None, "ur")
