from django.urls import path

from .views import organizations, resources

app_name = "directory"
urlpatterns = [
    path("", resources.resource_list, name="resource_list"),
    path("resources/new/", resources.resource_create, name="resource_create"),
    path("resources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/verify/", resources.resource_verify, name="resource_verify"),
    path("resources/<int:pk>/delete/", resources.resource_delete, name="resource_delete"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_edit, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/delete/", organizations.organization_delete, name="organization_delete"),
    path("places/", organizations.place_list, name="place_list"),
    path("places/new/", organizations.place_edit, name="place_create"),
    path("places/<int:pk>/", organizations.place_detail, name="place_detail"),
    path("places/<int:pk>/edit/", organizations.place_edit, name="place_edit"),
    path("lists/", organizations.lists, name="lists"),
]

from .views import transfer  # noqa: E402

urlpatterns += [
    path("transfer/", transfer.transfer_page, name="transfer"),
    path("import/", transfer.import_view, name="import"),
    path("export/", transfer.export_view, name="export"),
    path("map.pdf", transfer.map_pdf, name="map_pdf"),
    path("hsds.json", transfer.hsds_export, name="hsds_export"),
]
