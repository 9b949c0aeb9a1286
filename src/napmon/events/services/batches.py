"""Rolling back an import batch."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from napmon.core.audit import log_action
from napmon.events import signals
from napmon.events.errors import EventImportError
from napmon.events.models import AnnualFigure, Event, ImportBatch, RecordRevision

MODELS = {"event": Event, "annual": AnnualFigure}


def _restore(batch: ImportBatch) -> int:
    restored = 0
    for revision in RecordRevision.objects.filter(batch=batch).order_by("-pk"):
        model = MODELS[revision.model]
        obj = model.objects.get(pk=revision.object_id)
        for name, value in revision.previous.items():
            # get_field also knows attnames such as province_id.
            setattr(obj, name, model._meta.get_field(name).to_python(value))
        obj.save(update_fields=list(revision.previous))
        restored += 1
    RecordRevision.objects.filter(batch=batch).delete()
    return restored


def rollback_batch(batch_id: int, *, user=None) -> dict[str, int]:
    """Undo an import batch atomically and write an audit entry.

    Deletes the records the batch created, restores the values of the records
    it updated and reactivates those it retired; the batch itself stays, marked
    rolled back. Returns the counts. Raises ``EventImportError`` with code
    ``not_found``, ``already_rolled_back``, or ``batch_superseded`` when a later
    batch changed the same dataset (roll that one back first).
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            raise EventImportError(
                f"There is no import batch {batch_id}.", code="not_found", field="batch"
            )
        if batch.status == ImportBatch.Status.ROLLED_BACK:
            raise EventImportError(
                f"Batch {batch_id} was already rolled back.",
                code="already_rolled_back",
                field="batch",
            )
        later = (
            ImportBatch.objects.filter(
                dataset=batch.dataset, pk__gt=batch.pk, status=ImportBatch.Status.IMPORTED
            )
            .filter(Q(rows_imported__gt=0) | Q(rows_updated__gt=0) | Q(rows_retired__gt=0))
            .order_by("-pk")
            .first()
        )
        if later is not None:
            raise EventImportError(
                f"Batch {later.pk} changed dataset '{batch.dataset}' after batch {batch_id}; "
                f"roll back batch {later.pk} first.",
                code="batch_superseded",
                field="batch",
            )
        counts = {
            "deleted": Event.objects.filter(batch=batch).delete()[1].get("events.Event", 0)
            + AnnualFigure.objects.filter(batch=batch).delete()[0],
            "restored": _restore(batch),
            "reactivated": Event.objects.filter(retired_by=batch).update(
                status=Event.Status.ACTIVE, retired_at=None, retired_by=None
            ),
        }
        batch.status = ImportBatch.Status.ROLLED_BACK
        batch.rolled_back_at = timezone.now()
        batch.save(update_fields=["status", "rolled_back_at"])
        log_action("events.batch.rolled_back", obj=batch, actor=user, changes=counts)
        transaction.on_commit(
            lambda: signals.batch_rolled_back.send(sender=ImportBatch, batch=batch)
        )
    return counts
