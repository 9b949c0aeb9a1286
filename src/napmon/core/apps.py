from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "napmon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the system checks and the log-in throttle's signal receivers.
        from napmon.core import checks, throttle  # noqa: F401
