"""Pages of the monitoring cell: periods, reporting rates and reminders, assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from napmon.analysis import maps
from napmon.core import roles
from napmon.reporting import services
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import AssignmentForm, OpenPeriodForm
from napmon.reporting.models import Assignment, Period
from napmon.reporting.views.common import require_perm, show_error


@login_required
@require_http_methods(["GET", "POST"])
def periods(request):
    require_perm(request, roles.VIEW_ALL)
    form = OpenPeriodForm(request.POST or None)
    if request.method == "POST":
        require_perm(request, roles.MANAGE_PERIODS)
        if form.is_valid():
            try:
                period = services.open_period(form.cleaned_data["month"], actor=request.user)
                messages.success(
                    request,
                    _("Period %(label)s opened; reports are due by %(deadline)s.")
                    % {"label": period.label, "deadline": period.deadline},
                )
                return redirect("reporting:periods")
            except ReportingError as exc:
                show_error(request, exc)
                form.add_error("month", exc.message)
    context = {
        "periods": Period.objects.all(),
        "form": form,
        "can_manage": request.user.has_perm(roles.MANAGE_PERIODS),
    }
    return render(request, "reporting/periods.html", context)


@login_required
@require_POST
def period_reopen(request, pk):
    require_perm(request, roles.MANAGE_PERIODS)
    period = get_object_or_404(Period, pk=pk)
    try:
        services.reopen_period(period, actor=request.user)
        messages.success(request, _("Period %(label)s reopened.") % {"label": period.label})
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:periods")


@login_required
def rates(request, pk):
    require_perm(request, roles.VIEW_ALL)
    period = get_object_or_404(Period, pk=pk)
    rates = services.reporting_rates(period)
    lang = "ur" if (get_language() or "").startswith("ur") else "en"
    by_province = services.completeness_by_province(rates, lang)
    title = _("Reports submitted by province, %(period)s") % {"period": period.label}
    context = {
        "period": period,
        "rates": rates,
        "by_province": by_province,
        "map_title": title,
        "map_spec": maps.choropleth(
            by_province["rows"],
            measure_label=_("percent submitted"),
            title=title,
            description=title,
            domain=[0, 100],
        ),
        "can_remind": request.user.has_perm(roles.REMIND),
    }
    return render(request, "reporting/rates.html", context)


@login_required
@require_POST
def remind(request, pk):
    require_perm(request, roles.REMIND)
    period = get_object_or_404(Period, pk=pk)
    try:
        sent = services.send_reminders(period, actor=request.user)
        messages.success(request, _("%(n)s reminder e-mail(s) sent.") % {"n": sent})
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:rates", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def assignments(request):
    require_perm(request, roles.VIEW_ALL)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST":
        require_perm(request, roles.ASSIGN)
        if form.is_valid():
            try:
                services.assign_point(
                    form.cleaned_data["body"], form.cleaned_data["point"], actor=request.user
                )
                messages.success(request, _("Point assigned."))
                return redirect("reporting:assignments")
            except ReportingError as exc:
                show_error(request, exc)
    context = {
        "assignments": Assignment.objects.filter(active=True).select_related(
            "body", "point__version"
        ),
        "form": form,
        "can_assign": request.user.has_perm(roles.ASSIGN),
    }
    return render(request, "reporting/assignments.html", context)


@login_required
@require_POST
def assignment_end(request, pk):
    require_perm(request, roles.ASSIGN)
    assignment = get_object_or_404(Assignment, pk=pk)
    try:
        services.unassign_point(assignment, actor=request.user)
        messages.success(request, _("Assignment ended."))
    except ReportingError as exc:
        show_error(request, exc)
    return redirect("reporting:assignments")
