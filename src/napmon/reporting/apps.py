from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "napmon.reporting"
    label = "reporting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from napmon.reporting import signals
        from napmon.reporting.services import notices

        signals.report_returned.connect(notices.on_report_returned, dispatch_uid="notice_returned")
        signals.report_approved.connect(notices.on_report_approved, dispatch_uid="notice_approved")
