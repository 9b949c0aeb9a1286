"""WSGI entry point used by `napmon serve` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napmon.settings")
application = get_wsgi_application()
