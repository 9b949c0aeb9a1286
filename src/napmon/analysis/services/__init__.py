"""Business logic of the analysis app; views, commands and the API call these.

``seed_reference_data`` is called by ``napmon init`` (``site.services.initialise``).

Names are loaded on first use (PEP 562): importing one light module of this
package (``interventions``, as the admin does at start-up) must not import
pandas through ``outcomes``, or every command would pay for it.
"""

# Which submodule defines each public name; loaded when the name is first read.
_CLAIMS = frozenset(
    {
        "check_claim_record",
        "check_claims",
        "consistency_labels",
        "independent_labels",
        "list_claims",
        "verdict_counts",
    }
)
_INFERENCE = frozenset(
    {
        "before_after_document",
        "caveats",
        "dataset_document",
        "how_to_read",
        "its_document",
        "its_report",
        "run_its",
        "stability_document",
        "surge_document",
    }
)
_COMPARISON = frozenset({"comparative_document", "synthetic_document"})
_INTERVENTIONS = frozenset(
    {"get_intervention", "list_interventions", "record_intervention_edit", "update_intervention"}
)
_OUTCOMES = frozenset(
    {
        "ALL_DATASETS",
        "GTI_LABEL",
        "PIPS_LABEL",
        "PIPS_MEASURE",
        "annual_figures",
        "compare_datasets",
        "dataset_info",
        "default_dataset",
        "gti_index",
        "month_series",
        "one_dataset",
        "pips_year_rows",
        "pips_year_series",
        "province_breakdown",
        "run_before_after",
        "year_series",
    }
)
_REFERENCE = frozenset({"seed_reference_data"})
_SUMMARIES = frozenset(
    {
        "ensure_fresh",
        "has_events",
        "refresh_summaries",
        "stale_datasets",
        "summarise",
        "summary_totals",
    }
)


def __getattr__(name: str):
    # Plain imports a reader and tools can follow, one per submodule (PEP 562).
    if name in _CLAIMS:
        from napmon.analysis.services import claims as module
    elif name in _INFERENCE:
        from napmon.analysis.services import inference as module
    elif name in _COMPARISON:
        from napmon.analysis.services import comparison as module
    elif name in _INTERVENTIONS:
        from napmon.analysis.services import interventions as module
    elif name in _OUTCOMES:
        from napmon.analysis.services import outcomes as module
    elif name in _REFERENCE:
        from napmon.analysis.services import reference as module
    elif name in _SUMMARIES:
        from napmon.analysis.services import summaries as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)


__all__ = [
    "ALL_DATASETS",
    "GTI_LABEL",
    "before_after_document",
    "comparative_document",
    "synthetic_document",
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
