from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.record_list, name="record_list"),
    path("new/", views.record_form, name="record_new"),
    path("me/", views.my_work, name="my_work"),
    path("import/", views.record_import, name="record_import"),
    path("<int:record_id>/", views.record_detail, name="record_detail"),
    path("<int:record_id>/edit/", views.record_form, name="record_edit"),
    path("<int:record_id>/delete/", views.record_delete, name="record_delete"),
    path("<int:record_id>/follow-up/", views.follow_up_done, name="follow_up_done"),
    path("reports/monthly/", views.monthly_report, name="monthly_report"),
    path("reports/annual/", views.annual_report, name="annual_report"),
    path("kinds/", views.kind_list, name="kind_list"),
    path("kinds/new/", views.kind_form, name="kind_new"),
    path("kinds/<int:kind_id>/", views.kind_form, name="kind_edit"),
]
