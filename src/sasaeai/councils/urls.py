from django.urls import path

from .views import councils as c
from .views import documents as d
from .views import meetings as m

app_name = "councils"
urlpatterns = [
    path("", c.council_list, name="council_list"),
    path("new/", c.council_edit, name="council_create"),
    path("calendar/", d.calendar, name="calendar"),
    path("calendar.ics", d.calendar_ics, name="calendar_ics"),
    path("<int:pk>/", c.council_detail, name="council_detail"),
    path("<int:pk>/edit/", c.council_edit, name="council_edit"),
    path("<int:pk>/delete/", c.council_delete, name="council_delete"),
    path("<int:pk>/members/print/", c.members_print, name="members_print"),
    path("<int:pk>/members.pdf", d.members_pdf, name="members_pdf"),
    path("<int:pk>/members/new/", c.member_edit, name="member_create"),
    path("members/<int:member_id>/edit/", c.member_edit, name="member_edit"),
    path("members/<int:member_id>/delete/", c.member_delete, name="member_delete"),
    path("<int:pk>/bodies/new/", c.body_create, name="body_create"),
    path("bodies/<int:body_id>/delete/", c.body_delete, name="body_delete"),
    path("<int:pk>/history/", d.agenda_history, name="agenda_history"),
    path("<int:pk>/history/export/", d.agenda_history_export, name="agenda_history_export"),
    path("<int:pk>/actions/", m.action_list, name="action_list"),
    path("<int:pk>/actions/new/", m.action_edit, name="action_create"),
    path("actions/<int:action_id>/edit/", m.action_edit, name="action_edit"),
    path("actions/<int:action_id>/resource/", m.action_to_resource, name="action_to_resource"),
    path("<int:pk>/meetings/new/", m.meeting_edit, name="meeting_create"),
    path("meetings/<int:meeting_id>/", m.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", m.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/delete/", m.meeting_delete, name="meeting_delete"),
    path("meetings/<int:meeting_id>/notice.pdf", d.notice_pdf, name="notice_pdf"),
    path("meetings/<int:meeting_id>/minutes.pdf", d.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting_id>/agenda/new/", m.agenda_edit, name="agenda_create"),
    path("agenda/<int:item_id>/edit/", m.agenda_edit, name="agenda_edit"),
    path("agenda/<int:item_id>/delete/", m.agenda_delete, name="agenda_delete"),
    path("meetings/<int:meeting_id>/decisions/new/", m.decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/delete/", m.decision_delete, name="decision_delete"),
    path("decisions/<int:decision_id>/resource/", m.decision_to_resource, name="decision_to_resource"),
    path("meetings/<int:meeting_id>/materials/upload/", d.material_upload, name="material_upload"),
    path("meetings/<int:meeting_id>/materials/snapshot/", d.snapshot_create, name="snapshot_create"),
    path("materials/<int:material_id>/", d.material_view, name="material_view"),
    path("materials/<int:material_id>/delete/", d.material_delete, name="material_delete"),
]
