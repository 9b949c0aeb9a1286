"""Business logic of the analysis app; views, commands and the API call these.

``seed_reference_data`` is called by ``napmon init`` (``core.services.initialise``).
"""

from napmon.analysis.services.claims import check_claim_record, check_claims, list_claims
from napmon.analysis.services.interventions import (
    get_intervention,
    list_interventions,
    record_intervention_edit,
    update_intervention,
)
from napmon.analysis.services.outcomes import (
    GTI_LABEL,
    PIPS_LABEL,
    annual_figures,
    compare_datasets,
    data_coverage,
    gti_index,
    month_series,
    pips_year_series,
    province_breakdown,
    run_before_after,
    run_its,
    year_series,
)
from napmon.analysis.services.reference import seed_reference_data
from napmon.analysis.services.summaries import (
    ensure_fresh,
    has_events,
    refresh_summaries,
    stale_datasets,
    summarise,
    summary_totals,
)

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
