from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/new/", views.area_edit, name="area_create"),
    path("areas/import/", views.area_import, name="area_import"),
    path("areas/export/", views.area_export, name="area_export"),
    path("areas/<int:area_id>/", views.area_detail, name="area_detail"),
    path("areas/<int:area_id>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:area_id>/delete/", views.area_delete, name="area_delete"),
    path("areas/<int:area_id>/population/", views.area_population, name="area_population"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:user_id>/", views.staff_detail, name="staff_detail"),
    path("staff/roles/<int:role_id>/revoke/", views.staff_revoke, name="staff_revoke"),
    path("audit/", views.audit_list, name="audit_list"),
    path("trash/", views.trash, name="trash"),
    path("trash/restore/", views.trash_restore, name="trash_restore"),
]
