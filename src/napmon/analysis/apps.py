from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "napmon.analysis"
    label = "analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from napmon.analysis.signals import connect_event_signals

        connect_event_signals()
