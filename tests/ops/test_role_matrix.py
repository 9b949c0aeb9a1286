"""Every role against every page and API endpoint, with the status each must get.

The routes come from the URL resolver, so a new page without an entry in
``EXPECTED`` fails ``test_every_named_url_has_an_expectation``. Path parameters
are real objects: a report and an evidence file of body A (Punjab), the 2021
version and its point 4, an open period, an assignment, a six-monthly review and
one of its points, a task of reporter A, an API token of reporter A.

Statuses: 200 allowed (302 for a form post that redirects back to its page),
``LOGIN`` a redirect to the log-in page, 403 authenticated without permission,
404 out of scope (reporter B asking for body A's report) or someone else's task.
Every request runs in a savepoint that is rolled back, so a post cannot change
what the next request sees. Each 200 HTML page is also checked for content its
security policy would block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from napmon.api.services import tokens
from napmon.core import roles
from napmon.core.models import TaskProgress
from napmon.events.services import import_events
from napmon.events.services.problems import record_problems
from napmon.indicators.models import Indicator
from napmon.plans.models import Point
from napmon.reporting import services
from napmon.reporting.models import Assignment, BodyMembership, ReportingBody

from .test_security import csp_violations

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
ROLES = ("anonymous", "reporter_a", "reporter_b", "reviewer", "analyst", "coordinator", "admin")
LOGIN = "login"  # a 302 to /login/?next=...
ADMIN_LOGIN = "admin-login"  # a 302 to /admin/login/?next=...
ADMIN_INDEX = "admin-index"  # a 302 to /admin/
BACK = "back"  # a 302 to a page of the site other than a log-in page


@dataclass
class Route:
    """One request and the status each role gets, in the order of ``ROLES``."""

    path: str  # formatted with the objects of the ``world`` fixture
    statuses: tuple
    method: str = "get"
    data: dict = field(default_factory=dict)

    def expected(self, role: str):
        return self.statuses[ROLES.index(role)]


ALL_200 = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
VIEW_ALL = (LOGIN, 403, 403, 200, 200, 200, 200)
# Reporter A owns the report; reporter B must not learn that it exists.
OWN_BODY_ONLY = (LOGIN, 200, 404, 404, 404, 404, 404)
OWN_BODY_POST = (LOGIN, BACK, 404, 403, 403, 403, 403)
READ_BODY_A = (LOGIN, 200, 404, 200, 200, 200, 200)
MANAGERS_POST = (LOGIN, 403, 403, 403, 403, BACK, BACK)  # coordinator and admin
API_SESSION = (401, 200, 200, 200, 200, 200, 200)

EXPECTED: dict[str, list[Route]] = {
    # Public pages of the plan.
    "home": [Route("/", ALL_200)],
    "version": [Route("/plan/2021/", ALL_200)],
    "point": [Route("/plan/2021/points/4/", ALL_200)],
    "crosswalk": [Route("/crosswalk/2014/2021/", ALL_200)],
    "gaps": [Route("/gaps/2014/", ALL_200)],
    "sources": [Route("/sources/", ALL_200)],
    "login": [Route("/login/", ALL_200)],
    # The code step of a two-factor log-in: without a password step first, back to log in.
    "login-verify": [Route("/login/code/", (LOGIN,) * 7)],
    # Any signed-in user may turn on two-factor log-in (staff may be required to).
    "two-factor": [Route("/account/two-factor/", SIGNED_IN)],
    # Renewing recovery codes and turning it off need it on: the others are sent back to
    # the set-up page (tests/core/test_two_factor.py covers the enrolled user).
    "two-factor-renew": [
        Route("/account/two-factor/recovery-codes/", (LOGIN,) + (BACK,) * 6),
        Route("/account/two-factor/recovery-codes/", (LOGIN,) + (BACK,) * 6, "post"),
    ],
    "two-factor-off": [
        Route("/account/two-factor/off/", (LOGIN,) + (BACK,) * 6),
        Route("/account/two-factor/off/", (LOGIN,) + (BACK,) * 6, "post", {"code": "1"}),
    ],
    "switch-language": [
        Route("/language/?language=ur&next=/plan/2021/", (BACK,) * 7),
    ],
    "logout": [Route("/logout/", (302,) * 7, "post")],
    # Every user changes their own password; anyone may ask for a reset e-mail.
    "password_change": [Route("/password/change/", SIGNED_IN)],
    "password_change_done": [Route("/password/change/done/", SIGNED_IN)],
    "password_reset": [Route("/password/reset/", ALL_200)],
    "password_reset_done": [Route("/password/reset/sent/", ALL_200)],
    "password_reset_confirm": [Route("/password/reset/MQ/not-a-token/", ALL_200)],
    "password_reset_complete": [Route("/password/reset/done/", ALL_200)],
    "set_language": [Route("/i18n/setlang/", (302,) * 7, "post", {"language": "en"})],
    "healthz": [Route("/healthz", ALL_200)],
    # Background tasks: the owner and staff see them; for others they do not exist.
    "task-progress": [Route("/tasks/{task}/", (LOGIN, 200, 404, 404, 404, 404, 200))],
    "task-status": [Route("/tasks/{task}/status.json", (LOGIN, 200, 404, 404, 404, 404, 200))],
    # Events and outcomes: public reading; imports need events.add_importbatch,
    # which no role carries (only superusers import from the web).
    "events:explorer": [
        Route("/events/", ALL_200),
        Route("/events/?province=PK-PB&date_from=2014-01-01", ALL_200),
    ],
    "events:upload": [Route("/events/import/", (LOGIN, 403, 403, 403, 403, 200, 200))],
    # The problems of an import: the importer who ran it (coordinator) and staff.
    "events:problems": [
        Route("/events/import/problems/{problem_log}/", (LOGIN, 403, 403, 403, 403, 200, 200))
    ],
    "events:problems-csv": [
        Route(
            "/events/import/problems/{problem_log}/problems.csv",
            (LOGIN, 403, 403, 403, 403, 200, 200),
        )
    ],
    "analysis:outcomes": [Route("/outcomes/", ALL_200)],
    "analysis:claims": [Route("/outcomes/claims/", ALL_200)],
    "analysis:index": [Route("/outcomes/index/", ALL_200)],
    "analysis:comparison": [Route("/outcomes/comparison/", ALL_200)],
    "analysis:map": [
        Route("/outcomes/map/", ALL_200),
        Route("/outcomes/map/?year_from=2009&year_to=2009&fata=fold&step=half", ALL_200),
    ],
    # Anonymous visitors never wait for a render: "being prepared" (202) until the worker
    # has made the file for the current data.
    "briefs:scorecard": [Route("/briefs/scorecard.html", (202,) + (200,) * 6)],
    "briefs:review": [Route("/briefs/review.html?period=2025-H1", (202,) + (200,) * 6)],
    # Preparing a brief in the background: signed-in users; the file is the owner's.
    "briefs:prepare": [
        Route("/briefs/prepare/", (LOGIN,) + (BACK,) * 6, "post", {"kind": "scorecard"})
    ],
    "briefs:file": [Route("/briefs/files/{task}/", (LOGIN,) + (404,) * 6)],
    # The reporting cycle.
    "reporting:dashboard": [Route("/reporting/", SIGNED_IN)],
    # Each role is sent on to its own page (reporters: their reports; reviewer: the queue;
    # analyst: the reporting overview; coordinator and admin: the cockpit).
    "reporting:landing": [Route("/reporting/start/", (LOGIN,) + (BACK,) * 6)],
    "reporting:cockpit": [Route("/reporting/cockpit/", VIEW_ALL)],
    "reporting:queue": [Route("/reporting/queue/", VIEW_ALL)],
    "reporting:my_reports": [Route("/reporting/mine/", (LOGIN, 200, 200) + (BACK,) * 4)],
    "reporting:matrix": [Route("/reporting/completeness/", VIEW_ALL)],
    "reporting:status": [Route("/reporting/status/", ALL_200)],
    "reporting:notices": [Route("/reporting/notices/", SIGNED_IN)],
    "reporting:scorecard": [Route("/reporting/scorecard/2021/", ALL_200)],
    "reporting:target": [
        Route("/reporting/targets/{indicator}/", (LOGIN, 403, 403, 403, 403, 200, 200))
    ],
    "reporting:progress_method": [Route("/reporting/progress-status/", ALL_200)],
    "reporting:report_new": [
        # Reporter A already has this month's report (refused with a message); B starts one.
        Route(
            "/reporting/reports/new/",
            (LOGIN, BACK, BACK, 403, 403, 403, 403),
            "post",
            {"period": "{period}", "body": "{body_b}"},
        )
    ],
    "reporting:report": [Route("/reporting/reports/{report}/", READ_BODY_A)],
    "reporting:report_edit": [Route("/reporting/reports/{report}/edit/", OWN_BODY_ONLY)],
    "reporting:report_review": [
        Route(
            "/reporting/reports/{submitted}/review/",
            (LOGIN, 403, 404, BACK, 403, 403, BACK),
            "post",
            {"decision": "approve", "version": "{submitted_version}", "comment": "ok"},
        )
    ],
    "reporting:report_correct": [
        Route(
            "/reporting/reports/{report}/correct/",
            OWN_BODY_POST,
            "post",
            {"reason": "Typo in the count."},
        )
    ],
    "reporting:evidence_add": [
        Route("/reporting/reports/{report}/evidence/", OWN_BODY_POST, "post", {"file": "PDF"})
    ],
    "reporting:evidence": [Route("/reporting/evidence/{evidence}/", READ_BODY_A)],
    "reporting:evidence_delete": [
        Route("/reporting/evidence/{evidence}/delete/", OWN_BODY_POST, "post")
    ],
    "reporting:periods": [
        Route("/reporting/periods/", VIEW_ALL),
        Route("/reporting/periods/", MANAGERS_POST, "post", {"month": "2025-06"}),
    ],
    "reporting:period_reopen": [
        Route("/reporting/periods/{period}/reopen/", MANAGERS_POST, "post")
    ],
    "reporting:rates": [Route("/reporting/periods/{period}/rates/", VIEW_ALL)],
    "reporting:remind": [Route("/reporting/periods/{period}/remind/", MANAGERS_POST, "post")],
    "reporting:assignments": [
        Route("/reporting/assignments/", VIEW_ALL),
        Route(
            "/reporting/assignments/",
            MANAGERS_POST,
            "post",
            {"body": "{body_b}", "point": "{point_2014}"},
        ),
    ],
    "reporting:assignment_end": [
        Route("/reporting/assignments/{assignment}/end/", MANAGERS_POST, "post")
    ],
    "reporting:reviews": [
        Route("/reporting/reviews/", VIEW_ALL),
        Route("/reporting/reviews/", MANAGERS_POST, "post", {"half": "2024-H2"}),
    ],
    "reporting:review": [Route("/reporting/reviews/{review}/", VIEW_ALL)],
    "reporting:review_propose": [
        Route("/reporting/reviews/{review}/propose/", MANAGERS_POST, "post")
    ],
    "reporting:review_finalise": [
        Route(
            "/reporting/reviews/{review}/finalise/",
            MANAGERS_POST,
            "post",
            {"version": "{review_version}"},
        )
    ],
    "reporting:rating_record": [
        Route(
            "/reporting/reviews/{review}/points/{review_row}/",
            (LOGIN, 403, 403, BACK, 403, BACK, BACK),
            "post",
            {"p{review_row}-rating": "partial", "p{review_row}-rationale": "Evidence mixed."},
        )
    ],
    "reporting:province_rating_record": [
        Route(
            "/reporting/reviews/{review}/provinces/{province_row}/",
            (LOGIN, 403, 403, BACK, 403, BACK, BACK),
            "post",
            {
                "g{province_row}-rating": "mixed",
                "g{province_row}-rationale": "Punjab reported every month.",
            },
        )
    ],
    "reporting:point_ratings": [Route("/reporting/points/2021/4/", ALL_200)],
    "reporting:rubric": [Route("/reporting/rubric/", ALL_200)],
    "reporting:audit": [
        Route("/reporting/audit/", (LOGIN, 403, 403, 403, 403, 403, 200)),
        Route("/reporting/audit/?format=csv", (LOGIN, 403, 403, 403, 403, 403, 200)),
    ],
    # Actions and milestones: reporters of body A edit theirs; coordinators (and admins) all.
    # Body A's action is unpublished: for the public and body B it does not exist.
    "reporting:actions": [
        Route("/reporting/actions/", SIGNED_IN),
        Route("/reporting/actions/?body=punjab&point=2021/4&overdue=1", SIGNED_IN),
    ],
    "reporting:action_new": [
        Route("/reporting/actions/new/", (LOGIN, 200, 200, 403, 403, 200, 200)),
        Route(
            "/reporting/actions/new/",
            (LOGIN, BACK, 200, 403, 403, BACK, BACK),
            "post",
            {"point": "{point}", "body": "{body_a}", "title": "Train", "status": "planned"},
        ),
    ],
    "reporting:action": [
        Route("/reporting/actions/{action}/", (404, 200, 404, 200, 200, 200, 200))
    ],
    "reporting:action_edit": [
        Route("/reporting/actions/{action}/edit/", (LOGIN, 200, 404, 403, 403, 200, 200))
    ],
    "reporting:milestone_add": [
        Route(
            "/reporting/actions/{action}/milestones/",
            (LOGIN, BACK, 404, 403, 403, BACK, BACK),
            "post",
            {"title": "Second step", "due_date": "2030-01-01"},
        )
    ],
    "reporting:milestone_edit": [
        Route("/reporting/milestones/{milestone}/edit/", (LOGIN, 200, 404, 403, 403, 200, 200)),
        Route(
            "/reporting/milestones/{milestone}/edit/",
            (LOGIN, BACK, 404, 403, 403, BACK, BACK),
            "post",
            {"title": "Curriculum agreed", "due_date": "2030-01-01"},
        ),
    ],
    "reporting:milestone_complete": [
        Route(
            "/reporting/milestones/{milestone}/done/",
            (LOGIN, BACK, 404, 403, 403, BACK, BACK),
            "post",
            {"done_on": "2025-01-01"},
        )
    ],
    "reporting:funding": [
        Route("/reporting/funding/2021/10/", (LOGIN, 403, 403, 403, 403, 200, 200)),
        Route(
            "/reporting/funding/2021/10/",
            MANAGERS_POST,
            "post",
            {"kind": "spent", "amount": "5", "currency": "PKR", "reference": "PC-1"},
        ),
    ],
    "reporting:funding_edit": [
        Route("/reporting/funding/{funding}/edit/", (LOGIN, 403, 403, 403, 403, 200, 200)),
        Route(
            "/reporting/funding/{funding}/edit/",
            MANAGERS_POST,
            "post",
            {"kind": "allocated", "amount": "7", "currency": "PKR", "reference": "PC-1"},
        ),
    ],
    "reporting:funding_remove": [
        Route("/reporting/funding/{funding}/remove/", MANAGERS_POST, "post")
    ],
    # The JSON API (a browser session is one of its authentications).
    "api-v1:openapi-json": [Route("/api/v1/openapi.json", ALL_200)],
    "api-v1:openapi-view": [Route("/api/v1/docs", ALL_200)],
    "api-v1:api-root": [Route("/api/v1/", (404,) * 7)],
    "api-not-found": [Route("/api/v1/no-such-thing", (404,) * 7)],
    "api-v1:list_plans": [Route("/api/v1/plans", ALL_200)],
    "api-v1:list_versions": [Route("/api/v1/versions", ALL_200)],
    "api-v1:get_version": [Route("/api/v1/versions/2021", ALL_200)],
    "api-v1:list_points": [Route("/api/v1/versions/2021/points", ALL_200)],
    "api-v1:get_point": [Route("/api/v1/versions/2021/points/4", ALL_200)],
    "api-v1:get_gaps": [Route("/api/v1/versions/2014/gaps", ALL_200)],
    "api-v1:get_crosswalk": [Route("/api/v1/crosswalk/2014/2021", ALL_200)],
    "api-v1:list_indicators": [Route("/api/v1/indicators", ALL_200)],
    "api-v1:get_indicator": [Route("/api/v1/indicators/{indicator}", ALL_200)],
    "api-v1:list_values": [Route("/api/v1/values?version=2021", ALL_200)],
    "api-v1:list_ratings": [Route("/api/v1/ratings", ALL_200)],
    "api-v1:summary": [Route("/api/v1/events/summary?by=year", ALL_200)],
    "api-v1:opensdg": [Route("/api/v1/exports/opensdg/{indicator}.csv", ALL_200)],
    "api-v1:export_table": [Route("/api/v1/exports/values.csv", ALL_200)],
    "api-v1:me": [Route("/api/v1/me", ALL_200)],
    "api-v1:list_tokens": [Route("/api/v1/tokens", API_SESSION)],
    "api-v1:create_token": [
        Route("/api/v1/tokens", (401, 201, 201, 201, 201, 201, 201), "post", {"name": "cli"})
    ],
    # Monthly reports through the API: the reporting services decide, the API maps codes.
    "api-v1:list_reports": [Route("/api/v1/reports", API_SESSION)],
    "api-v1:list_periods": [Route("/api/v1/reporting/periods", API_SESSION)],
    "api-v1:get_report": [Route("/api/v1/reports/{report}", (401, 200, 404, 200, 200, 200, 200))],
    "api-v1:update_report": [
        Route("/api/v1/reports/{report}", (401, 200, 404, 403, 403, 403, 403), "patch", {})
    ],
    # Body A's draft is incomplete: its reporter gets 422, others may not submit it.
    "api-v1:submit_report": [
        Route("/api/v1/reports/{report}/submit", (401, 422, 404, 403, 403, 403, 403), "post")
    ],
    "api-v1:return_report": [
        Route(
            "/api/v1/reports/{submitted}/return",
            (401, 403, 404, 200, 403, 403, 200),
            "post",
            {"comment": "x"},
        )
    ],
    "api-v1:approve_report": [
        Route(
            "/api/v1/reports/{submitted}/approve",
            (401, 403, 404, 200, 403, 403, 200),
            "post",
            {"comment": "x"},
        )
    ],
    # Reporter A's body already has a report for the period (409); B's does not (201).
    "api-v1:create_report": [
        Route(
            "/api/v1/reports",
            (401, 409, 201, 404, 404, 404, 404),
            "post",
            {"period": "2025-03"},
        )
    ],
    "api-v1:period_rates": [
        Route("/api/v1/reporting/periods/2025-03/rates", (401, 403, 403, 200, 200, 200, 200))
    ],
    "api-v1:list_reviews": [Route("/api/v1/reviews", ALL_200)],
    # The review is still open: it is not published, so only internal readers see it.
    "api-v1:get_review": [Route("/api/v1/reviews/2025-H1", (404, 404, 404, 200, 200, 200, 200))],
    "api-v1:outcome_summary": [Route("/api/v1/outcomes/summary?by=year", ALL_200)],
    "api-v1:gti_index": [Route("/api/v1/outcomes/index", ALL_200)],
    "api-v1:its": [Route("/api/v1/outcomes/its", (422,) * 7)],
    "api-v1:before_after": [Route("/api/v1/outcomes/before-after", (422,) * 7)],
    # The world's events are aggregate-only: monthly series exist only for readers of
    # restricted material; the public is told there is no monthly data (422).
    "api-v1:change_points": [
        Route("/api/v1/outcomes/change-points", (422, 422, 422, 200, 200, 200, 200))
    ],
    "api-v1:surges": [Route("/api/v1/outcomes/surges", ALL_200)],
    "api-v1:comparative_its": [Route("/api/v1/outcomes/comparative-its", (422,) * 7)],
    "api-v1:synthetic_control": [Route("/api/v1/outcomes/synthetic-control", (422,) * 7)],
    "api-v1:list_claims": [Route("/api/v1/claims", ALL_200)],
    "api-v1:get_claim": [Route("/api/v1/claims/basit-2014-attacks", ALL_200)],
    "api-v1:list_interventions": [Route("/api/v1/interventions", ALL_200)],
    # Actions and funding: public reads; writes by the services' rules (a session writes).
    "api-v1:list_actions": [Route("/api/v1/actions", ALL_200)],
    "api-v1:get_action": [Route("/api/v1/actions/{action}", (404, 200, 404, 200, 200, 200, 200))],
    "api-v1:create_action": [
        Route(
            "/api/v1/actions",
            (401, 201, 403, 403, 403, 201, 201),
            "post",
            {"version": "2021", "point": "4", "body": "punjab", "title": "x"},
        )
    ],
    "api-v1:update_action": [
        Route(
            "/api/v1/actions/{action}",
            (401, 200, 404, 403, 403, 200, 200),
            "patch",
            {"percent_done": 10},
        )
    ],
    "api-v1:add_milestone": [
        Route(
            "/api/v1/actions/{action}/milestones",
            (401, 201, 404, 403, 403, 201, 201),
            "post",
            {"title": "x", "due_date": "2030-01-01"},
        )
    ],
    "api-v1:update_milestone": [
        Route(
            "/api/v1/milestones/{milestone}",
            (401, 200, 404, 403, 403, 200, 200),
            "patch",
            {"due_date": "2030-06-30"},
        )
    ],
    "api-v1:complete_milestone": [
        Route(
            "/api/v1/milestones/{milestone}/complete",
            (401, 200, 404, 403, 403, 200, 200),
            "post",
        )
    ],
    "api-v1:list_funding": [Route("/api/v1/funding?version=2021", ALL_200)],
    "api-v1:record_funding": [
        Route(
            "/api/v1/funding",
            (401, 403, 403, 403, 403, 201, 201),
            "post",
            {"version": "2021", "point": "7", "kind": "spent", "amount": "5", "reference": "x"},
        )
    ],
    "api-v1:update_funding": [
        Route(
            "/api/v1/funding/{funding}",
            (401, 403, 403, 403, 403, 200, 200),
            "patch",
            {"fiscal_year": 2024},
        )
    ],
    "api-v1:remove_funding": [
        Route("/api/v1/funding/{funding}", (401, 403, 403, 403, 403, 200, 200), "delete")
    ],
    "api-v1:revoke_token": [
        # Reporter A's token: only its owner may revoke it; for others it does not exist.
        Route("/api/v1/tokens/{token}", (401, 200, 404, 404, 404, 404, 404), "delete")
    ],
}

# The admin site: staff only. The admin role is staff and holds core.view_auditentry
# and no model permission besides it, so it may read the audit log there and nothing else.
ADMIN_SITE: dict[str, Route] = {
    "admin:index": Route("/admin/", (ADMIN_LOGIN,) * 6 + (200,)),
    "admin:login": Route("/admin/login/", (200,) * 6 + (302,)),
    "admin:logout": Route("/admin/logout/", (302,) * 7, "post"),
    "admin:password_change": Route("/admin/password_change/", (ADMIN_LOGIN,) * 6 + (200,)),
    "admin:password_change_done": Route(
        "/admin/password_change/done/", (ADMIN_LOGIN,) * 6 + (200,)
    ),
    "admin:jsi18n": Route("/admin/jsi18n/", (ADMIN_LOGIN,) * 6 + (200,)),
    "admin:autocomplete": Route("/admin/autocomplete/", (ADMIN_LOGIN,) * 6 + (403,)),
    # The task page is the one record with a page of its own (get_absolute_url).
    "admin:view_on_site": Route("/admin/r/{task_ct}/{task}/", (ADMIN_LOGIN,) * 6 + (302,)),
    "admin:app_list": Route("/admin/core/", (ADMIN_LOGIN,) * 6 + (200,)),
}
ADMIN_MODEL_VIEWS = {
    "changelist": "",
    "add": "add/",
    "change": "{pk}/change/",
    "delete": "{pk}/delete/",
    "history": "{pk}/history/",
}
ADMIN_AUDIT_ALLOWED = {"changelist", "change", "history"}


def url_names() -> dict[str, str]:
    """Every named URL pattern (namespaced) with its route, from the resolver."""
    names: dict[str, str] = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                names[name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "", None)
    return names


def admin_model_routes() -> dict[str, Route]:
    """The five admin views of every registered model; only the audit log's are readable."""
    from django.contrib import admin

    routes = {}
    for model in admin.site._registry:
        meta = model._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        for view, suffix in ADMIN_MODEL_VIEWS.items():
            name = f"admin:{meta.app_label}_{meta.model_name}_{view}"
            audit = meta.label_lower == "core.auditentry" and view in ADMIN_AUDIT_ALLOWED
            allowed = 200 if audit else 403
            if view == "history" and not model.objects.exists():
                allowed = ADMIN_INDEX  # the history of a missing record sends back to the index
            statuses = (ADMIN_LOGIN,) * 6 + (allowed,)
            routes[name] = Route(
                base + suffix.replace("{pk}", f"{{pk:{meta.label_lower}}}"), statuses
            )
    routes["admin:auth_user_password_change"] = Route(
        "/admin/auth/user/{pk:auth.user}/password/", (ADMIN_LOGIN,) * 6 + (403,)
    )
    return routes


