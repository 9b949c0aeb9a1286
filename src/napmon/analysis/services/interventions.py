"""Interventions: listing them as break points and editing them (audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.models import Intervention
from napmon.core.audit import diff, log_action, snapshot

EDITABLE = (
    "label",
    "description",
    "date",
    "date_precision",
    "end_date",
    "end_precision",
    "source_id",
    "show_on_charts",
)


def list_interventions(*, charts_only: bool = False) -> list[Intervention]:
    """Interventions in date order (only those drawn on charts when ``charts_only``)."""
    query = Intervention.objects.select_related("source")
    if charts_only:
        query = query.filter(show_on_charts=True)
    return list(query)


def get_intervention(key: str) -> Intervention:
    """The intervention with ``key``; raises AnalysisError ``not_found``."""
    found = Intervention.objects.select_related("source").filter(key=key).first()
    if found is None:
        keys = ", ".join(Intervention.objects.values_list("key", flat=True))
        raise AnalysisError(
            _("There is no intervention '%(key)s'; known: %(keys)s.") % {"key": key, "keys": keys},
            code="not_found",
            field="intervention",
        )
    return found


def _check(obj: Intervention) -> None:
    if obj.end_date and obj.end_date < obj.date:
        raise AnalysisError(
            _("The end date is before the start date."), code="invalid_dates", field="end_date"
        )
    if not obj.label.strip():
        raise AnalysisError(
            _("An intervention needs a label."), code="invalid_label", field="label"
        )


def update_intervention(key: str, *, actor=None, **changes) -> Intervention:
    """Change the fields of an intervention and write an audit entry with old and new values.

    Accepts the fields in ``EDITABLE``. Raises AnalysisError ``not_found``,
    ``invalid_field``, ``invalid_dates`` or ``invalid_label``.
    """
    bad = sorted(set(changes) - set(EDITABLE))
    if bad:
        raise AnalysisError(
            _("Cannot change %(fields)s.") % {"fields": ", ".join(bad)},
            code="invalid_field",
            field=bad[0],
        )
    with transaction.atomic():
        obj = get_intervention(key)
        before = snapshot(obj, list(EDITABLE))
        for name, value in changes.items():
            setattr(obj, name, value)
        _check(obj)
        obj.save()
        changed = diff(before, snapshot(obj, list(EDITABLE)))
        if changed:
            log_action("analysis.intervention.updated", obj=obj, actor=actor, changes=changed)
    return obj


def record_intervention_edit(obj: Intervention, before: dict | None, *, actor=None) -> None:
    """Audit an intervention saved elsewhere (the admin): created, or the fields changed."""
    after = snapshot(obj, ["key", *EDITABLE])
    if before is None:
        log_action("analysis.intervention.created", obj=obj, actor=actor, changes=after)
        return
    changed = diff(before, after)
    if changed:
        log_action("analysis.intervention.updated", obj=obj, actor=actor, changes=changed)
