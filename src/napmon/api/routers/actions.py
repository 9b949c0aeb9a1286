"""Actions and milestones under each point, and funding figures per point.

Reads are public for published actions and for every funding figure; a reporter's token
also reads its own body's actions, and staff read every one. Writes need a token with the
write scope (or a session with CSRF) and go through ``napmon.reporting.services``, which
decide who may change what (reporters their body's actions; coordinators everything).
The JSON of an action and of a funding figure is the services' ``action_dict`` and
``funding_dict``, which ``napmon actions --json`` and ``napmon funding --json`` print too.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Query, Router, Schema, Status

from napmon.api.auth import READ_AUTH, SIGNED_IN_AUTH
from napmon.api.schemas import ErrorOut, SourceOut
from napmon.api.services.reporting import body_for
from napmon.core.errors import NotFoundError
from napmon.indicators.models import Source
from napmon.plans.services import get_point
from napmon.reporting.models import Milestone, Report
from napmon.reporting.services import actions as service
from napmon.reporting.services import funding as funding_service

router = Router(tags=["actions and funding"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
StatusName = Literal["planned", "in_progress", "done", "dropped"]
KindName = Literal["allocated", "released", "spent"]


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: str
    done_on: str | None
    overdue: bool
    evidence_url: str
    note: str
    report: int | None
    row_version: int


class ActionOut(Schema):
    id: int
    version: str
    point: int
    body: str
    body_name: str
    title: str
    description: str
    due_date: str | None
    status: str
    percent_done: int | None
    evidence_links: list[str]
    published: bool
    is_demo: bool
    overdue: bool
    overdue_milestones: int
    milestones: list[MilestoneOut]
    row_version: int


class ActionFilters(Schema):
    version: str | None = None
    point: int | None = None
    body: str | None = None
    overdue: bool = False


class ActionIn(Schema):
    version: str
    point: int
    body: str | None = None
    title: str
    description: str = ""
    due_date: dt.date | None = None
    status: StatusName = "planned"
    percent_done: int | None = None
    evidence_links: list[str] = []
    published: bool = False


class ActionPatch(Schema):
    row_version: int | None = None
    title: str | None = None
    description: str | None = None
    due_date: dt.date | None = None
    status: StatusName | None = None
    percent_done: int | None = None
    evidence_links: list[str] | None = None
    published: bool | None = None


class MilestoneIn(Schema):
    title: str
    due_date: dt.date
    note: str = ""


class MilestonePatch(Schema):
    row_version: int | None = None
    title: str | None = None
    due_date: dt.date | None = None
    note: str | None = None


class CompleteIn(Schema):
    row_version: int | None = None
    done_on: dt.date | None = None
    evidence_url: str = ""
    note: str | None = None
    report: int | None = None


class FundingOut(Schema):
    id: int
    version: str
    point: int
    body: str | None
    body_name: str | None
    fiscal_year: int | None
    fiscal_year_label: str | None
    kind: str
    amount: float
    currency: str
    source: SourceOut | None
    reference: str
    note: str
    row_version: int


class FundingFilters(Schema):
    version: str | None = None
    point: int | None = None
    body: str | None = None


class FundingIn(Schema):
    version: str
    point: int
    kind: KindName
    amount: float
    fiscal_year: int | None = None
    body: str | None = None
    currency: str = "PKR"
    source: str | None = None
    reference: str = ""
    note: str = ""


def _action(user, action_id: int):
    action = service.visible_actions(user).filter(pk=action_id).first()
    if action is None:
        raise NotFoundError(f"No action {action_id}.", code="action_not_found", field="action")
    return action


@router.get(
    "/actions",
    auth=READ_AUTH,
    response={200: list[ActionOut], **ERRORS},
    summary="Actions under the points, with milestones and overdue markers",
    description="The public sees published actions; a reporter also their own body's; "
    "staff every action. `overdue` keeps actions that are overdue or have an overdue "
    "milestone (due date passed, not done). `percent_done` null means not known.",
)
def list_actions(request, filters: Query[ActionFilters]):
    return service.list_actions(request.auth.user, **filters.dict())


@router.get(
    "/actions/{action_id}",
    auth=READ_AUTH,
    response={200: ActionOut, **ERRORS},
    summary="One action with its milestones",
)
def get_action(request, action_id: int):
    return service.action_dict(_action(request.auth.user, action_id))


@router.post(
    "/actions",
    auth=SIGNED_IN_AUTH,
    response={201: ActionOut, **ERRORS},
    summary="Record an action (write scope; reporters for their own body, coordinators any)",
)
def create_action(request, payload: ActionIn):
    request.auth.require_write()
    user = request.auth.user
    point = get_point(payload.version, payload.point)
    data = payload.dict(exclude={"version", "point", "body"})
    data["evidence_links"] = "\n".join(data["evidence_links"])
    action = service.create_action(point, body_for(user, payload.body), actor=user, **data)
    return Status(201, service.action_dict(_action(user, action.pk)))


@router.patch(
    "/actions/{action_id}",
    auth=SIGNED_IN_AUTH,
    response={200: ActionOut, **ERRORS},
    summary="Change an action (fields left out keep their value; row_version guards edits)",
)
def update_action(request, action_id: int, payload: ActionPatch):
    request.auth.require_write()
    user = request.auth.user
    action = _action(user, action_id)
    data = payload.dict(exclude_unset=True)
    expected = data.pop("row_version", None)
    if "evidence_links" in data:
        data["evidence_links"] = "\n".join(data["evidence_links"] or [])
    service.update_action(action, actor=user, expected_version=expected, **data)
    return service.action_dict(_action(user, action_id))


@router.post(
    "/actions/{action_id}/milestones",
    auth=SIGNED_IN_AUTH,
    response={201: ActionOut, **ERRORS},
    summary="Add a milestone to an action (write scope)",
)
def add_milestone(request, action_id: int, payload: MilestoneIn):
    request.auth.require_write()
    user = request.auth.user
    action = _action(user, action_id)
    service.add_milestone(action, actor=user, **payload.dict())
    return Status(201, service.action_dict(_action(user, action_id)))


def _milestone(user, milestone_id: int):
    milestone = Milestone.objects.select_related("action__body").filter(pk=milestone_id).first()
    if milestone is None or not service.may_read(user, milestone.action):
        raise NotFoundError(f"No milestone {milestone_id}.", code="milestone_not_found")
    return milestone


@router.patch(
    "/milestones/{milestone_id}",
    auth=SIGNED_IN_AUTH,
    response={200: ActionOut, **ERRORS},
    summary="Change a milestone's title, due date or note (fields left out keep their value)",
    description="Who may change the action may change its milestones; audited as "
    "`reporting.milestone.changed`, and the change shows in the milestone's history. "
    "Send the milestone's `row_version` as read: when someone else saved it since, the "
    "change is refused with 409 `conflict` and nothing is written. "
    "Returns the action with its milestones, as `GET /actions/{id}` does.",
)
def update_milestone(request, milestone_id: int, payload: MilestonePatch):
    request.auth.require_write()
    user = request.auth.user
    milestone = _milestone(user, milestone_id)
    data = payload.dict(exclude_unset=True)
    expected = data.pop("row_version", None)
    service.update_milestone(milestone, actor=user, expected_version=expected, **data)
    return service.action_dict(_action(user, milestone.action_id))


@router.post(
    "/milestones/{milestone_id}/complete",
    auth=SIGNED_IN_AUTH,
    response={200: ActionOut, **ERRORS},
    summary="Mark a milestone done (optionally naming the monthly report that says so)",
    description="`row_version`, when sent, guards against a change by someone else since "
    "the milestone was read (409 `conflict`).",
)
def complete_milestone(request, milestone_id: int, payload: CompleteIn):
    request.auth.require_write()
    user = request.auth.user
    milestone = _milestone(user, milestone_id)
    report = None
    if payload.report is not None:
        report = Report.objects.filter(pk=payload.report).first()
        if report is None:
            raise NotFoundError(f"No report {payload.report}.", code="report_not_found")
    service.complete_milestone(
        milestone,
        done_on=payload.done_on,
        evidence_url=payload.evidence_url,
        note=payload.note,
        report=report,
        actor=user,
        expected_version=payload.row_version,
    )
    return service.action_dict(_action(user, milestone.action_id))


# --- funding ---------------------------------------------------------------------------


@router.get(
    "/funding",
    auth=READ_AUTH,
    response={200: list[FundingOut], **ERRORS},
    summary="Funding figures per point (allocated, released, spent), each with its source",
    description="A figure no source gives has no row: it is unknown, never 0. `fiscal_year` "
    "is the year the fiscal year starts (July to June); null when the source gives none.",
)
def list_funding(request, filters: Query[FundingFilters]):
    return funding_service.list_funding(**filters.dict())


def _source(key: str | None):
    if not key:
        return None
    source = Source.objects.filter(key=key).first()
    if source is None:
        raise NotFoundError(f"No source {key!r}.", code="source_not_found", field="source")
    return source


@router.post(
    "/funding",
    auth=SIGNED_IN_AUTH,
    response={201: FundingOut, **ERRORS},
    summary="Record a funding figure (coordinators; write scope)",
)
def record_funding(request, payload: FundingIn):
    request.auth.require_write()
    point = get_point(payload.version, payload.point)
    body = body_for(None, payload.body) if payload.body else None
    data = payload.dict(exclude={"version", "point", "body", "source"})
    figure = funding_service.record_funding(
        point, body=body, source=_source(payload.source), actor=request.auth.user, **data
    )
    return Status(201, funding_service.funding_dict(figure))


class FundingPatch(Schema):
    row_version: int | None = None
    kind: KindName | None = None
    amount: float | None = None
    fiscal_year: int | None = None
    body: str | None = None
    currency: str | None = None
    source: str | None = None
    reference: str | None = None
    note: str | None = None


@router.patch(
    "/funding/{funding_id}",
    auth=SIGNED_IN_AUTH,
    response={200: FundingOut, **ERRORS},
    summary="Change a funding figure (coordinators; fields left out keep their value; audited)",
    description="Send the figure's `row_version` as read: when someone else saved it since, "
    "the change is refused with 409 `conflict` and nothing is written.",
)
def update_funding(request, funding_id: int, payload: FundingPatch):
    request.auth.require_write()
    figure = funding_service.funding_queryset().filter(pk=funding_id).first()
    if figure is None:
        raise NotFoundError(f"No funding figure {funding_id}.", code="funding_not_found")
    data = payload.dict(exclude_unset=True)
    expected = data.pop("row_version", None)
    if "body" in data:
        data["body"] = body_for(None, data["body"]) if data["body"] else None
    if "source" in data:
        data["source"] = _source(data["source"])
    figure = funding_service.update_funding(
        figure, actor=request.auth.user, expected_version=expected, **data
    )
    return funding_service.funding_dict(figure)


@router.delete(
    "/funding/{funding_id}",
    auth=SIGNED_IN_AUTH,
    response={200: FundingOut, **ERRORS},
    summary="Remove a funding figure recorded in error (coordinators; audited)",
    description="`row_version`, when given, refuses the removal with 409 `conflict` if "
    "someone else changed the figure since it was read.",
)
def remove_funding(request, funding_id: int, row_version: int | None = None):
    request.auth.require_write()
    figure = funding_service.funding_queryset().filter(pk=funding_id).first()
    if figure is None:
        raise NotFoundError(f"No funding figure {funding_id}.", code="funding_not_found")
    data = funding_service.funding_dict(figure)
    funding_service.remove_funding(figure, actor=request.auth.user, expected_version=row_version)
    return data
