"""The milestones a monthly report can update, shown on the report's pages."""

from django import template
from django.utils import timezone

from napmon.reporting.services import actions as service

register = template.Library()


@register.inclusion_tag("reporting/_report_milestones.html", takes_context=True)
def report_milestones(context, report, editable=False):
    """The body's actions on the report's points with their milestones: open ones (overdue
    highlighted) and those this report marked done; a "done" button while ``editable``."""
    user = context["request"].user
    points = report.entries.values("point")
    actions = service.visible_actions(user).filter(body=report.body, point__in=points)
    today = timezone.localdate()
    rows = [
        {"action": a, "milestone": m, "overdue": service.milestone_overdue(m, today)}
        for a in actions
        for m in a.milestones.all()
        if m.done_on is None or m.report_id == report.pk
    ]
    return {
        "rows": rows,
        "report": report,
        "editable": editable and service.may_edit(user, report.body),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
