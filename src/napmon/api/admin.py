"""Tokens in the admin: visible and revocable through the service, never editable."""

from django.contrib import admin

from napmon.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]

    def has_add_permission(self, request):
        # Tokens are created with `napmon tokens create` or the API so the secret is shown once.
        return False

    def has_change_permission(self, request, obj=None):
        return False
