"""Actions and milestones per point and per body, and funding figures per point."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from napmon.core import roles
from napmon.core.errors import NotFoundError
from napmon.plans.services import get_point
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms_actions import (
    ActionForm,
    CompleteMilestoneForm,
    FundingForm,
    MilestoneEditForm,
    MilestoneForm,
)
from napmon.reporting.models import Action, Funding, Milestone, ReportingBody
from napmon.reporting.services import actions as service
from napmon.reporting.services import funding as funding_service
from napmon.reporting.views.common import (
    report_in_scope,
    require_perm,
    show_error,
    show_form_error,
)


def _coordinator(user) -> bool:
    return user.is_authenticated and user.has_perm(roles.MANAGE_REVIEWS)


def _readable(request, pk: int) -> Action:
    """The action, or 404 when it does not exist or the user may not read it."""
    action = service.visible_actions(request.user).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


@login_required
@require_GET
def action_list(request):
    """Actions per body and per point (``?body=<slug>``, ``?point=<version>/<number>``)."""
    actions = service.visible_actions(request.user)
    body = point = None
    if request.GET.get("body"):
        body = get_object_or_404(ReportingBody, slug=request.GET["body"])
        actions = actions.filter(body=body)
    if request.GET.get("point"):
        label, _sep, number = request.GET["point"].partition("/")
        try:
            point = get_point(label, number)
        except NotFoundError as exc:
            raise Http404(exc.message) from exc
        actions = actions.filter(point=point)
    if request.GET.get("overdue"):
        today = timezone.localdate()
        actions = (
            actions.filter(milestones__done_on__isnull=True, milestones__due_date__lt=today)
            .exclude(status__in=service.CLOSED)
            .distinct()
        )
    context = {
        "rows": service.action_rows(actions),
        "body": body,
        "point": point,
        "bodies": ReportingBody.objects.filter(active=True),
        "may_create": _coordinator(request.user) or roles.body_of(request.user) is not None,
    }
    return render(request, "reporting/actions.html", context)


def _form_kwargs(request) -> dict:
    return {"coordinator": _coordinator(request.user), "own_body": roles.body_of(request.user)}


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request):
    """Record an action: coordinators for any body, reporters for their own."""
    own = roles.body_of(request.user)
    if not _coordinator(request.user) and not (own and request.user.has_perm(roles.SUBMIT)):
        raise PermissionDenied
    initial = {"body": own, "point": request.GET.get("point"), "status": "planned"}
    form = ActionForm(request.POST or None, initial=initial, **_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        point, body = data.pop("point"), data.pop("body")
        try:
            action = service.create_action(point, body, actor=request.user, **data)
        except ReportingError as exc:
            show_form_error(request, form, exc)
        else:
            messages.success(request, _("Action recorded."))
            return redirect("reporting:action", pk=action.pk)
    return render(request, "reporting/action_form.html", {"form": form, "action": None})


@require_GET
def action_detail(request, pk):
    """One action with its milestones and their history (public once published)."""
    action = _readable(request, pk)
    today = timezone.localdate()
    milestones = [
        {
            "m": m,
            "overdue": service.milestone_overdue(m, today),
            "history": service.milestone_history(m),
        }
        for m in action.milestones.select_related("action").all()
    ]
    context = {
        "action": action,
        "overdue": service.action_overdue(action, today),
        "milestones": milestones,
        "may_edit": request.user.is_authenticated and service.may_edit(request.user, action.body),
        "milestone_form": MilestoneForm(),
        "complete_form": CompleteMilestoneForm(),
    }
    return render(request, "reporting/action.html", context)


def _save_edit(request, form, update, record, saved: str) -> bool:
    """Save a valid edit form of ``record`` through ``update`` with the row version the form
    carried (a stale one is refused as ``conflict``). True when saved (with ``saved`` as a
    message); a refusal is shown on the form and False returned."""
    data = dict(form.cleaned_data)
    expected = data.pop("version", None)
    try:
        update(record, actor=request.user, expected_version=expected, **data)
    except ReportingError as exc:
        show_form_error(request, form, exc)
        return False
    messages.success(request, saved)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _readable(request, pk)
    if not service.may_edit(request.user, action.body):
        raise PermissionDenied
    initial = {name: getattr(action, name) for name in service.ACTION_FIELDS}
    initial["version"] = action.version
    form = ActionForm(request.POST or None, initial=initial, editing=True, **_form_kwargs(request))
    posted = request.method == "POST" and form.is_valid()
    if posted and _save_edit(request, form, service.update_action, action, _("Action saved.")):
        return redirect("reporting:action", pk=action.pk)
    return render(request, "reporting/action_form.html", {"form": form, "action": action})


@login_required
@require_POST
def milestone_add(request, pk):
    action = _readable(request, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the milestone a title and a due date."))
        return redirect("reporting:action", pk=action.pk)
    try:
        service.add_milestone(action, actor=request.user, **form.cleaned_data)
    except ReportingError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Milestone added."))
    return redirect("reporting:action", pk=action.pk)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    """Change a milestone's title, due date or note (those who may edit its action)."""
    milestone = get_object_or_404(Milestone.objects.select_related("action__body"), pk=pk)
    action = _readable(request, milestone.action_id)
    if not service.may_edit(request.user, action.body):
        raise PermissionDenied
    initial = {
        "title": milestone.title,
        "due_date": milestone.due_date,
        "note": milestone.note,
        "version": milestone.version,
    }
    form = MilestoneEditForm(request.POST or None, initial=initial)
    posted = request.method == "POST" and form.is_valid()
    if posted and _save_edit(
        request, form, service.update_milestone, milestone, _("Milestone saved.")
    ):
        return redirect("reporting:action", pk=action.pk)
    context = {"form": form, "milestone": milestone, "action": action}
    return render(request, "reporting/milestone_form.html", context)


