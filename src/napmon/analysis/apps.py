from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "napmon.analysis"
    label = "analysis"
    default_auto_field = "django.db.models.BigAutoField"
