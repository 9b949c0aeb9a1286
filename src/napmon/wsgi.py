"""WSGI entry point used by `napmon serve` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napmon.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Import what the first requests would otherwise import, once, before workers fork.

    gunicorn preloads this module in its master (``preload_app``), so every worker
    starts with the URLconf (the API: ninja, pydantic), the views and the analysis
    libraries (pandas, SciPy, statsmodels) already imported: the first /outcomes/ hit
    of a fresh worker took 12-19 s when each worker imported them on its first request.
    The command line never imports this module and stays light.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - resolving imports every view module
    from napmon.analysis.compute import before_after, comparative, its, surge  # noqa: F401
    from napmon.analysis.services import outcomes  # noqa: F401


warm_up()
