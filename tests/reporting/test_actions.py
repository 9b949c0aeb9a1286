"""Actions and milestones: who may change them, what is overdue, what the public sees."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from napmon.core.models import AuditEntry
from napmon.plans.models import Point
from napmon.reporting import services as reporting_services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Action
from napmon.reporting.services import actions as service

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=10)
FUTURE = TODAY + dt.timedelta(days=30)


@pytest.fixture
def action(assigned, punjab, users):
    return service.create_action(
        assigned,
        punjab,
        title="Train 200 CTD investigators",
        due_date=FUTURE,
        percent_done=None,
        actor=users["punjab"],
    )


def test_reporter_creates_their_bodys_action_audited(action, users):
    assert action.body.slug == "punjab"
    assert action.percent_done is None
    assert action.published is False
    entry = AuditEntry.objects.get(action="reporting.action.created", object_id=str(action.pk))
    assert entry.actor == users["punjab"]


def test_reporter_may_not_create_for_another_body(assigned, kp, users):
    with pytest.raises(ReportingError) as exc:
        service.create_action(assigned, kp, title="x", actor=users["punjab"])
    assert exc.value.code == "permission_denied"


def test_reporter_needs_the_point_assigned(punjab, users):
    other = Point.objects.get(version__label="2021", number=2)
    with pytest.raises(ReportingError) as exc:
        service.create_action(other, punjab, title="x", actor=users["punjab"])
    assert exc.value.code == "not_assigned"


def test_reviewer_and_analyst_may_not_edit(action, users):
    for role in ("reviewer", "analyst", "kp"):
        with pytest.raises(ReportingError) as exc:
            service.update_action(action, status="done", actor=users[role])
        assert exc.value.code == "permission_denied"


def test_only_coordinators_publish(action, users):
    with pytest.raises(ReportingError) as exc:
        service.update_action(action, published=True, actor=users["punjab"])
    assert exc.value.code == "permission_denied"
    published = service.update_action(action, published=True, actor=users["coordinator"])
    assert published.published is True
    assert published.version == 2


def test_update_is_audited_with_old_and_new(action, users):
    service.update_action(action, status="in_progress", percent_done=40, actor=users["punjab"])
    entry = AuditEntry.objects.get(action="reporting.action.changed", object_id=str(action.pk))
    assert entry.changes == {"status": ["planned", "in_progress"], "percent_done": [None, 40]}


def test_stale_version_is_a_conflict(action, users):
    service.update_action(action, percent_done=10, actor=users["punjab"])
    with pytest.raises(ReportingError) as exc:
        service.update_action(
            action, percent_done=20, expected_version=1, actor=users["coordinator"]
        )
    assert exc.value.code == "conflict"
    action.refresh_from_db()
    assert action.percent_done == 10


def test_percent_over_100_is_refused(action, users):
    with pytest.raises(ReportingError) as exc:
        service.update_action(action, percent_done=120, actor=users["punjab"])
    assert exc.value.field == "percent_done"


def test_overdue_milestone_counts_in_the_cockpit(action, users):
    late = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    service.add_milestone(action, title="First batch", due_date=FUTURE, actor=users["punjab"])
    assert service.milestone_overdue(late) is True
    assert service.overdue_milestones_by_body() == [
        {"body": "punjab", "body_name": action.body.name, "count": 1}
    ]
    service.complete_milestone(late, done_on=TODAY, actor=users["punjab"])
    late.refresh_from_db()
    assert service.milestone_overdue(late) is False
    assert service.overdue_milestones_by_body() == []


def test_dropped_action_has_no_overdue_milestone(action, users):
    service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    service.update_action(action, status="dropped", actor=users["coordinator"])
    assert service.overdue_milestones_by_body() == []


def test_completing_twice_or_in_the_future_is_refused(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    with pytest.raises(ReportingError) as exc:
        service.complete_milestone(m, done_on=FUTURE, actor=users["punjab"])
    assert exc.value.field == "done_on"
    service.complete_milestone(m, actor=users["punjab"])
    m.refresh_from_db()
    with pytest.raises(ReportingError) as exc:
        service.complete_milestone(m, actor=users["punjab"])
    assert exc.value.code == "invalid_state"


def test_milestone_completed_through_a_monthly_report(action, report, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    service.complete_milestone(m, report=report, actor=users["punjab"])
    m.refresh_from_db()
    assert m.report_id == report.pk
    assert service.milestone_dict(m)["report"] == report.pk


def test_milestone_history_is_its_timeline(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    m = service.update_milestone(m, due_date=FUTURE, actor=users["coordinator"])
    service.complete_milestone(m, done_on=TODAY, actor=users["punjab"])
    history = service.milestone_history(m)
    assert [h["what"] for h in history] == ["created", "changed", "completed"]
    assert history[1]["changes"]["due_date"] == [PAST.isoformat(), FUTURE.isoformat()]


def test_action_dict_says_unknown_not_zero(action):
    data = service.action_dict(action)
    assert data["percent_done"] is None
    assert data["body"] == "punjab"
    assert (data["version"], data["point"]) == ("2021", 4)
    assert data["overdue"] is False


def test_visibility_public_sees_published_only(action, users):
    assert not service.visible_actions(None).filter(pk=action.pk).exists()
    assert service.visible_actions(users["punjab"]).filter(pk=action.pk).exists()
    assert not service.visible_actions(users["kp"]).filter(pk=action.pk).exists()
    assert service.visible_actions(users["reviewer"]).filter(pk=action.pk).exists()
    service.update_action(action, published=True, actor=users["coordinator"])
    assert service.visible_actions(None).filter(pk=action.pk).exists()


# --- pages ---------------------------------------------------------------------------------


def _client(user=None):
    client = Client()
    if user:
        client.force_login(user)
    return client


def test_reporter_records_an_action_through_the_form(assigned, users):
    client = _client(users["punjab"])
    page = client.get("/reporting/actions/new/")
    assert page.status_code == 200
    response = client.post(
        "/reporting/actions/new/",
        {
            "point": assigned.pk,
            "body": users["punjab"].reporting_membership.body.pk,
            "title": "Open two forensic labs",
            "status": "planned",
            "due_date": FUTURE.isoformat(),
        },
    )
    action = Action.objects.get(title="Open two forensic labs")
    assert response.status_code == 302
    assert response["Location"] == f"/reporting/actions/{action.pk}/"


def test_form_post_needs_csrf(assigned, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["punjab"])
    response = client.post("/reporting/actions/new/", {"title": "x"})
    assert response.status_code == 403


def test_action_page_marks_overdue_and_other_body_gets_404(action, users):
    service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    page = _client(users["punjab"]).get(f"/reporting/actions/{action.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="late"' in html and "overdue" in html
    assert _client(users["kp"]).get(f"/reporting/actions/{action.pk}/").status_code == 404
    assert _client().get(f"/reporting/actions/{action.pk}/").status_code == 404


def test_other_bodys_reporter_may_not_edit_published_action(action, users):
    service.update_action(action, published=True, actor=users["coordinator"])
    client = _client(users["kp"])
    assert client.get(f"/reporting/actions/{action.pk}/").status_code == 200
    assert client.get(f"/reporting/actions/{action.pk}/edit/").status_code == 403


def test_milestone_done_through_the_page(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    response = _client(users["punjab"]).post(
        f"/reporting/milestones/{m.pk}/done/", {"done_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.done_on == TODAY


def test_point_page_shows_published_actions_publicly(action, users):
    url = "/plan/2021/points/4/"
    assert "Train 200 CTD investigators" not in _client().get(url).content.decode()
    service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    service.update_action(action, published=True, actor=users["coordinator"])
    html = _client().get(url).content.decode()
    assert "Train 200 CTD investigators" in html
    assert "1 milestone overdue" in html


def test_cockpit_counts_overdue_milestones_per_body(action, users):
    service.add_milestone(action, title="A", due_date=PAST, actor=users["punjab"])
    service.add_milestone(action, title="B", due_date=PAST, actor=users["punjab"])
    html = _client(users["coordinator"]).get("/reporting/cockpit/").content.decode()
    section = html[html.index('id="overdue-milestones"') :]
    assert "Punjab Provincial Implementation Committee" in section
    assert '<td class="num">2</td>' in section


def test_actions_list_per_body(action, users):
    html = _client(users["coordinator"]).get("/reporting/actions/?body=punjab").content.decode()
    assert "Train 200 CTD investigators" in html
    html = _client(users["coordinator"]).get("/reporting/actions/?body=sindh").content.decode()
    assert "Train 200 CTD investigators" not in html


def test_milestone_updated_through_the_monthly_report_and_seen_by_the_reviewer(
    action, report, users
):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    reporter = _client(users["punjab"])
    page = reporter.get(f"/reporting/reports/{report.pk}/").content.decode()
    assert "Done (say so in this report)" in page
    response = reporter.post(f"/reporting/milestones/{m.pk}/done/", {"report": report.pk})
    assert response["Location"] == f"/reporting/reports/{report.pk}/"
    m.refresh_from_db()
    assert (m.done_on, m.report_id) == (TODAY, report.pk)
    seen = _client(users["reviewer"]).get(f"/reporting/reports/{report.pk}/").content.decode()
    section = seen[seen.index('id="report-milestones"') :]
    assert "Curriculum" in section and "in this report" in section
    assert "Done (say so in this report)" not in section


def test_other_bodys_report_cannot_carry_the_milestone(action, kp, period, users):
    kp_report = reporting_services.create_report(kp, period, actor=users["kp"])
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    response = _client(users["punjab"]).post(
        f"/reporting/milestones/{m.pk}/done/", {"report": kp_report.pk}
    )
    assert response.status_code == 404
    m.refresh_from_db()
    assert m.done_on is None


def test_milestone_edited_through_the_page_shows_in_its_history(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    client = _client(users["punjab"])
    action_page = client.get(f"/reporting/actions/{action.pk}/").content.decode()
    assert f'href="/reporting/milestones/{m.pk}/edit/"' in action_page
    form = client.get(f"/reporting/milestones/{m.pk}/edit/")
    assert form.status_code == 200 and 'value="Curriculum"' in form.content.decode()
    response = client.post(
        f"/reporting/milestones/{m.pk}/edit/",
        {"title": "Curriculum agreed", "due_date": FUTURE.isoformat()},
    )
    assert response["Location"] == f"/reporting/actions/{action.pk}/"
    m.refresh_from_db()
    assert (m.title, m.due_date) == ("Curriculum agreed", FUTURE)
    entry = AuditEntry.objects.get(action="reporting.milestone.changed", object_id=str(m.pk))
    assert entry.actor == users["punjab"]
    html = client.get(f"/reporting/actions/{action.pk}/").content.decode()
    row = html[html.index(f'id="milestone-{m.pk}"') :]
    assert "overdue" not in row[: row.index("</tr>")]
    assert f"due_date: {PAST.isoformat()} → {FUTURE.isoformat()}" in row


def test_milestone_edit_refusals(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    url = f"/reporting/milestones/{m.pk}/edit/"
    data = {"title": "Changed", "due_date": FUTURE.isoformat()}
    assert _client().get(url)["Location"].startswith("/login/")
    assert _client(users["kp"]).post(url, data).status_code == 404
    assert _client(users["reviewer"]).post(url, data).status_code == 403
    assert _client(users["analyst"]).get(url).status_code == 403
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(users["punjab"])
    assert csrf.post(url, data).status_code == 403
    blank = _client(users["punjab"]).post(url, {"title": "", "due_date": ""})
    assert blank.status_code == 200
    assert "This field is required." in blank.content.decode()
    m.refresh_from_db()
    assert (m.title, m.due_date) == ("Curriculum", PAST)
    assert not AuditEntry.objects.filter(action="reporting.milestone.changed").exists()
    coordinator = _client(users["coordinator"]).post(url, data)
    assert coordinator.status_code == 302


# --- no lost updates on milestones ---------------------------------------------------------

MILESTONE_CONFLICT = "Someone else changed this milestone while you were looking at it"


def test_second_save_of_a_milestone_read_at_once_is_refused(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    read = service.milestone_dict(m)["row_version"]
    assert read == 1
    first = service.update_milestone(
        m, title="Curriculum agreed", expected_version=read, actor=users["punjab"]
    )
    assert service.milestone_dict(first)["row_version"] == 2
    with pytest.raises(ReportingError) as exc:
        service.update_milestone(
            m, title="Syllabus", due_date=FUTURE, expected_version=read, actor=users["coordinator"]
        )
    assert exc.value.code == "conflict"
    assert MILESTONE_CONFLICT in exc.value.message
    m.refresh_from_db()
    assert (m.title, m.due_date, m.version) == ("Curriculum agreed", PAST, 2)
    changed = AuditEntry.objects.filter(action="reporting.milestone.changed", object_id=str(m.pk))
    assert [e.actor for e in changed] == [users["punjab"]]


def test_completing_a_milestone_changed_since_it_was_read_is_refused(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    service.update_milestone(m, due_date=FUTURE, expected_version=1, actor=users["coordinator"])
    with pytest.raises(ReportingError) as exc:
        service.complete_milestone(m, expected_version=1, actor=users["punjab"])
    assert exc.value.code == "conflict"
    m.refresh_from_db()
    assert m.done_on is None
    assert not AuditEntry.objects.filter(action="reporting.milestone.completed").exists()
    done = service.complete_milestone(m, expected_version=2, actor=users["punjab"])
    assert (done.done_on, done.version) == (TODAY, 3)


def _hidden_version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def test_milestone_forms_read_at_once_the_second_save_shows_the_conflict(action, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    url = f"/reporting/milestones/{m.pk}/edit/"
    reporter, coordinator = _client(users["punjab"]), _client(users["coordinator"])
    seen = [_hidden_version(c.get(url).content.decode()) for c in (reporter, coordinator)]
    assert seen == ["1", "1"]
    first = reporter.post(
        url, {"title": "Curriculum agreed", "due_date": PAST.isoformat(), "version": seen[0]}
    )
    assert first.status_code == 302
    second = coordinator.post(
        url, {"title": "Syllabus", "due_date": FUTURE.isoformat(), "version": seen[1]}
    )
    assert second.status_code == 200
    assert MILESTONE_CONFLICT in second.content.decode()
    m.refresh_from_db()
    assert (m.title, m.due_date) == ("Curriculum agreed", PAST)
    fresh = _hidden_version(coordinator.get(url).content.decode())
    assert fresh == "2"
    page = coordinator.get(f"/reporting/actions/{action.pk}/").content.decode()
    done_form = page[page.index(f"/reporting/milestones/{m.pk}/done/") :]
    assert 'name="version" value="2"' in done_form[: done_form.index("</form>")]


def test_monthly_report_form_carries_the_milestone_version(action, report, users):
    m = service.add_milestone(action, title="Curriculum", due_date=PAST, actor=users["punjab"])
    client = _client(users["punjab"])
    page = client.get(f"/reporting/reports/{report.pk}/").content.decode()
    form = page[page.index(f"/reporting/milestones/{m.pk}/done/") :]
    assert 'name="version" value="1"' in form[: form.index("</form>")]
    service.update_milestone(m, due_date=FUTURE, actor=users["coordinator"])
    stale = client.post(
        f"/reporting/milestones/{m.pk}/done/", {"report": report.pk, "version": "1"}
    )
    assert stale.status_code == 302
    m.refresh_from_db()
    assert m.done_on is None
    shown = client.get(stale["Location"]).content.decode()
    assert MILESTONE_CONFLICT in shown
    done = client.post(f"/reporting/milestones/{m.pk}/done/", {"report": report.pk, "version": "2"})
    assert done.status_code == 302
    m.refresh_from_db()
    assert (m.done_on, m.report_id) == (TODAY, report.pk)
