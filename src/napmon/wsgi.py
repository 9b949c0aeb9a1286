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
