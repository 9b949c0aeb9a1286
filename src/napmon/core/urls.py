from django.urls import path

from napmon.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("tasks/<uuid:task_id>/", views.task_progress, name="task-progress"),
    path("tasks/<uuid:task_id>/status.json", views.task_status, name="task-status"),
]
