"""gunicorn settings for `napmon serve` (loaded as ``python:napmon.core.gunicorn_conf``).

Bind address and worker count come from the command line; everything here is
the same for every installation.
"""

from napmon.core.config import env

wsgi_app = "napmon.wsgi:application"
# Long imports run in `napmon worker`, so no request should take this long.
timeout = env("NAPMON_REQUEST_TIMEOUT")
graceful_timeout = 30
keepalive = 5
# The application is loaded once in the master and workers are forked from it, so
# a (re)started worker is ready in milliseconds instead of re-importing Django,
# pandas and the apps.
preload_app = True
# Recycling workers after N requests is off by default: workers reaching N together
# stalled the whole site for seconds under load (benchmarks/load.py). Set
# NAPMON_MAX_REQUESTS to recycle (a wide jitter keeps workers apart).
max_requests = env("NAPMON_MAX_REQUESTS")
max_requests_jitter = max_requests // 2
accesslog = "-"
errorlog = "-"
# JSON lines: napmon.core.logs turns the access atoms into fields.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "napmon.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
