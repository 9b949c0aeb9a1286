"""Two reviewers deciding on the same submitted report at the same moment.

Real concurrency: two threads, each with its own database connection, load the
report, wait at a barrier, then decide together. Exactly one decision lands; the
other gets ``ReportingError('conflict')`` with a message a person can act on, the
loser's comment is not stored, and the audit log holds exactly one state move.

The races run in a separate process on a fresh database of the same kind as the
test database (``napmon init``, production database settings: on SQLite a file in
WAL mode with IMMEDIATE transactions and a busy timeout). The in-memory SQLite
test database cannot do this: its shared cache answers a second writer with
"database table is locked" at once instead of waiting, which no installation sees.
The page-level tests post the review form as two browsers do, both with the
version their page showed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client

from napmon.core import roles
from napmon.core.models import AuditEntry
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import BodyMembership, Report, ReportComment, ReportingBody

from .helpers import fresh_postgres_database, napmon_env, on_postgresql, run_napmon

TESTS = Path(__file__).resolve().parents[1]
CONFLICT_TEXT = "Someone else changed this record while you were looking at it"
STATE_MOVES = ("reporting.report.approved", "reporting.report.returned")
DECIDED = {"approve": "approved", "return": "returned"}
PAIRS = [("approve", "return"), ("return", "approve"), ("approve", "approve"), ("return", "return")]
ROUNDS = 3  # each pair is raced this many times, on a fresh submitted report each time


# --- the scenario, run inside the separate process -------------------------------------


def make_user(username, role, body=None):
    user = get_user_model().objects.create_user(username, password="x-Secret-123")
    user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=body)
    return get_user_model().objects.get(pk=user.pk)


def _fill(report) -> dict:
    data = {}
    for entry in report.entries.all():
        data[f"progress-{entry.pk}"] = "Accounts reviewed with the State Bank."
        for rv in entry.values.all():
            data[rv.field_name] = 100
            data[rv.explanation_field_name] = ""
    return data


class World:
    """A reporting body with a point, its reporter and two reviewers; one report per month."""

    def __init__(self):
        self.body = ReportingBody.objects.get(slug="punjab")
        self.coordinator = make_user("coord", roles.COORDINATOR)
        self.reporter = make_user("rep-pb", roles.REPORTER, self.body)
        self.reviewers = [make_user("rev-a", roles.REVIEWER), make_user("rev-b", roles.REVIEWER)]
        point = Point.objects.get(version__label="2021", number=4)
        services.assign_point(self.body, point, actor=self.coordinator)
        self.month = 0

    def submitted_report(self) -> Report:
        self.month += 1
        year, month = 2020 + (self.month - 1) // 12, (self.month - 1) % 12 + 1
        period = services.open_period(f"{year}-{month:02d}", actor=self.coordinator)
        report = services.create_report(self.body, period, actor=self.reporter)
        services.save_report(report, _fill(report), actor=self.reporter)
        services.submit_report(report, actor=self.reporter)
        report.refresh_from_db()
        return report


def _decide(decision, report, user, version, comment):
    if decision == "approve":
        return services.approve_report(report, comment, actor=user, expected_version=version)
    return services.return_report(report, comment, actor=user, expected_version=version)


def _together(jobs) -> list:
    """Run each job(barrier) in its own thread with its own connection; their results."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(index, job):
        try:
            results[index] = job(barrier)
        except Exception as exc:  # reported and asserted on by the test, never swallowed
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("a reviewer thread hung")
    return results


def _service_race(report_pk, moves) -> list:
    def job(decision, user, comment):
        def run(barrier):
            report = Report.objects.select_related("body").get(pk=report_pk)  # as a page loads it
            version = report.version
            barrier.wait(timeout=60)
            return _decide(decision, report, user, version, comment)

        return run

    return _together([job(*move) for move in moves])


def _outcome(result) -> dict:
    if isinstance(result, Report):
        return {"won": True}
    if isinstance(result, ReportingError):
        return {"won": False, "code": result.code, "message": result.message}
    return {"won": False, "code": "unexpected", "message": f"{type(result).__name__}: {result}"}


def _final(report_pk) -> dict:
    report = Report.objects.get(pk=report_pk)
    moves = AuditEntry.objects.filter(
        action__in=STATE_MOVES, object_type="reporting.report", object_id=str(report_pk)
    )
    return {
        "state": report.state,
        "version": report.version,
        "approved_by": report.approved_by.username if report.approved_by else None,
        "moves": [[m.action, m.actor_label] for m in moves],
        "comments": list(
            ReportComment.objects.filter(report=report).values_list("text", flat=True)
        ),
    }


def _page_race(world: World) -> dict:
    report = world.submitted_report()
    version = report.version

    def job(user, decision):
        def run(barrier):
            browser = Client()
            browser.force_login(user)
            page = browser.get(f"/reporting/reports/{report.pk}/").content.decode()
            barrier.wait(timeout=60)
            response = browser.post(
                f"/reporting/reports/{report.pk}/review/",
                {"version": version, "decision": decision, "comment": f"{decision} by {user}"},
                follow=True,
            )
            shown = f'name="version" value="{version}"' in page
            return {"form_had_version": shown, "html": response.content.decode()}

        return run

    rev_a, rev_b = world.reviewers
    results = _together([job(rev_a, "approve"), job(rev_b, "return")])
    pages = {}
    for decision, result in zip(("approve", "return"), results, strict=True):
        if isinstance(result, Exception):
            pages[decision] = {"error": f"{type(result).__name__}: {result}"}
        else:
            html = result["html"]
            pages[decision] = {
                "form_had_version": result["form_had_version"],
                "conflict_shown": CONFLICT_TEXT in html,
                "approved_shown": "Report approved." in html,
                "returned_shown": "Report returned to the reporting body." in html,
            }
    return {"pages": pages, "final": _final(report.pk)}


