app_name = "councils"
urlpatterns = []
