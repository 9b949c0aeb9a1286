"""Models of the analysis app: pre-aggregated event summaries, interventions and claims."""

from napmon.analysis.models.claims import Claim
from napmon.analysis.models.interventions import Intervention
from napmon.analysis.models.summaries import DailySummary, MonthlySummary, SummaryState

__all__ = ["Claim", "DailySummary", "Intervention", "MonthlySummary", "SummaryState"]
