"""Writing the audit log. Every service that changes data calls ``log_action``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from napmon.core.errors import NapmonError
from napmon.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # 2148 and 2148.0000 are the same figure: compare and record them alike.
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-ready data (for old/new values)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def log_action(
    action: str,
    *,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str | None = None,
    actor=None,
    changes: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log.

    ``action`` is a dotted verb such as ``plans.point.updated``. ``actor`` is a
    user or ``None`` for the system (the CLI, the loader).
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = object_repr or str(obj)[:300]
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        action=action,
        actor=user,
        actor_label=user.get_username() if user else "system",
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        object_repr=(object_repr or "")[:300],
        changes=_plain(changes or {}),
    )


DATA_TYPES = ("plans.", "indicators.", "events.")
# `napmon init` logs "dataset.loaded" on every run, even when nothing changed.
NOT_A_CHANGE = ("dataset.loaded",)


def data_changed_at() -> str:
    """ISO timestamp (UTC, microseconds) of the last change to plan, indicator or event
    data: what dates a release snapshot and a brief ("data as of").

    Raises ``NapmonError`` (no_data) when the audit log records no such change.
    """
    entries = AuditEntry.objects.exclude(action__in=NOT_A_CHANGE)
    stamps = [
        entries.filter(object_type__startswith=prefix)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
        for prefix in DATA_TYPES
    ]
    stamps = [s for s in stamps if s is not None]
    if not stamps:
        raise NapmonError("No data has been loaded; run `napmon init` first.", code="no_data")
    return max(stamps).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
