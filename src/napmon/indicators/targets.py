"""An indicator's baseline, target and progress status, as the faces show them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from napmon.core import geography
from napmon.indicators.progress import progress_status

STATUS_LABELS = {
    "no_target": gettext_lazy("no target set"),
    "unknown": gettext_lazy("unknown: no value since the baseline"),
    "on_track": gettext_lazy("on track"),
    "off_track": gettext_lazy("off track"),
    "deteriorating": gettext_lazy("deteriorating"),
}


def indicator_progress(indicator, values) -> dict:
    """Baseline, target, their source and the progress status of one indicator.

    ``values`` are the indicator's visible national values (``IndicatorValue``).
    """
    national = [v for v in values if v.geography == geography.NATIONAL]
    latest = max(national, key=lambda v: (v.period_end, v.pk), default=None)
    baseline = (
        (indicator.baseline_year, float(indicator.baseline_value))
        if indicator.baseline_value is not None
        else None
    )
    target = (
        (indicator.target_year, float(indicator.target_value))
        if indicator.target_value is not None
        else None
    )
    result = progress_status(
        baseline, target, (latest.period_end, float(latest.value)) if latest else None
    )
    source = indicator.target_source
    return {
        "baseline_value": float(indicator.baseline_value)
        if indicator.baseline_value is not None
        else None,
        "baseline_year": indicator.baseline_year,
        "target_value": float(indicator.target_value)
        if indicator.target_value is not None
        else None,
        "target_year": indicator.target_year,
        "target_source": source.citation() if source else None,
        "target_reference": indicator.target_reference,
        "status": result.status,
        "status_label": str(STATUS_LABELS[result.status]),
        "status_numbers": result.numbers,
    }
