"""The error raised by the analysis services (summaries, outcomes, claims, interventions)."""

from __future__ import annotations

from napmon.core.errors import NapmonError


class AnalysisError(NapmonError):
    """A summary, outcome analysis, claim check or intervention edit that cannot go ahead.

    ``code`` is stable: ``invalid_grouping``, ``invalid_filter``, ``no_monthly_data``,
    ``not_found``, ``invalid_claim``, ``compute_error`` codes passed through from
    :mod:`napmon.analysis.compute` (``too_few_points``, ``window_beyond_data`` ...).
    """

    default_code = "analysis_error"