def run_races() -> dict:
    """Every pair of decisions raced ``ROUNDS`` times, and the review form posted at once."""
    world = World()
    races = []
    for first, second in PAIRS:
        for _round in range(ROUNDS):
            report = world.submitted_report()
            before = report.version
            a, b = world.reviewers
            results = _service_race(
                report.pk, [(first, a, "Comment of rev-a."), (second, b, "Comment of rev-b.")]
            )
            races.append(
                {
                    "pair": [first, second],
                    "before": before,
                    "outcomes": [_outcome(r) for r in results],
                    "final": _final(report.pk),
                }
            )
    return {"races": races, "page": _page_race(world)}


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def race_results(tmp_path_factory):
    """Run ``run_races`` in a separate process on a fresh database of the test's kind."""
    data_dir = tmp_path_factory.mktemp("race")
    if on_postgresql():
        with fresh_postgres_database() as url:
            yield _run_in_process(data_dir, url)
    else:
        yield _run_in_process(data_dir, None)


def _run_in_process(data_dir: Path, database_url: str | None) -> dict:
    env = napmon_env(data_dir, database_url, DJANGO_SETTINGS_MODULE="napmon.settings")
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(TESTS.parent / "src")])
    run_napmon("init", "--no-events", env=env)
    script = (
        "import json, django; django.setup(); "
        "from ops.test_concurrency import run_races; "
        "print('RESULT ' + json.dumps(run_races()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=[f"{a}-vs-{b}" for a, b in PAIRS])
def test_two_reviewers_at_once_exactly_one_decision_lands(race_results, first, second):
    races = [r for r in race_results["races"] if r["pair"] == [first, second]]
    assert len(races) == ROUNDS
    for race in races:
        outcomes, final = race["outcomes"], race["final"]
        winners = [i for i, o in enumerate(outcomes) if o["won"]]
        assert len(winners) == 1, race
        loser = outcomes[1 - winners[0]]
        assert loser["code"] == "conflict", race
        assert CONFLICT_TEXT in loser["message"]
        assert f"(it is now {final['state']})" in loser["message"]

        winner_decision = (first, second)[winners[0]]
        winner, other = ("rev-a", "rev-b") if winners[0] == 0 else ("rev-b", "rev-a")
        assert final["state"] == DECIDED[winner_decision]
        assert final["version"] == race["before"] + 1
        assert final["moves"] == [[f"reporting.report.{DECIDED[winner_decision]}", winner]]
        assert final["approved_by"] == (winner if winner_decision == "approve" else None)
        # Nothing of the losing decision was kept.
        assert f"Comment of {other}." not in final["comments"]


def test_review_forms_posted_at_once_one_wins_the_other_sees_the_conflict(race_results):
    pages, final = race_results["page"]["pages"], race_results["page"]["final"]
    assert "error" not in pages["approve"] and "error" not in pages["return"], pages
    assert pages["approve"]["form_had_version"] and pages["return"]["form_had_version"]
    won = "approve" if final["state"] == "approved" else "return"
    lost = "return" if won == "approve" else "approve"
    assert final["state"] == DECIDED[won]
    assert pages[won]["conflict_shown"] is False
    assert pages[won]["approved_shown" if won == "approve" else "returned_shown"] is True
    assert pages[lost]["conflict_shown"] is True
    assert pages[lost]["approved_shown"] is False and pages[lost]["returned_shown"] is False
    assert len(final["moves"]) == 1


@pytest.mark.django_db
def test_a_stale_review_form_shows_the_conflict_and_changes_nothing():
    """Two browsers opened the report; the first approves, the second's return is refused."""
    world = World()
    report = world.submitted_report()
    rev_a, rev_b = world.reviewers
    browsers = []
    for user in (rev_a, rev_b):
        browser = Client()
        browser.force_login(user)
        page = browser.get(f"/reporting/reports/{report.pk}/").content.decode()
        assert f'name="version" value="{report.version}"' in page
        browsers.append(browser)
    url = f"/reporting/reports/{report.pk}/review/"
    first = browsers[0].post(
        url, {"version": report.version, "decision": "approve", "comment": "Fine."}, follow=True
    )
    assert "Report approved." in first.content.decode()
    second = browsers[1].post(
        url,
        {"version": report.version, "decision": "return", "comment": "Figures do not add up."},
        follow=True,
    )
    html = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT_TEXT in html and "(it is now approved)" in html
    assert "Report returned" not in html

    report.refresh_from_db()
    assert report.state == Report.State.APPROVED and report.approved_by == rev_a
    assert not ReportComment.objects.filter(report=report, text__contains="add up").exists()
    moves = AuditEntry.objects.filter(action__in=STATE_MOVES, object_id=str(report.pk))
    assert list(moves.values_list("action", flat=True)) == ["reporting.report.approved"]
