"""Reference data of the reporting cycle (roles, bodies) and assigning points to bodies."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.core.audit import log_action, snapshot
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment, ReportingBody
from napmon.reporting.services._common import audit, require
from napmon.reporting.services.funding import seed_funding

K = ReportingBody.Kind
BODIES = (
    ("punjab", "Punjab Provincial Implementation Committee", K.PROVINCIAL, "PK-PB"),
    ("sindh", "Sindh Provincial Implementation Committee", K.PROVINCIAL, "PK-SD"),
    (
        "khyber-pakhtunkhwa",
        "Khyber Pakhtunkhwa Provincial Implementation Committee",
        K.PROVINCIAL,
        "PK-KP",
    ),
    ("balochistan", "Balochistan Provincial Implementation Committee", K.PROVINCIAL, "PK-BA"),
    ("gilgit-baltistan", "Gilgit-Baltistan Implementation Committee", K.TERRITORIAL, "PK-GB"),
    (
        "azad-jammu-kashmir",
        "Azad Jammu and Kashmir Implementation Committee",
        K.TERRITORIAL,
        "PK-JK",
    ),
    ("islamabad", "Islamabad Capital Territory Implementation Committee", K.TERRITORIAL, "PK-IS"),
    ("ministry-of-interior", "Ministry of Interior", K.FEDERAL, "PK"),
)


def seed_reference_data() -> None:
    """Create the role groups, the standard reporting bodies and the seed documents' funding
    figures (idempotent, no assignments)."""
    with transaction.atomic():
        roles.ensure_groups()
        for slug, name, kind, code in BODIES:
            body, created = ReportingBody.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "geography": code}
            )
            if created:
                log_action("reporting.body.created", obj=body, changes={"new": snapshot(body)})
    seed_funding()


def assign_point(body, point, *, actor=None) -> Assignment:
    """Make ``body`` report on ``point`` (reactivating an earlier assignment).

    Raises ``ReportingError('permission_denied')``.
    """
    require(actor, roles.ASSIGN)
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(body=body, point=point)
        if created:
            audit("reporting.assignment.created", assignment, actor, {"new": snapshot(assignment)})
        elif not assignment.active:
            assignment.active = True
            assignment.save(update_fields=["active"])
            audit("reporting.assignment.changed", assignment, actor, {"active": [False, True]})
    return assignment


def unassign_point(assignment: Assignment, *, actor=None) -> None:
    """Stop an assignment (kept, inactive, so past reports still name it).

    Raises ``ReportingError``: ``permission_denied``, ``invalid_state`` (already inactive).
    """
    require(actor, roles.ASSIGN)
    if not assignment.active:
        raise ReportingError(_("This assignment has already ended."), code="invalid_state")
    with transaction.atomic():
        assignment.active = False
        assignment.save(update_fields=["active"])
        audit("reporting.assignment.changed", assignment, actor, {"active": [True, False]})
