"""Admin pieces shared by the apps: every change made in the admin is audited."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from napmon.core import two_factor
from napmon.core.audit import diff, log_action, snapshot
from napmon.core.models import AuditEntry, TwoFactorDevice


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin that writes an audit entry for each create, change and deletion."""

    def save_model(self, request, obj, form, change):
        old = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        kind = obj._meta.model_name
        if change:
            changes = diff(old, snapshot(obj))
            if changes:
                log_action(f"{kind}.updated", obj=obj, actor=request.user, changes=changes)
        else:
            log_action(
                f"{kind}.created", obj=obj, actor=request.user, changes={"new": snapshot(obj)}
            )

    def save_formset(self, request, form, formset, change):
        """Inline rows (aliases, relations, members) are audited like the record itself."""
        super().save_formset(request, form, formset, change)
        user = request.user
        for obj in formset.new_objects:
            name = obj._meta.model_name
            log_action(f"{name}.created", obj=obj, actor=user, changes={"new": snapshot(obj)})
        for obj, fields in formset.changed_objects:
            name = obj._meta.model_name
            changes = {"fields": list(fields), "new": snapshot(obj)}
            log_action(f"{name}.updated", obj=obj, actor=user, changes=changes)
        for obj in formset.deleted_objects:
            name = obj._meta.model_name
            log_action(f"{name}.deleted", obj=obj, actor=user, changes={"old": snapshot(obj)})

    def delete_model(self, request, obj):
        log_action(
            f"{obj._meta.model_name}.deleted",
            obj=obj,
            actor=request.user,
            changes={"old": snapshot(obj)},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log cannot be edited or deleted through the admin."""

    list_display = ("timestamp", "actor_label", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor_label", "action")
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """Read-only list of who has two-factor log-in (never the secret); the one change is the
    audited reset action (``two_factor.reset``), for a user who lost their phone."""

    list_display = ("user", "confirmed_at")
    fields = ("user", "confirmed_at")
    search_fields = ("user__username",)
    actions = ["reset_two_factor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_reset_permission(self, request):
        return request.user.has_perm("core.delete_twofactordevice")

    @admin.action(permissions=["reset"], description=_("Reset two-factor log-in (lost phone)"))
    def reset_two_factor(self, request, queryset):
        users = [device.user for device in queryset.select_related("user")]
        for user in users:
            two_factor.reset(user, actor=request.user, reason="admin")
        message = ngettext(
            "Two-factor log-in of %(n)d user was reset.",
            "Two-factor log-in of %(n)d users was reset.",
            len(users),
        ) % {"n": len(users)}
        self.message_user(request, message, messages.SUCCESS)
