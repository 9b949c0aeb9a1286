"""URLs of the JSON API, included at the site root.

No ``app_name`` here: django-ninja registers its own namespace (``api-v1``) and
reverses it from the root, which a surrounding namespace would break.
"""

from django.urls import path, re_path

from napmon.api.api import api
from napmon.api.cache import keep_answers
from napmon.api.handlers import method_not_allowed, not_found_view


def _shaped(urls):
    """``api.urls`` with every view's 405 answered in the error shape, and the answers of
    cached endpoints kept (``api.cache``)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = method_not_allowed(keep_answers(pattern.callback))
    return patterns, app_name, namespace


urlpatterns = [
    path("api/v1/", _shaped(api.urls)),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found_view, name="api-not-found"),
]
