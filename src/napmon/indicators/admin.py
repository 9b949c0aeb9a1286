from django.contrib import admin

from napmon.core.admin import AuditedModelAdmin
from napmon.indicators.models import Indicator, IndicatorValue, Rating, Source


@admin.register(Source)
class SourceAdmin(AuditedModelAdmin):
    list_display = ("key", "short_label", "publisher", "title", "date", "kind")
    list_filter = ("kind",)
    search_fields = ("key", "publisher", "title")


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = (
        "period_label",
        "precision",
        "period_start",
        "period_end",
        "geography",
        "value",
        "qualifier",
        "source",
        "visibility",
    )


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ("name", "name_ur", "ur_reviewed", "point", "unit", "visibility")
    list_filter = ("ur_reviewed", "unit", "direction", "visibility")
    search_fields = ("name", "name_ur", "slug")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AuditedModelAdmin):
    list_display = ("indicator", "period_label", "geography", "value", "source", "visibility")
    list_filter = ("visibility", "geography", "precision")
    search_fields = ("indicator__name",)


@admin.register(Rating)
class RatingAdmin(AuditedModelAdmin):
    list_display = ("point", "date", "rating", "source", "visibility")
    list_filter = ("rating", "visibility")
