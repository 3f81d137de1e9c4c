"""Core API: municipalities, the area tree with population, staff roles, history and audit."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from . import permissions as perms
from .api_support import HistoryOut, history_out, require
from .history import history_entries
from .models import Area, AreaPopulation, AuditEvent, Municipality, StaffRole
from .services import areas as area_services

router = Router(tags=["core"])
public_router = Router(tags=["public"], auth=None)


class MunicipalityOut(Schema):
    code: str
    name: str
    prefecture: str
    latitude: float | None = None
    longitude: float | None = None


class MeOut(Schema):
    municipality: MunicipalityOut
    username: str
    roles: list[str]
    capabilities: list[str]


class PopulationOut(Schema):
    year: int
    total: int
    aged_65_plus: int
    aged_75_plus: int
    elderly_single_households: int


class AreaOut(Schema):
    id: int
    parent: int | None = Field(None, alias="parent_id")
    layer: int
    name: str
    reading: str
    code: str
    latitude: float | None
    longitude: float | None
    boundary: dict | None
    sort_order: int
    version: int


class AreaIn(Schema):
    parent: int | None = None
    layer: int = Field(..., ge=1, le=3)
    name: str = Field(..., min_length=1, max_length=100)
    reading: str = Field("", max_length=200)
    code: str = Field("", max_length=30)
    latitude: float | None = None
    longitude: float | None = None
    boundary: dict | None = None
    sort_order: int = Field(0, ge=0)


class AreaPatch(Schema):
    parent: int | None = None
    layer: int | None = Field(None, ge=1, le=3)
    name: str | None = Field(None, min_length=1, max_length=100)
    reading: str | None = Field(None, max_length=200)
    code: str | None = Field(None, max_length=30)
    latitude: float | None = None
    longitude: float | None = None
    boundary: dict | None = None
    sort_order: int | None = Field(None, ge=0)
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class PopulationIn(Schema):
    year: int = Field(..., ge=1900, le=2200)
    total: int = Field(..., ge=0)
    aged_65_plus: int = Field(..., ge=0)
    aged_75_plus: int = Field(..., ge=0)
    elderly_single_households: int = Field(0, ge=0)


class StaffRoleOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    full_name: str = Field(..., alias="user.last_name")
    role: str
    area: int | None = Field(None, alias="area_id")
    title: str


class AuditEventOut(Schema):
    at: datetime
    actor: str | None = Field(None, alias="actor.username")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    data: dict


@public_router.get("/municipalities", response=list[MunicipalityOut], summary="List municipalities")
@paginate(LimitOffsetPagination)
def public_municipalities(request):
    return Municipality.objects.all()


@router.get("/m/{code}/", response=MeOut, summary="The municipality and what the caller may do in it")
def me(request, code: str):
    access = request.access
    return {
        "municipality": request.municipality,
        "username": request.user.username,
        "roles": [r.role for r in access.roles] or (["admin"] if request.user.is_superuser else []),
        "capabilities": sorted(access.grants),
    }


@router.get(
    "/m/{code}/areas", response=list[AreaOut], summary="The area tree, depth first, parents before children"
)
@paginate(LimitOffsetPagination)
def list_areas(request, code: str, layer: int | None = None, parent: int | None = None):
    require(request, perms.AREAS_VIEW)
    qs = Area.objects.all()
    if layer is not None:
        qs = qs.filter(layer=layer)
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    return area_services.in_tree_order(qs)


def _resolve_parent(payload: dict) -> dict:
    if payload.get("parent") is not None:
        payload["parent"] = get_object_or_404(Area, pk=payload["parent"])
    return payload


@router.post("/m/{code}/areas", response={201: AreaOut}, summary="Create an area")
def create_area(request, code: str, payload: AreaIn):
    require(request, perms.AREAS_CHANGE)
    area = area_services.create_area(
        request.municipality, _resolve_parent(payload.dict()), actor=request.user
    )
    return Status(201, area)


@router.get("/m/{code}/areas/{area_id}", response=AreaOut)
def get_area(request, code: str, area_id: int):
    require(request, perms.AREAS_VIEW)
    return get_object_or_404(Area, pk=area_id)


@router.patch(
    "/m/{code}/areas/{area_id}",
    response=AreaOut,
    summary="Change an area (send `version` to detect conflicts)",
)
def update_area(request, code: str, area_id: int, payload: AreaPatch):
    require(request, perms.AREAS_CHANGE)
    area = get_object_or_404(Area, pk=area_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return area_services.update_area(
        area, _resolve_parent(data), actor=request.user, expected_version=version
    )


@router.delete("/m/{code}/areas/{area_id}", response={204: None})
def delete_area(request, code: str, area_id: int):
    require(request, perms.AREAS_CHANGE)
    area_services.delete_area(get_object_or_404(Area, pk=area_id), actor=request.user)
    return Status(204, None)


@router.get("/m/{code}/areas/{area_id}/history", response=list[HistoryOut])
def area_history(request, code: str, area_id: int):
    require(request, perms.AREAS_VIEW)
    return history_out(history_entries(get_object_or_404(Area, pk=area_id)))


@router.get("/m/{code}/areas/{area_id}/population", response=list[PopulationOut])
def area_population(request, code: str, area_id: int):
    require(request, perms.AREAS_VIEW)
    return AreaPopulation.objects.filter(area_id=get_object_or_404(Area, pk=area_id).pk).order_by("year")


@router.put("/m/{code}/areas/{area_id}/population", response=PopulationOut, summary="Set one year's figures")
def set_area_population(request, code: str, area_id: int, payload: PopulationIn):
    require(request, perms.AREAS_CHANGE)
    area = get_object_or_404(Area, pk=area_id)
    data = payload.dict()
    year = data.pop("year")
    population, _created = area_services.set_population(area, year, data, actor=request.user)
    return population


@router.get("/m/{code}/staff", response=list[StaffRoleOut], summary="Staff roles in this municipality")
@paginate(LimitOffsetPagination)
def list_staff(request, code: str):
    require(request, perms.STAFF_VIEW)
    return StaffRole.objects.select_related("user").order_by("user__username")


@router.get(
    "/m/{code}/audit",
    response=list[AuditEventOut],
    summary="Audit events (views of personal data, exports …)",
)
@paginate(LimitOffsetPagination)
def list_audit(request, code: str, action: str | None = None):
    require(request, perms.AUDIT_VIEW)
    qs = AuditEvent.objects.select_related("actor")
    if action:
        qs = qs.filter(action__startswith=action)
    return qs
