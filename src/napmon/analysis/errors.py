"""The error raised by the analysis services (summaries, outcomes, claims, interventions)."""

from __future__ import annotations

from napmon.core.errors import NapmonError


class AnalysisError(NapmonError):
    """A summary, outcome analysis, claim check or intervention edit that cannot go ahead.

    ``code`` is stable: ``invalid_grouping``, ``invalid_filter``, ``no_monthly_data``,
    ``not_found``, ``invalid_claim``, ``compute_error`` codes passed through from
    :mod:`napmon.analysis.compute` (``too_few_points``, ``window_beyond_data`` ...).
    ``detail`` is the computation's English sentence when ``message`` could not say it all
    in the reader's language (see :mod:`napmon.analysis.compute_messages`).
    """

    default_code = "analysis_error"
    detail: str | None = None

    @classmethod
    def from_compute(cls, exc, prefix: str | None = None) -> AnalysisError:
        """An AnalysisError for a ``ComputeError``, its message in the active language
        (``prefix``, already translated, names what was being computed)."""
        from napmon.analysis.compute_messages import compute_text

        message, detail = compute_text(exc)
        if prefix:
            message = f"{prefix} {message}"
        error = cls(message, code=exc.code, field=exc.field)
        error.detail = detail
        return error

    def page_text(self):
        """The message as a page shows it (the English detail marked as English)."""
        from napmon.analysis.compute_messages import compute_html

        return compute_html(self.message, self.detail)
