"""Helpers shared by the reporting services: permission checks, signals, state moves."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import log_action
from napmon.reporting.errors import ReportingError


def require(user, permission: str) -> None:
    """Raise ``ReportingError('permission_denied')`` unless ``user`` has ``permission``.

    ``user`` ``None`` is the system (CLI, cron), which may do everything.
    """
    if user is None:
        return
    if not (user.is_authenticated and user.has_perm(permission)):
        raise ReportingError(_("You do not have permission to do this."), code="permission_denied")


def require_body(user, body, *, edit: bool) -> None:
    """Raise unless ``user`` may read (or, with ``edit``, change) ``body``'s reports."""
    if user is None:
        return
    allowed = roles.can_edit_body(user, body) if edit else roles.can_view_body(user, body)
    if not allowed:
        raise ReportingError(
            _("You may only work on the reports of your own reporting body."),
            code="permission_denied",
        )


def send_after_commit(signal, sender, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))


def move_state(obj, from_states, to_state, *, expected_version=None, **fields) -> None:
    """Move ``obj`` to ``to_state`` only if nobody changed it since it was read.

    A conditional UPDATE (WHERE state IN from_states AND version = expected)
    makes concurrent moves safe: the second one updates no row and gets a
    ``conflict`` error instead of silently overwriting the first.
    """
    version = obj.version if expected_version is None else int(expected_version)
    model = type(obj)
    updated = model.objects.filter(pk=obj.pk, state__in=from_states, version=version).update(
        state=to_state, version=F("version") + 1, **fields
    )
    if not updated:
        current = model.objects.filter(pk=obj.pk).values("state", "version").first() or {}
        if current.get("version") != version:
            raise ReportingError(
                _(
                    "Someone else changed this record while you were looking at it "
                    "(it is now %(state)s). Reload the page and check it again."
                )
                % {"state": current.get("state", "?")},
                code="conflict",
            )
        raise ReportingError(
            _("This cannot be done while the record is %(state)s.")
            % {"state": current.get("state", "?")},
            code="invalid_state",
        )
    obj.refresh_from_db()


def lock_unchanged(obj, expected_version, message: str):
    """Lock ``obj``'s row and return it, unless someone saved it since it was read.

    The one optimistic-concurrency rule of actions, milestones and funding figures: the
    version the caller read (``expected_version``, or ``obj.version`` when not given) must
    still be the row's, or ``ReportingError('conflict')`` with ``message`` is raised and
    nothing is written. Call it inside ``transaction.atomic``; save the change with
    ``save_new_version``. The conflict message ends by naming the record, the version
    read and the current one, so every face (form, API 409, CLI) says the same.
    """
    version = obj.version if expected_version is None else int(expected_version)
    locked = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if locked is None:
        raise ReportingError(
            _("Someone else removed this while you were looking at it. Reload the page."),
            code="conflict",
        )
    if locked.version != version:
        raise ReportingError(f"{message} {_stale(locked, version)}", code="conflict")
    return locked


def _stale(record, expected: int) -> str:
    """Which record, the version the caller read and the one it has now (for the conflict)."""
    return _("%(record)s %(id)s: you read version %(expected)s, it is now version %(current)s.") % {
        "record": capfirst(record._meta.verbose_name),
        "id": record.pk,
        "expected": expected,
        "current": record.version,
    }


def save_new_version(obj) -> None:
    """Save ``obj`` one version up (the counter ``lock_unchanged`` compares)."""
    obj.version = F("version") + 1
    obj.save()
    obj.refresh_from_db(fields=["version"])


def audit(action: str, obj, actor, changes: dict | None = None) -> None:
    log_action(action, obj=obj, actor=actor, changes=changes or {})
