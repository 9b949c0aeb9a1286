"""Outcome, claims and index pages. Thin: panels call the analysis services."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from napmon.analysis import panels, services
from napmon.analysis.forms import OutcomesForm
from napmon.analysis.services.visible import visible_filters
from napmon.core.page_cache import cache_public_page
from napmon.core.visibility import public_only


@require_GET
@cache_public_page(params=tuple(OutcomesForm.base_fields))
def outcomes_page(request):
    form = OutcomesForm(request.GET or None)
    filters, point, before, after = {}, {"intervention": "nap-adopted"}, 12, None
    if form.is_bound and form.is_valid():
        filters, point = form.filters(), form.break_point()
        before = form.cleaned_data.get("before") or 12
        after = form.cleaned_data.get("after")
    # Outcome series are monthly or finer: aggregate-only data stays out for the public.
    filters, withheld = visible_filters(filters, public_only(request.user))
    interventions = services.list_interventions(charts_only=True)
    context = {
        "form": form,
        "withheld": withheld,
        "interventions": interventions,
        "panels": {
            "year": panels.year_panel(filters, interventions),
            "month": panels.month_panel(filters, interventions),
            "province": panels.province_panel(filters),
            "compare": panels.comparison_panel(filters),
            "before_after": panels.before_after_panel(filters, point, before, after),
            "its": panels.its_panel(filters, point),
        },
    }
    return render(request, "analysis/outcomes.html", context)


@require_GET
def claims_page(request):
    rows = services.check_claims(public_only=public_only(request.user))
    counts = {}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    return render(request, "analysis/claims.html", {"rows": rows, "counts": counts})


@require_GET
@cache_public_page(params=tuple(OutcomesForm.base_fields))
def index_page(request):
    form = OutcomesForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    filters.pop("province", None)
    filters.pop("fold_fata", None)
    return render(
        request,
        "analysis/index.html",
        {
            "panel": panels.index_panel(filters, public=public_only(request.user)),
            "label": services.GTI_LABEL,
        },
    )
