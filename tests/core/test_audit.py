import pytest

from napmon.core.audit import log_action
from napmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_changed_or_deleted():
    entry = log_action("test.done", object_type="test", object_id=1, changes={"a": [1, 2]})
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.done"


def test_loading_the_dataset_was_audited():
    loaded = AuditEntry.objects.filter(action="dataset.loaded")
    assert loaded.exists()
    created = AuditEntry.objects.filter(action="indicatorvalue.created").count()
    from napmon.indicators.models import IndicatorValue

    # every loaded value has its creation entry, and there are values to check
    assert created == IndicatorValue.objects.count() > 0
