"""On PostgreSQL the database itself refuses to change or delete audit entries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction

from napmon.core.audit import log_action
from napmon.core.models import AuditEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
    ),
]


def raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_update_and_delete_are_refused():
    entry = log_action("test.done", object_type="test", object_id=1)
    with pytest.raises(IntegrityError, match="append-only"):
        raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["tampered", entry.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    # Bypassing the model's own guard does not help either.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk)._raw_delete(connection.alias)
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.done"


def test_deleting_a_user_keeps_their_entries_with_the_name():
    user = get_user_model().objects.create_user("leaver", password="pw-leaver-123456")
    entry = log_action("test.done", object_type="test", actor=user)
    user.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert (kept.actor_id, kept.actor_label) == (None, "leaver")
    # Clearing the actor is the one change allowed, and only on its own.
    with pytest.raises(IntegrityError):
        raw(
            "UPDATE core_auditentry SET actor_id = NULL, actor_label = %s WHERE id = %s",
            ["someone else", entry.pk],
        )
