"""Business logic of the analysis app; views, commands and the API call these.

``seed_reference_data`` is called by ``napmon init`` (``core.services.initialise``).
"""

from napmon.analysis.services.claims import check_claim_record, check_claims, list_claims
from napmon.analysis.services.inference import (
    before_after_document,
    caveats,
    comparative_document,
    how_to_read,
    its_document,
    run_its,
    stability_document,
    surge_document,
)
from napmon.analysis.services.interventions import (
    get_intervention,
    list_interventions,
    record_intervention_edit,
    update_intervention,
)
from napmon.analysis.services.outcomes import (
    GTI_LABEL,
    PIPS_LABEL,
    compare_datasets,
    data_coverage,
    gti_index,
    month_series,
    pips_year_series,
    province_breakdown,
    run_before_after,
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
    "before_after_document",
    "comparative_document",
    "caveats",
    "how_to_read",
    "its_document",
    "PIPS_LABEL",
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
    "stability_document",
    "surge_document",
    "stale_datasets",
    "summarise",
    "summary_totals",
    "update_intervention",
    "year_series",
]
