from django.urls import path

from .views import public

app_name = "public"
urlpatterns = [
    path("", public.home, name="home"),
    path("r/<uuid:public_id>/", public.resource, name="resource"),
    path("map.pdf", public.map_sheet, name="map_pdf"),
]
