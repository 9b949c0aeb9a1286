"""Business logic of the analysis app; views, commands and the API call these.

``seed_reference_data`` is called by ``napmon init`` (``core.services.initialise``).

Names are loaded on first use (PEP 562): importing one light module of this
package (``interventions``, as the admin does at start-up) must not import
pandas through ``outcomes``, or every command would pay for it.
"""

from importlib import import_module

_WHERE = {
    "GTI_LABEL": "napmon.analysis.services.outcomes",
    "PIPS_LABEL": "napmon.analysis.services.outcomes",
    "annual_figures": "napmon.analysis.services.outcomes",
    "check_claim_record": "napmon.analysis.services.claims",
    "check_claims": "napmon.analysis.services.claims",
    "compare_datasets": "napmon.analysis.services.outcomes",
    "data_coverage": "napmon.analysis.services.outcomes",
    "ensure_fresh": "napmon.analysis.services.summaries",
    "get_intervention": "napmon.analysis.services.interventions",
    "gti_index": "napmon.analysis.services.outcomes",
    "has_events": "napmon.analysis.services.summaries",
    "list_claims": "napmon.analysis.services.claims",
    "list_interventions": "napmon.analysis.services.interventions",
    "month_series": "napmon.analysis.services.outcomes",
    "pips_year_series": "napmon.analysis.services.outcomes",
    "province_breakdown": "napmon.analysis.services.outcomes",
    "record_intervention_edit": "napmon.analysis.services.interventions",
    "refresh_summaries": "napmon.analysis.services.summaries",
    "run_before_after": "napmon.analysis.services.outcomes",
    "run_its": "napmon.analysis.services.outcomes",
    "seed_reference_data": "napmon.analysis.services.reference",
    "stale_datasets": "napmon.analysis.services.summaries",
    "summarise": "napmon.analysis.services.summaries",
    "summary_totals": "napmon.analysis.services.summaries",
    "update_intervention": "napmon.analysis.services.interventions",
    "year_series": "napmon.analysis.services.outcomes",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "GTI_LABEL",
    "PIPS_LABEL",
    "annual_figures",
    "check_claim_record",
    "check_claims",
    "compare_datasets",
    "data_coverage",
    "ensure_fresh",
    "get_intervention",
    "gti_index",
    "has_events",
    "list_claims",
    "list_interventions",
    "month_series",
    "pips_year_series",
    "province_breakdown",
    "record_intervention_edit",
    "refresh_summaries",
    "run_before_after",
    "run_its",
    "seed_reference_data",
    "stale_datasets",
    "summarise",
    "summary_totals",
    "update_intervention",
    "year_series",
]
