"""WSGI entry point used by `napmon serve` (gunicorn).

``/healthz`` is answered here, before Django's middleware, sessions, URL resolver and
templates: one ``SELECT 1`` on the serving thread's own database connection. Under load
a probe then costs the worker almost nothing, and with gthread workers (``NAPMON_THREADS``)
it does not wait for a slow page on another thread to finish (benchmarks/load.py --mixed).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napmon.settings")
django_application = get_wsgi_application()

from napmon.core.health import health_wsgi  # noqa: E402 - needs the settings set up


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in (
        "GET",
        "HEAD",
    ):
        return health_wsgi(environ, start_response)
    return django_application(environ, start_response)


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
    # With what the analyses import inside their functions (to keep the command line
    # light): statsmodels.api alone brings about 600 modules, 0.9 s on a worker's first ITS.
    import ruptures  # noqa: F401
    import statsmodels.api  # noqa: F401
    from scipy import optimize, stats  # noqa: F401
    from statsmodels.stats import diagnostic  # noqa: F401

    from napmon.analysis.compute import before_after, comparative, its, surge  # noqa: F401
    from napmon.analysis.services import outcomes  # noqa: F401


warm_up()