@login_required
@require_POST
def milestone_complete(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("action__body"), pk=pk)
    action = _readable(request, milestone.action_id)
    form = CompleteMilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the date and the evidence link."))
        return redirect("reporting:action", pk=action.pk)
    data = form.cleaned_data
    report = None
    if data.get("report"):
        report = report_in_scope(request, data["report"])
    try:
        service.complete_milestone(
            milestone,
            done_on=data["done_on"],
            evidence_url=data["evidence_url"],
            note=data["note"] or None,
            report=report,
            actor=request.user,
            expected_version=data["version"],
        )
    except ReportingError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Milestone marked done."))
    if report is not None:
        return redirect("reporting:report", pk=report.pk)
    return redirect("reporting:action", pk=action.pk)


@login_required
@require_http_methods(["GET", "POST"])
def funding(request, label, number):
    """A point's funding figures; coordinators add and remove them."""
    require_perm(request, roles.MANAGE_REVIEWS)
    try:
        point = get_point(label, number)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    form = FundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            funding_service.record_funding(point, actor=request.user, **data)
        except ReportingError as exc:
            show_form_error(request, form, exc)
        else:
            messages.success(request, _("Funding figure recorded."))
            return redirect("reporting:funding", label=label, number=number)
    context = {"point": point, "form": form, "funding": funding_service.point_funding(point)}
    return render(request, "reporting/funding.html", context)


def _funding_initial(figure) -> dict:
    names = ("kind", "amount", "currency", "fiscal_year", "body", "source", "reference", "note")
    return {name: getattr(figure, name) for name in names + ("version",)}


@login_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, pk):
    """Change one funding figure (coordinators), through the same checks as recording it."""
    require_perm(request, roles.MANAGE_REVIEWS)
    figure = get_object_or_404(funding_service.funding_queryset(), pk=pk)
    point = figure.point
    form = FundingForm(request.POST or None, initial=_funding_initial(figure))
    saved = _("Funding figure saved.")
    posted = request.method == "POST" and form.is_valid()
    if posted and _save_edit(request, form, funding_service.update_funding, figure, saved):
        return redirect("reporting:funding", label=point.version.label, number=point.number)
    context = {"point": point, "form": form, "figure": figure}
    return render(request, "reporting/funding_edit.html", context)


def _posted_version(request) -> int | None:
    """The row version a form carried (None when absent or not a number)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def funding_remove(request, pk):
    require_perm(request, roles.MANAGE_REVIEWS)
    figure = get_object_or_404(Funding.objects.select_related("point__version"), pk=pk)
    point = figure.point
    try:
        funding_service.remove_funding(
            figure, actor=request.user, expected_version=_posted_version(request)
        )
    except ReportingError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Funding figure removed."))
    return redirect("reporting:funding", label=point.version.label, number=point.number)
