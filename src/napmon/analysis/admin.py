"""Admin for interventions and claims; every save is written to the audit log."""

from django.contrib import admin

from napmon.analysis.models import Claim, Intervention
from napmon.analysis.services.interventions import EDITABLE, record_intervention_edit
from napmon.core.audit import diff, log_action, snapshot

CLAIM_FIELDS = [
    "text",
    "source_id",
    "locator",
    "subject",
    "kind",
    "stated",
    "precision",
    "old_period",
    "new_period",
    "note",
    "position",
]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ("label", "date", "date_precision", "end_date", "source", "show_on_charts")
    list_filter = ("show_on_charts", "date_precision")
    search_fields = ("label", "description", "key")

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = snapshot(Intervention.objects.get(pk=obj.pk), ["key", *EDITABLE])
        super().save_model(request, obj, form, change)
        record_intervention_edit(obj, before, actor=request.user)

    def delete_model(self, request, obj):
        log_action(
            "analysis.intervention.deleted",
            obj=obj,
            actor=request.user,
            changes=snapshot(obj, ["key", *EDITABLE]),
        )
        super().delete_model(request, obj)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "stated", "old_period", "new_period", "source")
    list_filter = ("kind",)
    search_fields = ("key", "text")

    def save_model(self, request, obj, form, change):
        before = snapshot(Claim.objects.get(pk=obj.pk), CLAIM_FIELDS) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj, CLAIM_FIELDS))
        if changes:
            action = "analysis.claim.updated" if change else "analysis.claim.created"
            log_action(action, obj=obj, actor=request.user, changes=changes)

    def delete_model(self, request, obj):
        log_action(
            "analysis.claim.deleted",
            obj=obj,
            actor=request.user,
            changes=snapshot(obj, CLAIM_FIELDS),
        )
        super().delete_model(request, obj)