def all_expectations() -> dict[str, list[Route]]:
    routes = dict(EXPECTED)
    routes.update({name: [route] for name, route in ADMIN_SITE.items()})
    routes.update({name: [route] for name, route in admin_model_routes().items()})
    return routes


def make_user(username, role, body=None, **extra):
    user = get_user_model().objects.create_user(username, password="x-Secret-123", **extra)
    user.groups.add(Group.objects.get(name=role))
    if body:
        BodyMembership.objects.create(user=user, body=body)
    return get_user_model().objects.get(pk=user.pk)


def _pdf():
    return SimpleUploadedFile("minutes.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")


@pytest.fixture
def world(settings, tmp_path):
    """One user per role and the objects the routes' parameters point at."""
    from django.contrib.contenttypes.models import ContentType

    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.NAPMON_API_RATE = "100000/min"
    body_a = ReportingBody.objects.get(slug="punjab")
    body_b = ReportingBody.objects.get(slug="khyber-pakhtunkhwa")
    users = {
        "reporter_a": make_user("rep-a", roles.REPORTER, body_a),
        "reporter_b": make_user("rep-b", roles.REPORTER, body_b),
        "reviewer": make_user("rev", roles.REVIEWER),
        "analyst": make_user("ana", roles.ANALYST),
        "coordinator": make_user("coord", roles.COORDINATOR),
        "admin": make_user("adm", roles.ADMIN, is_staff=True),
    }
    point = Point.objects.get(version__label="2021", number=4)
    coordinator = users["coordinator"]
    services.assign_point(body_a, point, actor=coordinator)
    services.assign_point(body_b, point, actor=coordinator)
    period = services.open_period("2025-03", actor=coordinator)
    report = services.create_report(body_a, period, actor=users["reporter_a"])
    evidence = services.add_evidence(report.entries.get(), _pdf(), actor=users["reporter_a"])
    earlier = services.open_period("2025-02", actor=coordinator)
    submitted = services.create_report(body_a, earlier, actor=users["reporter_a"])
    from reporting.helpers import fill

    services.save_report(submitted, fill(submitted), actor=users["reporter_a"])
    services.submit_report(submitted, actor=users["reporter_a"])
    submitted.refresh_from_db()
    review = services.open_review("2025-H1", actor=coordinator)
    from napmon.reporting.models import Funding
    from napmon.reporting.services import actions as action_services

    action = action_services.create_action(
        point, body_a, title="Train investigators", actor=users["reporter_a"]
    )
    milestone = action_services.add_milestone(
        action, title="Curriculum", due_date=date(2025, 1, 31), actor=users["reporter_a"]
    )
    task = TaskProgress.objects.create(
        kind="events.import", label="gtd.csv", created_by=users["reporter_a"]
    )
    token, _secret = tokens.create_token(users["reporter_a"], "laptop", "read")
    # An import batch with its events and dataset, for the explorer and the admin pages.
    gtd_report = import_events(
        DATA / "gtd" / "valid" / "gtd_pakistan.csv", "gtd", user=users["admin"]
    )
    # Its problems as the coordinator's upload would keep them.
    problem_log = record_problems(gtd_report, user=users["coordinator"])
    params = {
        "problem_log": problem_log.pk,
        "report": report.pk,
        "submitted": submitted.pk,
        "submitted_version": submitted.version,
        "evidence": evidence.pk,
        "period": period.pk,
        "body_b": body_b.pk,
        "point_2014": Point.objects.get(version__label="2014", number=1).pk,
        "assignment": Assignment.objects.get(body=body_a, point=point, active=True).pk,
        "review": review.pk,
        "review_version": review.version,
        "review_row": review.points.get(point=point).pk,
        "province_row": review.points.get(point=point).provinces.get(geography="PK-PB").pk,
        "task": task.pk,
        "token": token.pk,
        "indicator": Indicator.objects.filter(point=point).order_by("slug").first().slug,
        "task_ct": ContentType.objects.get_for_model(task).pk,
        "point": point.pk,
        "body_a": body_a.pk,
        "action": action.pk,
        "milestone": milestone.pk,
        "funding": Funding.objects.order_by("pk").first().pk,
    }
    return users, params


