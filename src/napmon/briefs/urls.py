app_name = "briefs"

urlpatterns: list = []
