from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer: set-up that touches every app (``napmon init``, ``napmon demo``).

    Nothing below imports it; it imports the apps it initialises (docs/architecture.md).
    """

    name = "napmon.site"
    label = "napmon_site"
    verbose_name = "NAP Monitor site"

    def ready(self):
        from napmon.core.page_cache import register_warmer
        from napmon.site.warm import warm_public_pages

        register_warmer(warm_public_pages)
