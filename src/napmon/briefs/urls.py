from django.urls import path

from napmon.briefs import views

app_name = "briefs"

urlpatterns = [
    path("scorecard.<str:fmt>", views.brief, {"kind": "scorecard"}, name="scorecard"),
    path("review.<str:fmt>", views.brief, {"kind": "review"}, name="review"),
    path("prepare/", views.prepare, name="prepare"),
    path("files/<uuid:task_id>/", views.prepared_file, name="file"),
]
