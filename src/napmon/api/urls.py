"""URLs of the JSON API, included at the site root.

No ``app_name`` here: django-ninja registers its own namespace (``api-v1``) and
reverses it from the root, which a surrounding namespace would break.
"""

from django.urls import path, re_path

from napmon.api.api import api
from napmon.api.handlers import not_found_view

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", not_found_view, name="api-not-found"),
]
