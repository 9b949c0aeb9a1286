from django.urls import path

from napmon.events import views

app_name = "events"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("import/", views.upload, name="upload"),
    path("import/problems/<int:log_id>/", views.problems, name="problems"),
    path("import/problems/<int:log_id>/problems.csv", views.problems_csv, name="problems-csv"),
]
