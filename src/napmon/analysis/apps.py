from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "napmon.analysis"
    label = "analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from napmon.analysis.services.summaries import explorer_totals
        from napmon.analysis.signals import connect_event_signals
        from napmon.events.services.summary import register_totals_reader

        connect_event_signals()
        register_totals_reader(explorer_totals)
