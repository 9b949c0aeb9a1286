"""gunicorn settings for `napmon serve` (loaded as ``python:napmon.core.gunicorn_conf``).

Bind address and worker count come from the command line; everything here is
the same for every installation.
"""

import os

wsgi_app = "napmon.wsgi:application"
# Long imports run in `napmon worker`, so no request should take this long.
timeout = int(os.environ.get("NAPMON_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks cannot accumulate.
max_requests = 2000
max_requests_jitter = 200
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
