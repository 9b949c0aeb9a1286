"""Admin for configuring bodies, assignments and rules; reports and the audit log are read-only.

Reports move only through the services (with their checks and audit entries), so
the admin shows them without letting anyone edit them. Configuration edits made
here are written to the audit log too.
"""

from django.contrib import admin

from napmon.core.audit import log_action, snapshot
from napmon.core.models import AuditEntry
from napmon.reporting.models import (
    Assignment,
    BodyMembership,
    IndicatorRule,
    Period,
    Report,
    ReportingBody,
    Review,
)


class AuditedAdmin(admin.ModelAdmin):
    """Writes every admin create, change and deletion to the audit log."""

    def save_model(self, request, obj, form, change):
        old = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        action = "changed" if change else "created"
        log_action(
            f"{obj._meta.label_lower}.{action}",
            obj=obj,
            actor=request.user,
            changes={"old": old, "new": snapshot(obj)},
        )

    def delete_model(self, request, obj):
        log_action(
            f"{obj._meta.label_lower}.deleted",
            obj=obj,
            actor=request.user,
            changes={"old": snapshot(obj)},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


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
    list_display = ["name", "kind", "geography", "active"]
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


class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "action"]


# Another app may register the audit log first; either way it must stay read-only.
if not admin.site.is_registered(AuditEntry):
    admin.site.register(AuditEntry, AuditEntryAdmin)
