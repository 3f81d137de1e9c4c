"""Activity records, kinds and reports over the API, with the same services and permissions as the pages."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from sasaeai.core import permissions as perms
from sasaeai.core.api_support import HistoryOut, history_out, require
from sasaeai.core.fiscal import current_fiscal_year
from sasaeai.core.history import history_entries
from sasaeai.core.models import Area
from sasaeai.directory.models import Resource

from . import services
from .access import get_visible_record, visible_records
from .services.records import users_by_id

router = Router(tags=["activities"])


class KindOut(Schema):
    id: int
    code: str
    label: str
    unit: str
    order: int
    is_active: bool


class RecordOut(Schema):
    id: int
    date: datetime.date
    start_time: datetime.time | None
    duration_minutes: int | None
    kind: str = Field(..., alias="kind.code")
    kind_label: str = Field(..., alias="kind.label")
    area: int | None = Field(None, alias="area_id")
    coordinators: list[int]
    met_with: str
    participants: int | None
    summary: str
    follow_up_on: datetime.date | None
    follow_up_note: str
    follow_up_done: bool
    source_key: str
    fiscal_year: int
    version: int

    resources: list[int]

    @staticmethod
    def resolve_coordinators(obj):
        return sorted(link.user_id for link in obj.coordinator_links.all())

    @staticmethod
    def resolve_resources(obj):
        return sorted(link.resource_id for link in obj.resource_links.all())


class RecordIn(Schema):
    date: datetime.datetime | datetime.date = Field(
        ..., description="YYYY-MM-DD, or a time stamp (counted on its Asia/Tokyo calendar day)"
    )
    kind: str = Field(..., min_length=1, max_length=50, description="The kind's code, e.g. visit")
    area: int | None = None
    start_time: datetime.time | None = None
    duration_minutes: int | None = Field(None, ge=0, le=1440)
    coordinators: list[int] | None = Field(None, description="User ids; the caller when omitted")
    resources: list[int] | None = Field(None, description="Ids of directory resources the activity was about")
    met_with: str = Field("", max_length=2000)
    participants: int | None = Field(None, ge=0)
    summary: str = Field("", max_length=10000)
    follow_up_on: datetime.date | None = None
    follow_up_note: str = Field("", max_length=200)
    follow_up_done: bool = False


class RecordPatch(Schema):
    date: datetime.datetime | datetime.date | None = None
    kind: str | None = Field(None, min_length=1, max_length=50)
    area: int | None = None
    start_time: datetime.time | None = None
    duration_minutes: int | None = Field(None, ge=0, le=1440)
    coordinators: list[int] | None = None
    resources: list[int] | None = None
    met_with: str | None = Field(None, max_length=2000)
    participants: int | None = Field(None, ge=0)
    summary: str | None = Field(None, max_length=10000)
    follow_up_on: datetime.date | None = None
    follow_up_note: str | None = Field(None, max_length=200)
    follow_up_done: bool | None = None
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class ReportRowOut(Schema):
    kind: str
    label: str
    unit: str
    months: list[int] = Field(..., description="Twelve counts, April first")
    total: int


class MonthlyReportOut(Schema):
    fiscal_year: int
    era_label: str
    rows: list[ReportRowOut]


class SectionOut(Schema):
    key: str
    title: str
    headers: list[str]
    rows: list[list[str | int | None]]
    note: str


class AnnualReportOut(Schema):
    fiscal_year: int
    era_label: str
    monthly: MonthlyReportOut
    sections: list[SectionOut]


class ReportFilters(Schema):
    fiscal_year: int | None = Field(None, ge=1989, le=2200, description="Defaults to the current fiscal year")
    area: int | None = Field(None, description="Count this area and everything below it")
    coordinator: int | None = Field(None, description="A user id")
    layer: int | None = Field(None, ge=1, le=3)


def _payload_to_data(request, payload: dict) -> dict:
    data = dict(payload)
    if "area" in data:
        data["area"] = services.records.area_in(request.municipality, data["area"])
    if data.get("coordinators") is not None:
        ids = data["coordinators"]
        users = users_by_id(ids)
        if len(users) != len(set(ids)):
            raise HttpError(422, _("One of the coordinators does not exist."))
        data["coordinators"] = users
    if data.get("resources") is not None:
        ids = set(data["resources"])
        resources = list(Resource.objects.filter(pk__in=ids))
        if len(resources) != len(ids):
            raise HttpError(422, _("One of the resources does not exist."))
        data["resources"] = resources
    return data


@router.get(
    "/activity-kinds", response=list[KindOut], summary="Kinds of activity (rows of the monthly report)"
)
def list_kinds(request, code: Path[str]):
    require(request, perms.ACTIVITIES_VIEW)
    return services.kinds_for(request.municipality, active_only=False)


@router.get(
    "/activities", response=list[RecordOut], summary="Activity records the caller may see, newest first"
)
@paginate(LimitOffsetPagination)
def list_records(
    request,
    code: Path[str],
    fiscal_year: int | None = None,
    kind: str | None = None,
    area: int | None = None,
    coordinator: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
):
    require(request, perms.ACTIVITIES_VIEW)
    qs = (
        visible_records(request.access)
        .select_related("kind", "area")
        .prefetch_related("coordinator_links", "resource_links")
    )
    if fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    if kind:
        qs = qs.filter(kind__code=kind)
    if area is not None:
        target = get_object_or_404(Area, pk=area)
        qs = qs.filter(area__path__startswith=target.path)
    if coordinator is not None:
        qs = qs.filter(coordinator_links__user_id=coordinator)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs


@router.post("/activities", response={201: RecordOut}, summary="Record an activity")
def create_record(request, code: Path[str], payload: RecordIn):
    require(request, perms.ACTIVITIES_CHANGE)
    data = _payload_to_data(request, payload.dict())
    record = services.create_record(request.municipality, data, actor=request.user, access=request.access)
    return Status(201, record)


@router.get("/activities/{record_id}", response=RecordOut)
def get_record(request, code: Path[str], record_id: int):
    require(request, perms.ACTIVITIES_VIEW)
    return get_visible_record(request.access, record_id)


@router.patch("/activities/{record_id}", response=RecordOut, summary="Change a record (send `version`)")
def update_record(request, code: Path[str], record_id: int, payload: RecordPatch):
    require(request, perms.ACTIVITIES_CHANGE)
    record = get_visible_record(request.access, record_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    data = _payload_to_data(request, data)
    return services.update_record(
        record, data, actor=request.user, access=request.access, expected_version=version
    )


@router.delete("/activities/{record_id}", response={204: None})
def delete_record(request, code: Path[str], record_id: int):
    require(request, perms.ACTIVITIES_CHANGE)
    record = get_visible_record(request.access, record_id)
    services.delete_record(record, actor=request.user, access=request.access)
    return Status(204, None)


@router.get("/activities/{record_id}/history", response=list[HistoryOut])
def record_history(request, code: Path[str], record_id: int):
    require(request, perms.ACTIVITIES_VIEW)
    record = get_visible_record(request.access, record_id)
    return history_out(history_entries(record))


def _report_args(request, filters: ReportFilters) -> tuple[int, dict]:
    require(request, perms.REPORTS_VIEW)
    area = get_object_or_404(Area, pk=filters.area) if filters.area is not None else None
    year = filters.fiscal_year or current_fiscal_year()
    return year, {"area": area, "coordinator": filters.coordinator, "layer": filters.layer}


@router.get(
    "/reports/monthly", response=MonthlyReportOut, summary="Monthly report: counts per kind and month"
)
def monthly_report(request, code: Path[str], filters: Query[ReportFilters]):
    year, kwargs = _report_args(request, filters)
    return services.monthly_report(request.municipality, year, **kwargs)


@router.get("/reports/annual", response=AnnualReportOut, summary="Annual report (実績報告) with its sections")
def annual_report(request, code: Path[str], filters: Query[ReportFilters]):
    year, kwargs = _report_args(request, filters)
    report = services.annual_report(request.municipality, year, **kwargs)
    report["sections"] = [
        {"key": s.key, "title": s.title, "headers": s.headers, "rows": s.rows, "note": s.note}
        for s in report["sections"]
    ]
    return report
