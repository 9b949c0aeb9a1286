"""Setting an indicator's target (coordinators) and the public note on the method."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from napmon.core import roles
from napmon.indicators.models import Indicator
from napmon.reporting.errors import ReportingError
from napmon.reporting.forms import TargetForm
from napmon.reporting.services.targets import set_target
from napmon.reporting.views.common import require_perm, show_form_error


@login_required
@require_http_methods(["GET", "POST"])
def target(request, slug):
    require_perm(request, roles.MANAGE_REVIEWS)
    indicator = get_object_or_404(Indicator.objects.select_related("point__version"), slug=slug)
    initial = {
        "baseline_value": indicator.baseline_value,
        "baseline_year": indicator.baseline_year,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "source": indicator.target_source,
        "reference": indicator.target_reference,
    }
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_target(indicator, actor=request.user, **data)
        except ReportingError as exc:
            show_form_error(request, form, exc)
        else:
            messages.success(request, _("Target set for %(name)s.") % {"name": indicator.name})
            if indicator.point:
                return redirect("point", indicator.point.version.label, indicator.point.number)
            return redirect("reporting:target", slug=slug)
    return render(request, "reporting/target.html", {"indicator": indicator, "form": form})


def progress_method(request):
    """Public: how the progress status of an indicator is judged."""
    return render(request, "reporting/progress_method.html")
