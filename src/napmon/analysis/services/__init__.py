"""Business logic of the analysis app; views, commands and the API call these.

``seed_reference_data`` is called by ``napmon init`` (``site.services.initialise``).

Names are loaded on first use (PEP 562): importing one light module of this
package (``interventions``, as the admin does at start-up) must not import
pandas through ``outcomes``, or every command would pay for it.
"""

from __future__ import annotations

_SOURCES = {
    "check_claim_record": "claims",
    "check_claims": "claims",
    "consistency_labels": "claims",
    "independent_labels": "claims",
    "list_claims": "claims",
    "verdict_counts": "claims",
    "before_after_document": "inference",
    "caveats": "inference",
    "comparative_document": "inference",
    "dataset_document": "inference",
    "how_to_read": "inference",
    "its_document": "inference",
    "its_report": "inference",
    "run_its": "inference",
    "stability_document": "inference",
    "surge_document": "inference",
    "get_intervention": "interventions",
    "list_interventions": "interventions",
    "record_intervention_edit": "interventions",
    "update_intervention": "interventions",
    "ALL_DATASETS": "outcomes",
    "GTI_LABEL": "outcomes",
    "PIPS_LABEL": "outcomes",
    "PIPS_MEASURE": "outcomes",
    "annual_figures": "outcomes",
    "compare_datasets": "outcomes",
    "data_coverage": "outcomes",
    "dataset_info": "outcomes",
    "default_dataset": "outcomes",
    "gti_index": "outcomes",
    "month_series": "outcomes",
    "one_dataset": "outcomes",
    "pips_year_rows": "outcomes",
    "pips_year_series": "outcomes",
    "province_breakdown": "outcomes",
    "run_before_after": "outcomes",
    "year_series": "outcomes",
    "seed_reference_data": "reference",
    "ensure_fresh": "summaries",
    "has_events": "summaries",
    "refresh_summaries": "summaries",
    "stale_datasets": "summaries",
    "summarise": "summaries",
    "summary_totals": "summaries",
}


def _module(name: str):
    """The submodule ``name``, imported on first use (each by an explicit import statement)."""
    if name == "claims":
        from napmon.analysis.services import claims

        return claims
    if name == "inference":
        from napmon.analysis.services import inference

        return inference
    if name == "interventions":
        from napmon.analysis.services import interventions

        return interventions
    if name == "outcomes":
        from napmon.analysis.services import outcomes

        return outcomes
    if name == "reference":
        from napmon.analysis.services import reference

        return reference
    if name == "summaries":
        from napmon.analysis.services import summaries

        return summaries
    raise AttributeError(name)


def __getattr__(name: str):
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_module(source), name)
    globals()[name] = value
    return value


__all__ = [
    "ALL_DATASETS",
    "GTI_LABEL",
    "before_after_document",
    "comparative_document",
    "caveats",
    "dataset_document",
    "how_to_read",
    "its_document",
    "its_report",
    "PIPS_LABEL",
    "PIPS_MEASURE",
    "dataset_info",
    "default_dataset",
    "one_dataset",
    "annual_figures",
    "check_claim_record",
    "check_claims",
    "compare_datasets",
    "consistency_labels",
    "data_coverage",
    "ensure_fresh",
    "get_intervention",
    "gti_index",
    "has_events",
    "independent_labels",
    "list_claims",
    "list_interventions",
    "month_series",
    "pips_year_rows",
    "pips_year_series",
    "province_breakdown",
    "record_intervention_edit",
    "refresh_summaries",
    "run_before_after",
    "run_its",
    "seed_reference_data",
    "stability_document",
    "surge_document",
    "stale_datasets",
    "summarise",
    "summary_totals",
    "update_intervention",
    "verdict_counts",
    "year_series",
]
