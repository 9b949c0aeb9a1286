from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("napmon.core.urls")),
    path("events/", include("napmon.events.urls")),
    path("outcomes/", include("napmon.analysis.urls")),
    path("reporting/", include("napmon.reporting.urls")),
    path("briefs/", include("napmon.briefs.urls")),
    path("", include("napmon.api.urls")),
    path("", include("napmon.web.urls")),
]

handler403 = "napmon.web.views.permission_denied"
handler404 = "napmon.web.views.page_not_found"
handler500 = "napmon.web.views.server_error"
