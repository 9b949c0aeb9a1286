from django.contrib import admin

from napmon.core.admin import AuditedModelAdmin
from napmon.plans.models import (
    Agency,
    CrosswalkLink,
    Gap,
    Plan,
    PlanVersion,
    Point,
    PointStatus,
    Theme,
)


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin):
    list_display = ("name", "country", "slug")


@admin.register(PlanVersion)
class PlanVersionAdmin(AuditedModelAdmin):
    list_display = ("plan", "label", "title", "title_ur", "ur_reviewed", "declared_points")
    list_filter = ("ur_reviewed",)


@admin.register(Point)
class PointAdmin(AuditedModelAdmin):
    list_display = ("version", "number", "short_title", "short_title_ur", "ur_reviewed", "category")
    list_filter = ("version", "ur_reviewed", "category", "level", "themes")
    search_fields = ("title", "short_title", "title_ur", "short_title_ur")
    filter_horizontal = ("lead_agencies", "supporting_agencies", "themes")


@admin.register(PointStatus)
class PointStatusAdmin(AuditedModelAdmin):
    list_display = ("point", "status", "date", "source")
    list_filter = ("status",)


@admin.register(CrosswalkLink)
class CrosswalkLinkAdmin(AuditedModelAdmin):
    list_display = ("from_version", "from_point", "relation", "to_version", "to_point", "made_by")
    list_filter = ("relation", "made_by")


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ("name", "short_name", "level")


@admin.register(Theme)
class ThemeAdmin(AuditedModelAdmin):
    list_display = ("name", "slug")


@admin.register(Gap)
class GapAdmin(AuditedModelAdmin):
    list_display = ("version", "theme", "source")
