from django.urls import path

from napmon.analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.outcomes_page, name="outcomes"),
    path("claims/", views.claims_page, name="claims"),
    path("index/", views.index_page, name="index"),
    path("map/", views.map_page, name="map"),
    path("comparison/", views.comparison_page, name="comparison"),
]
