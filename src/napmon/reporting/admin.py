"""Admin for configuring bodies, assignments and rules; reports and the audit log are read-only.

Reports, actions, milestones and funding figures move only through the services (with
their checks, conflict guards and audit entries), so the admin shows them without
letting anyone edit them: change them on the site's pages, the API or the CLI.
Configuration edits made here are written to the audit log too.
"""

from django.contrib import admin

from napmon.core.admin import AuditedModelAdmin
from napmon.core.models import AuditEntry
from napmon.reporting.models import (
    Action,
    Assignment,
    BodyMembership,
    Funding,
    IndicatorRule,
    Milestone,
    Period,
    Report,
    ReportingBody,
    Review,
)

# Every admin create, change and deletion is audited (core.admin.AuditedModelAdmin).
AuditedAdmin = AuditedModelAdmin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0


@admin.register(ReportingBody)
class ReportingBodyAdmin(AuditedAdmin):
    list_display = ["name", "kind", "geography", "approval_levels", "active"]
    list_filter = ["kind", "active"]


@admin.register(BodyMembership)
class BodyMembershipAdmin(AuditedAdmin):
    list_display = ["user", "body"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdmin):
    list_display = ["body", "point", "active"]
    list_filter = ["body", "active"]


@admin.register(IndicatorRule)
class IndicatorRuleAdmin(AuditedAdmin):
    list_display = [
        "indicator",
        "minimum",
        "maximum",
        "whole_number",
        "max_change_pct",
        "soft_change_pct",
    ]


@admin.register(Period)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ["label", "state", "deadline", "locks_on"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["body", "period", "revision", "state", "is_demo"]
    list_filter = ["state", "is_demo", "body"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["label", "state"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["title", "due_date", "done_on", "evidence_url", "report"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "point", "due_date", "status", "published", "is_demo"]
    list_filter = ["status", "published", "is_demo", "body"]
    search_fields = ["title", "description"]
    list_select_related = ["body", "point__version"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "action", "due_date", "done_on"]
    list_filter = ["action__body"]
    search_fields = ["title", "action__title"]
    list_select_related = ["action"]


@admin.register(Funding)
class FundingAdmin(ReadOnlyAdmin):
    list_display = ["point", "kind", "amount", "currency", "fiscal_year", "body", "source"]
    list_filter = ["kind", "currency", "body"]
    list_select_related = ["point__version", "body", "source"]


class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "action"]


# Another app may register the audit log first; either way it must stay read-only.
if not admin.site.is_registered(AuditEntry):
    admin.site.register(AuditEntry, AuditEntryAdmin)
