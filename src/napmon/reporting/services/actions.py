"""Actions and milestones: what a body promised under a point, by when, and how far it got.

Reporters of a body create and edit their body's actions (on points assigned to it);
coordinators see and edit every action and alone decide which are published on the
public point page. Every change is atomic and audited; ``action_dict`` is the one JSON
shape of an action, shared by the API and ``napmon actions --json``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import diff, snapshot
from napmon.core.models import AuditEntry
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Action, Assignment, Milestone
from napmon.reporting.services._common import (
    audit,
    lock_unchanged,
    save_new_version,
    send_after_commit,
)

ACTION_FIELDS = [
    "title",
    "description",
    "due_date",
    "status",
    "percent_done",
    "evidence_links",
    "published",
]
MILESTONE_FIELDS = ["title", "due_date", "done_on", "evidence_url", "note", "report_id"]
CLOSED = (Action.Status.DONE, Action.Status.DROPPED)


def may_edit(user, body) -> bool:
    """Whether ``user`` may change ``body``'s actions: coordinators, or the body's reporters."""
    if user is None:
        return True
    if user.is_authenticated and user.has_perm(roles.MANAGE_REVIEWS):
        return True
    return roles.can_edit_body(user, body)


def _require_edit(user, body) -> None:
    if not may_edit(user, body):
        raise ReportingError(
            _("You may only change the actions of your own reporting body."),
            code="permission_denied",
        )


def _is_coordinator(user) -> bool:
    return user is None or (user.is_authenticated and user.has_perm(roles.MANAGE_REVIEWS))


def _invalid(message, field):
    return ReportingError(message, code="validation", field=field)


def _clean_action(values: dict) -> dict:
    title = (values.get("title") or "").strip()
    if "title" in values and not title:
        raise _invalid(_("Give the action a title."), "title")
    if "title" in values:
        values["title"] = title
    percent = values.get("percent_done")
    if percent is not None and not 0 <= int(percent) <= 100:
        raise _invalid(_("The percentage done must be between 0 and 100."), "percent_done")
    status = values.get("status")
    if status is not None and status not in Action.Status.values:
        raise _invalid(_("Unknown status %(status)s.") % {"status": status}, "status")
    return values


def create_action(
    point,
    body,
    *,
    title: str,
    description: str = "",
    due_date: dt.date | None = None,
    status: str = Action.Status.PLANNED,
    percent_done: int | None = None,
    evidence_links: str = "",
    published: bool = False,
    is_demo: bool = False,
    actor=None,
) -> Action:
    """Record an action ``body`` promised under ``point``.

    Raises ``ReportingError``: ``permission_denied`` (not a coordinator nor a reporter of
    the body, or a reporter publishing), ``not_assigned`` (a reporter's body does not report
    on the point), ``validation`` (naming the field).
    """
    _require_edit(actor, body)
    if published and not _is_coordinator(actor):
        raise ReportingError(_("Only coordinators publish actions."), code="permission_denied")
    if (
        not _is_coordinator(actor)
        and not Assignment.objects.filter(body=body, point=point, active=True).exists()
    ):
        raise ReportingError(
            _("Your body does not report on this point."), code="not_assigned", field="point"
        )
    values = _clean_action(
        {
            "title": title,
            "description": (description or "").strip(),
            "due_date": due_date,
            "status": status,
            "percent_done": percent_done,
            "evidence_links": (evidence_links or "").strip(),
            "published": published,
        }
    )
    with transaction.atomic():
        action = Action.objects.create(
            point=point, body=body, is_demo=is_demo, created_by=_user(actor), **values
        )
        audit("reporting.action.created", action, actor, {"new": snapshot(action)})
        send_after_commit(signals.action_changed, Action, instance=action, actor=actor)
    return action


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def update_action(action: Action, *, actor=None, expected_version=None, **fields) -> Action:
    """Change an action's fields (those of ``ACTION_FIELDS`` given).

    With ``expected_version`` the change is refused (``conflict``) when someone else saved
    the action since it was read. Raises ``ReportingError``: ``permission_denied``,
    ``conflict``, ``validation``.
    """
    _require_edit(actor, action.body)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise _invalid(_("Unknown field %(name)s.") % {"name": sorted(unknown)[0]}, "fields")
    publishing = "published" in fields and bool(fields["published"]) != action.published
    if publishing and not _is_coordinator(actor):
        raise ReportingError(_("Only coordinators publish actions."), code="permission_denied")
    fields = _clean_action(dict(fields))
    message = _(
        "Someone else changed this action while you were looking at it. "
        "Reload the page and check it again."
    )
    with transaction.atomic():
        locked = lock_unchanged(action, expected_version, message)
        old = snapshot(locked, ACTION_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        changes = diff(old, snapshot(locked, ACTION_FIELDS))
        if changes:
            save_new_version(locked)
            audit("reporting.action.changed", locked, actor, changes)
            send_after_commit(signals.action_changed, Action, instance=locked, actor=actor)
    locked.refresh_from_db()
    return locked


def add_milestone(action: Action, *, title: str, due_date: dt.date, note: str = "", actor=None):
    """Add a dated milestone to ``action``.

    Raises ``ReportingError``: ``permission_denied``, ``validation``.
    """
    _require_edit(actor, action.body)
    title = (title or "").strip()
    if not title:
        raise _invalid(_("Give the milestone a title."), "title")
    if due_date is None:
        raise _invalid(_("Give the milestone's due date."), "due_date")
    with transaction.atomic():
        milestone = Milestone.objects.create(
            action=action, title=title, due_date=due_date, note=(note or "").strip()
        )
        audit("reporting.milestone.created", milestone, actor, {"new": snapshot(milestone)})
        send_after_commit(signals.milestone_changed, Milestone, instance=milestone, actor=actor)
    return milestone


def update_milestone(
    milestone: Milestone, *, actor=None, expected_version=None, **fields
) -> Milestone:
    """Change a milestone's title, due date, note or evidence link.

    With ``expected_version`` the change is refused (``conflict``) when someone else saved
    the milestone since it was read. Raises ``ReportingError``: ``permission_denied``,
    ``conflict``, ``validation``.
    """
    _require_edit(actor, milestone.action.body)
    allowed = {"title", "due_date", "note", "evidence_url"}
    if set(fields) - allowed:
        raise _invalid(
            _("Unknown field %(name)s.") % {"name": sorted(set(fields) - allowed)[0]}, ""
        )
    if "title" in fields and not (fields["title"] or "").strip():
        raise _invalid(_("Give the milestone a title."), "title")
    if "due_date" in fields and fields["due_date"] is None:
        raise _invalid(_("Give the milestone's due date."), "due_date")
    return _save_milestone(
        milestone, fields, "reporting.milestone.changed", actor, expected_version
    )


def _save_milestone(milestone, fields, verb, actor, expected_version):
    message = _(
        "Someone else changed this milestone while you were looking at it. "
        "Reload the page and check it again."
    )
    with transaction.atomic():
        locked = lock_unchanged(milestone, expected_version, message)
        old = snapshot(locked, MILESTONE_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        changes = diff(old, snapshot(locked, MILESTONE_FIELDS))
        if changes:
            save_new_version(locked)
            audit(verb, locked, actor, changes)
            send_after_commit(signals.milestone_changed, Milestone, instance=locked, actor=actor)
    locked.refresh_from_db()
    return locked


def complete_milestone(
    milestone: Milestone,
    *,
    done_on: dt.date | None = None,
    evidence_url: str = "",
    note: str | None = None,
    report=None,
    actor=None,
    expected_version=None,
) -> Milestone:
    """Mark a milestone done on ``done_on`` (today by default), optionally naming the
    monthly report that carried the news.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_state`` (already done),
    ``conflict`` (changed by someone else since ``expected_version`` was read),
    ``validation`` (a date in the future, or a report of another body).
    """
    _require_edit(actor, milestone.action.body)
    if milestone.done_on is not None:
        raise ReportingError(
            _("This milestone was already done on %(day)s.") % {"day": milestone.done_on},
            code="invalid_state",
        )
    today = timezone.localdate()
    done_on = done_on or today
    if done_on > today:
        raise _invalid(_("A milestone cannot be done on a future day."), "done_on")
    if report is not None and report.body_id != milestone.action.body_id:
        raise _invalid(_("The report must be one of the action's body."), "report")
    fields = {"done_on": done_on, "evidence_url": evidence_url or milestone.evidence_url}
    if note is not None:
        fields["note"] = note
    if report is not None:
        fields["report_id"] = report.pk
    return _save_milestone(
        milestone, fields, "reporting.milestone.completed", actor, expected_version
    )


# --- reading ---------------------------------------------------------------------------


def visible_actions(user):
    """The actions ``user`` may read: staff every one; a reporter their own body's and the
    published ones; the public the published ones (never demo data)."""
    qs = Action.objects.select_related("body", "point__version").prefetch_related("milestones")
    if user is not None and user.is_authenticated and user.has_perm(roles.VIEW_ALL):
        return qs
    public = Q(published=True, is_demo=False)
    own = roles.body_of(user)
    if own is not None:
        return qs.filter(public | Q(body=own))
    return qs.filter(public)


def list_actions(user, *, version=None, point=None, body=None, overdue=False, everything=False):
    """The actions ``user`` may read as JSON dicts (``everything``: the system, for the CLI),
    filtered by version label, point number, body slug and overdue (the action itself or a
    milestone). The API's ``GET /actions`` and ``napmon actions list --json`` both call it."""
    actions = (
        Action.objects.select_related("body", "point__version").prefetch_related("milestones")
        if everything
        else visible_actions(user)
    )
    if version:
        actions = actions.filter(point__version__label=version)
    if point is not None:
        actions = actions.filter(point__number=point)
    if body:
        actions = actions.filter(body__slug=body)
    rows = [action_dict(a) for a in actions]
    if overdue:
        rows = [r for r in rows if r["overdue"] or r["overdue_milestones"]]
    return rows


