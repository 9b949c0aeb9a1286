from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "napmon.briefs"
    label = "briefs"
    default_auto_field = "django.db.models.BigAutoField"
