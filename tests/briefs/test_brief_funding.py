"""The scorecard brief gives each point's funding figures, or says there is none, and its
published actions with their overdue markers."""

import datetime as dt

import pytest

from napmon.briefs.services.render import render_html
from napmon.plans.models import Point
from napmon.reporting.models import ReportingBody
from napmon.reporting.services import actions

pytestmark = pytest.mark.django_db


def _section(html: str, number: int) -> str:
    start = html.index(f'id="point-{number}"')
    return html[start : html.index("</section>", start)]


def test_brief_shows_seeded_funding_with_citation_and_says_when_there_is_none():
    html = render_html("scorecard", None, "en")
    point10 = _section(html, 10)
    assert "PKR 600,000,000,000" in point10
    assert "fiscal year not given" in point10
    assert "No funding figure" in _section(html, 7)


def test_brief_lists_published_actions_with_overdue_marker():
    point = Point.objects.get(version__label="2021", number=4)
    action = actions.create_action(
        point,
        ReportingBody.objects.get(slug="sindh"),
        title="Digitise the FIR register",
        published=True,
    )
    actions.add_milestone(action, title="Pilot", due_date=dt.date.today() - dt.timedelta(days=3))
    actions.create_action(point, ReportingBody.objects.get(slug="punjab"), title="Hidden draft")
    section = _section(render_html("scorecard", None, "en"), 4)
    assert "Digitise the FIR register" in section
    assert "<strong>overdue</strong>" in section
    assert "Hidden draft" not in section