def may_read(user, action: Action) -> bool:
    return visible_actions(user).filter(pk=action.pk).exists()


def milestone_overdue(milestone: Milestone, today: dt.date | None = None) -> bool:
    """Due date passed, not done, and its action neither done nor dropped."""
    today = today or timezone.localdate()
    return (
        milestone.done_on is None
        and milestone.due_date < today
        and milestone.action.status not in CLOSED
    )


def action_overdue(action: Action, today: dt.date | None = None) -> bool:
    """The action's own due date passed and it is neither done nor dropped."""
    today = today or timezone.localdate()
    return action.due_date is not None and action.due_date < today and action.status not in CLOSED


def overdue_milestones_by_body(today: dt.date | None = None) -> list[dict]:
    """For the cockpit: each body with overdue milestones and how many, most first."""
    today = today or timezone.localdate()
    rows = (
        Milestone.objects.filter(done_on__isnull=True, due_date__lt=today)
        .exclude(action__status__in=CLOSED)
        .values("action__body__slug", "action__body__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "action__body__name")
    )
    return [
        {"body": r["action__body__slug"], "body_name": r["action__body__name"], "count": r["count"]}
        for r in rows
    ]


def milestone_history(milestone: Milestone) -> list[dict]:
    """The milestone's timeline from the audit log: when, what, and the changed dates."""
    entries = AuditEntry.objects.filter(
        object_type="reporting.milestone", object_id=str(milestone.pk)
    ).order_by("timestamp", "pk")
    return [
        {
            "at": e.timestamp,
            "what": e.action.rsplit(".", 1)[-1],
            "changes": {
                k: v for k, v in (e.changes or {}).items() if k in ("due_date", "done_on", "title")
            },
        }
        for e in entries
    ]


def action_rows(actions, today: dt.date | None = None) -> list[dict]:
    """Actions for a table: each with its overdue marker, overdue milestones and next one."""
    today = today or timezone.localdate()
    rows = []
    for action in actions:
        milestones = list(action.milestones.all())
        rows.append(
            {
                "action": action,
                "overdue": action_overdue(action, today),
                "overdue_milestones": sum(milestone_overdue(m, today) for m in milestones),
                "next": next((m for m in milestones if m.done_on is None), None),
            }
        )
    return rows


def milestone_dict(milestone: Milestone, today: dt.date | None = None) -> dict:
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "due_date": milestone.due_date.isoformat(),
        "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
        "overdue": milestone_overdue(milestone, today),
        "evidence_url": milestone.evidence_url,
        "note": milestone.note,
        "report": milestone.report_id,
        "row_version": milestone.version,
    }


def action_dict(action: Action, today: dt.date | None = None) -> dict:
    """The JSON shape of an action (API and CLI): unknown percentage is null, never 0."""
    today = today or timezone.localdate()
    milestones = [milestone_dict(m, today) for m in action.milestones.all()]
    return {
        "id": action.pk,
        "version": action.point.version.label,
        "point": action.point.number,
        "body": action.body.slug,
        "body_name": action.body.name,
        "title": action.title,
        "description": action.description,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "status": action.status,
        "percent_done": action.percent_done,
        "evidence_links": [u for u in action.evidence_links.split() if u],
        "published": action.published,
        "is_demo": action.is_demo,
        "overdue": action_overdue(action, today),
        "overdue_milestones": sum(1 for m in milestones if m["overdue"]),
        "milestones": milestones,
        "row_version": action.version,
    }
