"""Roles, their permissions, and who may see or change which reporting body's records.

Roles are Django groups created idempotently by ``ensure_groups()`` (called from
``reporting.services.seed_reference_data``). Object-level scope: a reporter
belongs to one reporting body (``reporting.BodyMembership``) and may read and edit
that body's reports only; coordinators, reviewers and analysts read every body's.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMIN = "admin"
COORDINATOR = "coordinator"
REPORTER = "reporter"
REVIEWER = "reviewer"
ANALYST = "analyst"
ROLES = (ADMIN, COORDINATOR, REPORTER, REVIEWER, ANALYST)

# Permission strings, "app_label.codename". The reporting ones are declared on
# reporting.Report.Meta.permissions.
SUBMIT = "reporting.submit_report"
REVIEW = "reporting.review_report"
VIEW_ALL = "reporting.view_all_reports"
MANAGE_PERIODS = "reporting.manage_periods"
ASSIGN = "reporting.assign_points"
MANAGE_REVIEWS = "reporting.manage_reviews"
RECORD_RATING = "reporting.record_rating"
REMIND = "reporting.send_reminders"
VIEW_AUDIT = "core.view_auditentry"
VIEW_RESTRICTED = "indicators.view_restricted"
# The monitoring cell and admins load outcome data from the web upload page.
IMPORT_EVENTS = "events.add_importbatch"

GROUP_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ADMIN: (
        SUBMIT,
        REVIEW,
        VIEW_ALL,
        MANAGE_PERIODS,
        ASSIGN,
        MANAGE_REVIEWS,
        RECORD_RATING,
        REMIND,
        VIEW_AUDIT,
        VIEW_RESTRICTED,
        IMPORT_EVENTS,
    ),
    COORDINATOR: (
        VIEW_ALL,
        MANAGE_PERIODS,
        ASSIGN,
        MANAGE_REVIEWS,
        RECORD_RATING,
        REMIND,
        VIEW_RESTRICTED,
        IMPORT_EVENTS,
    ),
    REPORTER: (SUBMIT,),
    REVIEWER: (VIEW_ALL, REVIEW, RECORD_RATING, VIEW_RESTRICTED),
    ANALYST: (VIEW_ALL, VIEW_RESTRICTED),
}


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups() -> dict[str, Group]:
    """Create the role groups and set exactly their permissions (safe to repeat)."""
    groups = {}
    for name, labels in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(label) for label in labels])
        groups[name] = group
    return groups


def has_role(user, role: str) -> bool:
    return bool(user and user.is_authenticated and user.groups.filter(name=role).exists())


def body_of(user):
    """The reporting body a reporter belongs to, or ``None``."""
    if not (user and user.is_authenticated):
        return None
    membership = getattr(user, "reporting_membership", None)
    return membership.body if membership else None


def can_view_body(user, body) -> bool:
    """Whether ``user`` may read the reports of ``body``."""
    if not (user and user.is_authenticated):
        return False
    if user.has_perm(VIEW_ALL):
        return True
    own = body_of(user)
    return own is not None and own.pk == body.pk


def can_edit_body(user, body) -> bool:
    """Whether ``user`` may fill in and submit reports of ``body`` (its own reporters)."""
    if not (user and user.is_authenticated and user.has_perm(SUBMIT)):
        return False
    if user.is_superuser:
        return True
    own = body_of(user)
    return own is not None and own.pk == body.pk


def visible_reports(user, queryset):
    """Restrict a report queryset to those ``user`` may read."""
    if not (user and user.is_authenticated):
        return queryset.none()
    if user.has_perm(VIEW_ALL):
        return queryset
    own = body_of(user)
    return queryset.filter(body=own) if own else queryset.none()
