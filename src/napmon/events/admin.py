"""Admin for the reference data (gazetteer, actors) and read-mostly views of imports."""

from django.contrib import admin

from napmon.core.admin import AuditedModelAdmin
from napmon.events.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    AdminUnit,
    AnnualFigure,
    CandidateMatch,
    Dataset,
    District,
    DistrictAlias,
    Event,
    ImportBatch,
    UnitAlias,
)


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["alias"]
    extra = 1


@admin.register(AdminUnit)
class AdminUnitAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "valid_until", "successor"]
    inlines = [UnitAliasInline]


class DistrictAliasInline(admin.TabularInline):
    model = DistrictAlias
    fields = ["alias"]
    extra = 1


@admin.register(District)
class DistrictAdmin(AuditedModelAdmin):
    """Districts and their aliases: map a name `napmon events districts` lists here."""

    list_display = ["name", "province", "former_unit"]
    list_filter = ["province"]
    search_fields = ["name", "aliases__alias"]
    inlines = [DistrictAliasInline]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["alias"]
    extra = 1


class ActorRelationInline(admin.TabularInline):
    model = ActorRelation
    fk_name = "subject"
    extra = 0


@admin.register(Actor)
class ActorAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "proscribed_on", "proscribed_precision"]
    search_fields = ["name", "short_name", "aliases__alias"]
    inlines = [ActorAliasInline, ActorRelationInline]


@admin.register(Dataset)
class DatasetAdmin(AuditedModelAdmin):
    list_display = ["name", "format", "licence_tier"]
    list_filter = ["licence_tier"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Batches are written by imports and undone by rollback, never edited by hand."""

    list_display = [
        "pk",
        "created_at",
        "dataset",
        "format",
        "file_name",
        "status",
        "rows_imported",
        "rows_updated",
        "rows_retired",
        "rows_skipped",
    ]
    list_filter = ["status", "format", "dataset"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = ["date", "dataset", "key", "province", "event_type", "actor", "killed", "status"]
    list_filter = ["dataset", "status", "event_type", "province"]
    search_fields = ["key", "summary", "perpetrator_name", "city"]
    list_select_related = ["dataset", "province", "actor"]
    raw_id_fields = ["batch", "retired_by"]

    def has_add_permission(self, request):
        return False


@admin.register(AnnualFigure)
class AnnualFigureAdmin(AuditedModelAdmin):
    list_display = ["year", "region", "measure", "value", "dataset"]
    list_filter = ["dataset", "measure"]


@admin.register(CandidateMatch)
class CandidateMatchAdmin(AuditedModelAdmin):
    list_display = ["pk", "left", "right", "score", "status"]
    list_filter = ["status"]
    raw_id_fields = ["left", "right"]