def _object_pk(label: str) -> str:
    from django.apps import apps

    model = apps.get_model(label)
    obj = model.objects.order_by("pk").first()
    return str(obj.pk) if obj else "999999"


def _fill(text: str, params: dict) -> str:
    while "{pk:" in text:
        start = text.index("{pk:")
        end = text.index("}", start)
        text = text[:start] + _object_pk(text[start + 4 : end]) + text[end + 1 :]
    return text.format(**params)


def _request(client: Client, route: Route, params: dict):
    path = _fill(route.path, params)
    data = {_fill(k, params): _fill(str(v), params) for k, v in route.data.items()}
    if route.method == "get":
        return client.get(path)
    if route.method == "delete":
        return client.delete(path)
    if route.method == "patch":
        return client.patch(path, data, content_type="application/json")
    if data.pop("file", None):
        data["entry"] = str(_entry_of(params["report"]))
        data["file"] = _pdf()
        return client.post(path, data)
    if path.startswith("/api/"):
        return client.post(path, data, content_type="application/json")
    return client.post(path, data)


def close_quietly(response) -> None:
    """Close a file download's file without ending the test's database connection.

    ``close()`` sends ``request_finished``, whose ``close_old_connections`` would drop the
    connection inside the test transaction; the test client guards its own calls likewise.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _entry_of(report_pk):
    from napmon.reporting.models import ReportEntry

    return ReportEntry.objects.filter(report_id=report_pk).values_list("pk", flat=True).first()


def _matches(response, expected) -> bool:
    location = response.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith("/login/")
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith("/admin/login/")
    if expected == ADMIN_INDEX:
        return response.status_code == 302 and location == "/admin/"
    if expected == BACK:
        return response.status_code == 302 and "login" not in location
    return response.status_code == expected


def _check(role: str, users: dict, params: dict, names) -> list[str]:
    problems = []
    expectations = all_expectations()
    for name in names:
        for route in expectations[name]:
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(users[role])
            with transaction.atomic():
                response = _request(client, route, params)
                transaction.set_rollback(True)
            if response.streaming:
                close_quietly(response)
            expected = route.expected(role)
            label = f"{route.method.upper()} {_fill(route.path, params)} ({name})"
            if not _matches(response, expected):
                where = response.get("Location", "")
                problems.append(f"{label}: expected {expected}, got {response.status_code} {where}")
                continue
            content_type = response.get("Content-Type", "")
            if response.status_code == 200 and content_type.startswith("text/html"):
                html = response.content.decode()
                found = csp_violations(html)
                if "'unsafe-inline'" in response.get("Content-Security-Policy", ""):
                    # The briefs are standalone pages whose own policy allows inline styles.
                    found = [f for f in found if not f.startswith("inline style")]
                problems += [f"{label}: CSP would block {f}" for f in found]
    return problems


def test_every_named_url_has_an_expectation():
    covered = set(all_expectations())
    missing = sorted(set(url_names()) - covered)
    assert missing == [], f"URL patterns without an expectation in the role matrix: {missing}"
    stale = sorted(covered - set(url_names()))
    assert stale == [], f"expectations for URL names that no longer exist: {stale}"


SITE_NAMES = sorted(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_status_on_every_page_and_endpoint(world, role):
    users, params = world
    problems = _check(role, users, params, SITE_NAMES)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_status_on_the_admin_site(world, role):
    users, params = world
    names = sorted(set(all_expectations()) - set(EXPECTED))
    problems = _check(role, users, params, names)
    assert problems == [], "\n".join(problems)


def test_reporter_b_cannot_reach_body_a_through_any_parameterised_page(world):
    """Out of scope is 404, never 403: the existence of body A's records stays hidden."""
    users, params = world
    client = Client()
    client.force_login(users["reporter_b"])
    for path in (
        f"/reporting/reports/{params['report']}/",
        f"/reporting/reports/{params['report']}/edit/",
        f"/reporting/evidence/{params['evidence']}/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"Punjab" not in response.content
