"""Schemas of the councils API (django-ninja)."""

import datetime

from ninja import Field, Schema


class CouncilOut(Schema):
    id: int
    name: str
    layer: int
    area: int = Field(..., alias="area_id")
    area_name: str = Field(..., alias="area.name")
    purpose: str
    secretariat: str
    established_on: datetime.date | None
    active: bool
    version: int


class CouncilIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    layer: int = Field(..., ge=1, le=3)
    area: int
    purpose: str = ""
    secretariat: str = Field("", max_length=200)
    established_on: datetime.date | None = None
    active: bool = True


class CouncilPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=150)
    layer: int | None = Field(None, ge=1, le=3)
    area: int | None = None
    purpose: str | None = None
    secretariat: str | None = Field(None, max_length=200)
    established_on: datetime.date | None = None
    active: bool | None = None
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class MemberOut(Schema):
    id: int
    name: str
    reading: str
    organisation: str
    role: str
    term_from: datetime.date | None
    term_to: datetime.date | None
    organization: int | None = Field(None, alias="organization_id")
    user: int | None = Field(None, alias="user_id")
    sort_order: int
    version: int


class MemberIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    reading: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    organization: int | None = None
    role: str = Field("member", pattern="^(chair|vice_chair|member|advisor|secretariat|observer)$")
    term_from: datetime.date | None = None
    term_to: datetime.date | None = None
    user: int | None = None
    sort_order: int = Field(0, ge=0)


class MemberPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    reading: str | None = Field(None, max_length=200)
    organisation: str | None = Field(None, max_length=200)
    role: str | None = Field(None, pattern="^(chair|vice_chair|member|advisor|secretariat|observer)$")
    term_from: datetime.date | None = None
    term_to: datetime.date | None = None
    sort_order: int | None = Field(None, ge=0)
    version: int | None = None


class RelatedBodyOut(Schema):
    id: int
    name: str
    relation: str
    description: str


class RelatedBodyIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    relation: str = Field("reports_to", pattern="^(reports_to|advises|cooperates)$")
    description: str = ""


class SnapshotIn(Schema):
    snapshot_kind: str = Field(..., description="A registered kind, e.g. activities.monthly_report")
    title: str = Field("", max_length=200)


class SnapshotKindOut(Schema):
    code: str
    label: str


class AgendaItemOut(Schema):
    id: int
    order: int
    kind: str
    title: str
    presenter: str
    notes: str
    version: int


class AgendaItemIn(Schema):
    order: int | None = Field(None, ge=1)
    kind: str = Field("report", pattern="^(report|discussion|exchange)$")
    title: str = Field(..., min_length=1, max_length=200)
    presenter: str = Field("", max_length=100)
    notes: str = ""


class AgendaItemPatch(Schema):
    order: int | None = Field(None, ge=1)
    kind: str | None = Field(None, pattern="^(report|discussion|exchange)$")
    title: str | None = Field(None, min_length=1, max_length=200)
    presenter: str | None = Field(None, max_length=100)
    notes: str | None = None
    version: int | None = None


class DecisionOut(Schema):
    id: int
    text: str
    agenda_item: int | None = Field(None, alias="agenda_item_id")
    resource: int | None = Field(None, alias="resource_id")


class DecisionIn(Schema):
    text: str = Field(..., min_length=1)
    agenda_item: int | None = None


class MaterialOut(Schema):
    id: int
    kind: str
    title: str
    agenda_item: int | None = Field(None, alias="agenda_item_id")
    original_name: str
    content_type: str
    size: int
    snapshot_kind: str
    snapshot_data: dict | None
    taken_at: datetime.datetime | None


class MeetingOut(Schema):
    id: int
    council: int = Field(..., alias="council_id")
    fiscal_year: int
    fiscal_year_label: str
    number: int
    date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    place: str
    format: str
    status: str
    attendees: list[int]
    other_attendance: str
    participant_count: int | None
    notice_text: str
    minutes: str
    version: int

    @staticmethod
    def resolve_attendees(obj):
        return [a.pk for a in obj.attendees.all()]


class MeetingDetailOut(MeetingOut):
    agenda_items: list[AgendaItemOut]
    decisions: list[DecisionOut]
    materials: list[MaterialOut]

    @staticmethod
    def resolve_agenda_items(obj):
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_decisions(obj):
        return list(obj.decisions.all())

    @staticmethod
    def resolve_materials(obj):
        return list(obj.materials.all())


class MeetingIn(Schema):
    date: datetime.date
    format: str = Field("in_person", pattern="^(in_person|online|written)$")
    status: str = Field("planned", pattern="^(planned|held|cancelled)$")
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    place: str = Field("", max_length=200)
    attendees: list[int] | None = None
    other_attendance: str = ""
    participant_count: int | None = Field(None, ge=0)
    notice_text: str = ""
    minutes: str = ""


class MeetingPatch(Schema):
    date: datetime.date | None = None
    format: str | None = Field(None, pattern="^(in_person|online|written)$")
    status: str | None = Field(None, pattern="^(planned|held|cancelled)$")
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    place: str | None = Field(None, max_length=200)
    attendees: list[int] | None = None
    other_attendance: str | None = None
    participant_count: int | None = Field(None, ge=0)
    notice_text: str | None = None
    minutes: str | None = None
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class ActionItemOut(Schema):
    id: int
    council: int = Field(..., alias="council_id")
    meeting: int | None = Field(None, alias="meeting_id")
    agenda_item: int | None = Field(None, alias="agenda_item_id")
    decision: int | None = Field(None, alias="decision_id")
    title: str
    description: str
    owner: str
    due_date: datetime.date | None
    status: str
    closed_on: datetime.date | None
    resource: int | None = Field(None, alias="resource_id")
    version: int


class ActionItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    owner: str = Field("", max_length=100)
    due_date: datetime.date | None = None
    status: str = Field("open", pattern="^(open|in_progress|done|dropped)$")
    agenda_item: int | None = None
    decision: int | None = None


class ActionItemPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    owner: str | None = Field(None, max_length=100)
    due_date: datetime.date | None = None
    status: str | None = Field(None, pattern="^(open|in_progress|done|dropped)$")
    version: int | None = None


class ResourceFromActionIn(Schema):
    name: str | None = Field(None, max_length=200)
    description: str | None = None
    close: bool = True


class ResourceRefOut(Schema):
    id: int
    name: str


class HistoryMeetingOut(Schema):
    id: int
    number: int
    date: datetime.date
    format: str
    status: str
    agenda_items: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda_items(obj):
        return list(obj.agenda_items.all())


class HistoryYearOut(Schema):
    fiscal_year: int
    label: str
    meetings: list[HistoryMeetingOut]
