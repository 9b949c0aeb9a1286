"""Outcome, claims and index pages. Thin: panels call the analysis services."""

from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from napmon.analysis import map_panels, panels, services
from napmon.analysis.forms import ComparisonForm, MapForm, OutcomesForm
from napmon.analysis.services.visible import visible_filters
from napmon.core.page_cache import cache_public_page
from napmon.core.visibility import public_only
from napmon.events.scope import scope_label
from napmon.events.services.summary import datasets_shown


@require_GET
@cache_public_page(params=tuple(OutcomesForm.base_fields))
def outcomes_page(request):
    default = services.default_dataset()
    form = OutcomesForm(request.GET or None, initial={"dataset": default or ""})
    filters, point, before, after = {}, {"intervention": "nap-adopted"}, 12, None
    its_options = {}
    if form.is_bound and form.is_valid():
        filters, point = form.filters(), form.break_point()
        its_options = form.its_options()
        before = form.cleaned_data.get("before") or 12
        after = form.cleaned_data.get("after")
    if not filters.get("dataset") and default:
        filters["dataset"] = default  # one dataset, never several added up
    # Outcome series are monthly or finer: aggregate-only data stays out for the public.
    filters, withheld = visible_filters(filters, public_only(request.user))
    dataset = filters.get("dataset")
    interventions = services.list_interventions(charts_only=True)
    context = {
        "form": form,
        "withheld": withheld,
        "dataset": dataset,
        "all_datasets": dataset == services.ALL_DATASETS,
        "datasets": datasets_shown(
            None if dataset == services.ALL_DATASETS else dataset, public_only(request.user)
        ),
        "scope": scope_label(filters.get("country")),
        "interventions": interventions,
        "panels": {
            "year": panels.year_panel(filters, interventions),
            "month": panels.month_panel(filters, interventions),
            "province": panels.province_panel(filters),
            "compare": panels.comparison_panel(filters),
            "pips": panels.pips_panel(interventions),
            "annual": panels.annual_panel(filters),
            "before_after": panels.before_after_panel(filters, point, before, after),
            "its": panels.its_panel(filters, point, its_options),
            "stability": panels.stability_panel(filters),
        },
    }
    return render(request, "analysis/outcomes.html", context)


@require_GET
@cache_public_page
def claims_page(request):
    rows = services.check_claims(public_only=public_only(request.user))
    counts = {
        "consistency": services.verdict_counts(rows, "consistency"),
        "independent": services.verdict_counts(rows, "independent"),
    }
    return render(request, "analysis/claims.html", {"rows": rows, "counts": counts})


@require_GET
@cache_public_page(params=tuple(OutcomesForm.base_fields))
def index_page(request):
    form = OutcomesForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    filters.pop("province", None)
    filters.pop("fold_fata", None)
    panel = panels.index_panel(filters, public=public_only(request.user))
    shown = panel.get("dataset")
    return render(
        request,
        "analysis/index.html",
        {
            "panel": panel,
            "label": gettext(services.GTI_LABEL),
            "datasets": datasets_shown(shown["name"], public_only(request.user)) if shown else [],
        },
    )


@require_GET
@cache_public_page(params=tuple(MapForm.base_fields))
def map_page(request):
    """Province choropleth, small multiples and (open datasets) event points. Public:
    aggregates for every dataset, single events only where ``rows_are_public`` allows."""
    form = MapForm(request.GET or None)
    choice = form.cleaned_data if form.is_bound and form.is_valid() else {}
    lang = "ur" if (get_language() or "").startswith("ur") else "en"
    context = {"form": form, **map_panels.map_context(choice, lang)}
    return render(request, "analysis/map.html", context)


@require_GET
@cache_public_page(params=tuple(ComparisonForm.base_fields))
def comparison_page(request):
    """Comparison groups: comparative ITS and synthetic control, the same documents as the
    API and the CLI (``services.comparative_document`` and ``synthetic_document``)."""
    form = ComparisonForm(request.GET or None)
    choice = form.choice()
    filters, withheld = visible_filters(choice.pop("filters"), public_only(request.user))
    context = {
        "form": form,
        "withheld": withheld,
        "panels": panels.comparison_panels(filters, choice),
        "caveats": services.caveats(),
    }
    return render(request, "analysis/comparison.html", context)
