"""Staff directory API under /api/v1/m/{code}/: resources, organisations, places, categories."""

from django.db.models import Prefetch
from ninja import Path, Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.api_support import HistoryOut, history_out, require
from sasaeai.core.history import history_entries
from sasaeai.core.models import Area

from .. import services
from ..models import Category, Closure, Organization, Place, Resource
from ..services.organizations import has_personal, shows_personal
from ..services.search import search_resources
from .common import _get, _params, _require_change, _resolve, _with_details
from .schemas import (
    CategoryOut,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    PlaceIn,
    PlaceOut,
    ResourceIn,
    ResourceOut,
    ResourcePatch,
    StaffSearch,
    StaffSearchOut,
)

router = Router(tags=["directory"])


# --- staff: resources ------------------------------------------------------------------------------


@router.get(
    "/services", response=StaffSearchOut, summary="Search resources (staff: all statuses, published or not)"
)
def list_services(request, code: Path[str], filters: Query[StaffSearch]):
    require(request, perms.DIRECTORY_VIEW)
    area = _get(Area, filters.area) if filters.area else None
    category = _get(Category, filters.category) if filters.category else None
    params = _params(
        request, area, category, filters.weekday, filters.near, filters.radius_m, q=filters.q,
        status=filters.status, sector=filters.sector, stale=filters.stale, care_level=filters.care_level or "",
        wheelchair=filters.wheelchair, transport=filters.transport,
    )  # fmt: skip
    result = search_resources(
        Resource.objects.all(),
        params,
        offset=filters.offset,
        limit=filters.limit,
        fetch=_with_details().prefetch_related(Prefetch("closures", queryset=Closure.objects.all())),
    )
    return {
        "count": result.count,
        "items": result.items,
        "distances": result.distances,
    }


@router.post("/services", response={201: ResourceOut}, summary="Create a resource")
def create_service(request, code: Path[str], payload: ResourceIn):
    require(request, perms.DIRECTORY_CHANGE)
    data = _resolve(payload.dict())
    _require_change(request, data.get("area"))
    return Status(201, services.create_resource(request.municipality, data, actor=request.user))


@router.get("/services/{resource_id}", response=ResourceOut)
def get_service(request, code: Path[str], resource_id: int):
    require(request, perms.DIRECTORY_VIEW)
    return _get(Resource, resource_id)


@router.patch(
    "/services/{resource_id}",
    response=ResourceOut,
    summary="Change a resource (send `version` to detect conflicts)",
)
def update_service(request, code: Path[str], resource_id: int, payload: ResourcePatch):
    require(request, perms.DIRECTORY_CHANGE)
    resource = _get(Resource, resource_id)
    _require_change(request, resource.area)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    data = _resolve(data)
    if "area" in data:
        _require_change(request, data["area"])
    return services.update_resource(resource, data, actor=request.user, expected_version=version)


@router.delete("/services/{resource_id}", response={204: None})
def delete_service(request, code: Path[str], resource_id: int):
    require(request, perms.DIRECTORY_CHANGE)
    resource = _get(Resource, resource_id)
    _require_change(request, resource.area)
    services.delete_resource(resource, actor=request.user)
    return Status(204, None)


@router.get("/services/{resource_id}/history", response=list[HistoryOut])
def service_history(request, code: Path[str], resource_id: int):
    require(request, perms.DIRECTORY_VIEW)
    return history_out(history_entries(_get(Resource, resource_id)))


# --- staff: organisations, places, categories ------------------------------------------------------------


@router.get("/organizations", response=list[OrganizationOut])
@paginate(LimitOffsetPagination)
def list_organizations(request, code: Path[str], q: str = "", sector: str = ""):
    require(request, perms.DIRECTORY_VIEW)
    from ..services.text import query_terms

    qs = Organization.objects.select_related("type", "area").order_by("reading", "name", "pk")
    for term in query_terms(q):
        qs = qs.filter(search_text__contains=term)
    if sector:
        qs = qs.filter(sector=sector)
    if request.access.has(perms.PERSONAL_VIEW):
        # The list carries contact persons (personal data) for this user: who listed them is logged.
        audit.record(
            "directory.organizations.listed", actor=request.user, municipality=request.municipality,
            request=request, data={"q": q, "sector": sector},
        )  # fmt: skip
    return qs


@router.post("/organizations", response={201: OrganizationOut})
def create_organization(request, code: Path[str], payload: OrganizationIn):
    require(request, perms.DIRECTORY_CHANGE)
    data = _resolve(payload.dict())
    _require_change(request, data.get("area"))
    return Status(201, services.create_organization(request.municipality, data, actor=request.user))


@router.get("/organizations/{organization_id}", response=OrganizationOut)
def get_organization(request, code: Path[str], organization_id: int):
    require(request, perms.DIRECTORY_VIEW)
    org = _get(Organization, organization_id)
    if shows_personal(request.access, org) and has_personal(org):
        audit.record_view(request, org, "directory.organization.viewed")
    return org


@router.patch("/organizations/{organization_id}", response=OrganizationOut)
def update_organization(request, code: Path[str], organization_id: int, payload: OrganizationPatch):
    require(request, perms.DIRECTORY_CHANGE)
    org = _get(Organization, organization_id)
    _require_change(request, org.area)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    data = _resolve(data)
    if "area" in data:
        _require_change(request, data["area"])
    return services.update_organization(org, data, actor=request.user, expected_version=version)


@router.delete("/organizations/{organization_id}", response={204: None})
def delete_organization(request, code: Path[str], organization_id: int):
    require(request, perms.DIRECTORY_CHANGE)
    org = _get(Organization, organization_id)
    _require_change(request, org.area)
    services.delete_organization(org, actor=request.user)
    return Status(204, None)


@router.get("/places", response=list[PlaceOut])
@paginate(LimitOffsetPagination)
def list_places(request, code: Path[str], potential: bool | None = None):
    require(request, perms.DIRECTORY_VIEW)
    qs = Place.objects.order_by("name", "pk")
    if potential is not None:
        qs = qs.filter(is_potential=potential)
    return qs


@router.post(
    "/places", response={201: PlaceOut}, summary="Create a place or a potential resource (資源のタネ)"
)
def create_place(request, code: Path[str], payload: PlaceIn):
    require(request, perms.DIRECTORY_CHANGE)
    data = _resolve(payload.dict())
    _require_change(request, data.get("area"))
    return Status(201, services.create_place(request.municipality, data, actor=request.user))


@router.get("/categories", response=list[CategoryOut])
def list_categories(request, code: Path[str]):
    require(request, perms.DIRECTORY_VIEW)
    return Category.objects.order_by("parent_id", "sort_order", "pk")
