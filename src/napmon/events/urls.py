from django.urls import path

from napmon.events import views

app_name = "events"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("import/", views.upload, name="upload"),
]
