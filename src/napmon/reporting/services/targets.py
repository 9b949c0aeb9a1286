"""Setting an indicator's baseline and target, and reading its progress status."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import diff, snapshot
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.services._common import audit, require, send_after_commit

FIELDS = [
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "target_source",
    "target_reference",
]


def _check(baseline_value, baseline_year, target_value, target_year, source, reference):
    if target_value is None or target_year is None:
        raise ReportingError(
            _("Give the target value and the year it is due."),
            code="target_required",
            field="target_value" if target_value is None else "target_year",
        )
    if (baseline_value is None) != (baseline_year is None):
        raise ReportingError(
            _("Give both the baseline value and its year, or neither."),
            code="baseline_incomplete",
            field="baseline_year" if baseline_year is None else "baseline_value",
        )
    if baseline_year is not None and target_year <= baseline_year:
        raise ReportingError(
            _("The target year must come after the baseline year."),
            code="invalid_year",
            field="target_year",
        )
    if source is None and not (reference or "").strip():
        raise ReportingError(
            _("Cite the source of the target or the decision that set it."),
            code="source_required",
            field="target_reference",
        )


def set_target(
    indicator,
    *,
    target_value,
    target_year: int,
    baseline_value=None,
    baseline_year: int | None = None,
    source=None,
    reference: str = "",
    actor=None,
):
    """Set an indicator's target (and baseline) with its source or decision reference.

    Raises ``ReportingError``: ``permission_denied`` (coordinators only),
    ``target_required``, ``baseline_incomplete``, ``invalid_year``, ``source_required``.
    """
    require(actor, roles.MANAGE_REVIEWS)
    _check(baseline_value, baseline_year, target_value, target_year, source, reference)
    with transaction.atomic():
        old = snapshot(indicator, FIELDS)
        indicator.baseline_value = None if baseline_value is None else Decimal(baseline_value)
        indicator.baseline_year = baseline_year
        indicator.target_value = Decimal(target_value)
        indicator.target_year = target_year
        indicator.target_source = source
        indicator.target_reference = (reference or "").strip()
        indicator.save(update_fields=FIELDS)
        audit("indicators.target.set", indicator, actor, diff(old, snapshot(indicator, FIELDS)))
        send_after_commit(signals.target_set, type(indicator), instance=indicator, actor=actor)
    return indicator
