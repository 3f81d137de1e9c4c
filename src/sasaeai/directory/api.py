"""Directory API: staff CRUD under /api/v1/m/{code}/, public search and the HSDS 3.0 read API under
/api/v1/public/m/{code}/. Same services and permission functions as the pages."""

import math
from datetime import date, datetime, time
from typing import Annotated
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AfterValidator

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.api_support import require
from sasaeai.core.history import history_entries
from sasaeai.core.models import Area

from . import hsds, services
from .models import Category, Organization, Place, Resource
from .services.organizations import has_personal, personal_value, shows_personal
from .services.search import (
    MAX_PAGE,
    MAX_RADIUS_M,
    SearchParams,
    locate,
    parse_id,
    parse_near,
    public_resources,
    search_resources,
)

MAX_OFFSET = 1_000_000

# Public query text: a NUL character (which PostgreSQL cannot store or compare) is dropped.
PublicText = Annotated[str, AfterValidator(lambda value: value.replace("\x00", ""))]

router = Router(tags=["directory"])
public_router = Router(tags=["public directory"], auth=None)


# --- schemas ------------------------------------------------------------------------------------


class ScheduleSchema(Schema):
    freq: str = Field("", description="WEEKLY, MONTHLY, DAILY or empty for an irregular schedule")
    interval: int = Field(1, ge=1, le=52)
    byday: str = Field("", description="RFC 5545 BYDAY: WE, 2TU,4TU, MO,TU,WE,FR,SA,SU")
    bymonthday: str = ""
    opens_at: time | None = None
    closes_at: time | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = Field("", max_length=200)
    place: int | None = Field(None, alias="place_id")


class ClosureSchema(Schema):
    kind: str = Field("period", description="period, holidays (national holidays) or year_end")
    starts_on: date | None = None
    ends_on: date | None = None
    reason: str = ""


class ResourceOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    description: str
    status: str
    published: bool
    organization: int | None = Field(None, alias="organization_id")
    area: int | None = Field(None, alias="area_id")
    categories: list[int]
    service_areas: list[int]
    places: list[int]
    schedules: list[ScheduleSchema]
    closures: list[ClosureSchema]
    phone: str
    email: str
    url: str
    cost: str
    is_free: bool
    min_age: int | None
    accepts_independent: bool
    accepts_support_need: bool
    accepts_care_need: bool
    disability_ok: bool
    residents_only: bool
    eligibility_note: str
    capacity: int | None
    how_to_join: str
    wheelchair_accessible: bool
    transport_provided: bool
    accessibility_note: str
    schedule_note: str
    last_verified: date | None
    ended_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_categories(obj):
        return [c.pk for c in obj.categories.all()]

    @staticmethod
    def resolve_service_areas(obj):
        return [a.pk for a in obj.service_areas.all()]

    @staticmethod
    def resolve_places(obj):
        return [p.pk for p in obj.places.all()]

    @staticmethod
    def resolve_schedules(obj):
        return list(obj.schedules.all())

    @staticmethod
    def resolve_closures(obj):
        return list(obj.closures.all())


class ResourceIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = Field("", max_length=200)
    description: str = ""
    status: str = "active"
    published: bool = False
    organization: int | None = None
    area: int | None = None
    categories: list[int] = []
    service_areas: list[int] = []
    places: list[int] = []
    schedules: list[ScheduleSchema] = []
    closures: list[ClosureSchema] = []
    phone: str = ""
    email: str = ""
    url: str = ""
    cost: str = ""
    is_free: bool = False
    min_age: int | None = None
    accepts_independent: bool = True
    accepts_support_need: bool = True
    accepts_care_need: bool = False
    disability_ok: bool = False
    residents_only: bool = False
    eligibility_note: str = ""
    capacity: int | None = None
    how_to_join: str = ""
    wheelchair_accessible: bool = False
    transport_provided: bool = False
    accessibility_note: str = ""
    schedule_note: str = ""
    last_verified: date | None = None


class ResourcePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    reading: str | None = None
    description: str | None = None
    status: str | None = None
    published: bool | None = None
    organization: int | None = None
    area: int | None = None
    categories: list[int] | None = None
    service_areas: list[int] | None = None
    places: list[int] | None = None
    schedules: list[ScheduleSchema] | None = None
    closures: list[ClosureSchema] | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    cost: str | None = None
    is_free: bool | None = None
    min_age: int | None = None
    accepts_independent: bool | None = None
    accepts_support_need: bool | None = None
    accepts_care_need: bool | None = None
    disability_ok: bool | None = None
    residents_only: bool | None = None
    eligibility_note: str | None = None
    capacity: int | None = None
    how_to_join: str | None = None
    wheelchair_accessible: bool | None = None
    transport_provided: bool | None = None
    accessibility_note: str | None = None
    schedule_note: str | None = None
    last_verified: date | None = None
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class OrganizationOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    type: int | None = Field(None, alias="type_id")
    type_name: str | None = Field(None, alias="type.name")
    sector: str
    area: int | None = Field(None, alias="area_id")
    postal_code: str
    address: str
    phone: str
    email: str
    url: str
    contact_person: str = Field(description="personal data: blank unless you hold PERSONAL_VIEW for its area")
    notes: str = Field(description="may name people: blank unless you hold PERSONAL_VIEW for its area")
    version: int

    @staticmethod
    def resolve_contact_person(obj, context):
        return personal_value(context["request"].access, obj, "contact_person")

    @staticmethod
    def resolve_notes(obj, context):
        return personal_value(context["request"].access, obj, "notes")


class OrganizationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = ""
    type: int | None = None
    sector: str = ""
    area: int | None = None
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    contact_person: str = ""
    notes: str = ""


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    reading: str | None = None
    type: int | None = None
    sector: str | None = None
    area: int | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    contact_person: str | None = None
    notes: str | None = None
    version: int | None = None


class CategoryOut(Schema):
    id: int
    public_id: UUID
    parent: int | None = Field(None, alias="parent_id")
    name: str
    code: str


class PlaceOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    address: str
    latitude: float | None
    longitude: float | None
    area: int | None = Field(None, alias="area_id")
    is_potential: bool
    capacity: int | None
    availability: str
    version: int


class PlaceIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = ""
    postal_code: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    area: int | None = None
    is_potential: bool = False
    capacity: int | None = None
    availability: str = ""
    notes: str = ""


class ChangeOut(Schema):
    field: str
    old: str
    new: str


class HistoryOut(Schema):
    at: datetime
    user: str | None
    label: str
    changes: list[ChangeOut]


class StaffSearch(Schema):
    q: str = ""
    area: int | None = None
    category: int | None = None
    weekday: int | None = Field(None, ge=0, le=6)
    status: str = ""
    sector: str = ""
    stale: bool = False
    near: str | None = Field(None, description="lat,lon")
    radius_m: int = Field(2000, ge=1, le=50000)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PublicSearch(Schema):
    q: PublicText = ""
    area: PublicText | None = Field(None, description="area id or area code")
    category: PublicText | None = Field(
        None, description="category id, code or public id; includes its sub-categories"
    )
    weekday: int | None = Field(None, ge=0, le=6, description="0 = Monday … 6 = Sunday")
    near: PublicText | None = Field(
        None, description="lat,lon — only resources within radius_m, nearest first"
    )
    address: PublicText | None = Field(
        None, description="an address or town name, located on the area tree (no outside geocoder)"
    )
    radius_m: int = Field(2000, ge=1, le=50000)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SearchOut(Schema):
    count: int
    items: list[dict]


class StaffSearchOut(Schema):
    count: int
    items: list[ResourceOut]
    distances: dict[int, float] = {}


# --- helpers -------------------------------------------------------------------------------------


def _require_change(request, area) -> None:
    """Change rights in `area`; a record without area needs municipality-wide rights."""
    if not request.access.can(perms.DIRECTORY_CHANGE, area):
        raise HttpError(403, _("You do not have permission to do this."))


def _get(model, pk):
    return get_object_or_404(model, pk=pk)


def _resolve(payload: dict) -> dict:
    """Turn ids into objects of this municipality (another municipality's id is 404 via the scope)."""
    if payload.get("organization") is not None:
        payload["organization"] = _get(Organization, payload["organization"])
    if payload.get("area") is not None:
        payload["area"] = _get(Area, payload["area"])
    if payload.get("type") is not None:
        from .models import OrganizationType

        payload["type"] = _get(OrganizationType, payload["type"])
    for key, model in (("categories", Category), ("service_areas", Area), ("places", Place)):
        if payload.get(key) is not None:
            found = list(model.objects.filter(pk__in=payload[key]))
            if len(found) != len(set(payload[key])):
                raise ValidationError({key: _("Some of the chosen ids do not exist.")})
            payload[key] = found
    for item in payload.get("schedules") or []:
        if item.get("place") is not None:
            item["place"] = _get(Place, item["place"])
    return payload


def _params(request, area, category, weekday, near, radius_m, q="", **extra) -> SearchParams:
    try:
        point = parse_near(near)
    except ValueError:
        raise ValidationError(
            {"near": _("Give the point as latitude,longitude in Japan, e.g. 36.38,139.73.")}
        ) from None
    return SearchParams(
        q=q, area=area, category=category, weekday=weekday, near=point, radius_m=radius_m, **extra
    )


def _prefetched(items):
    return hsds.prefetch(Resource.objects.filter(pk__in=[r.pk for r in items])).prefetch_related("closures")


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
        status=filters.status, sector=filters.sector, stale=filters.stale,
    )  # fmt: skip
    result = search_resources(Resource.objects.all(), params, offset=filters.offset, limit=filters.limit)
    by_pk = {r.pk: r for r in _prefetched(result.items)}
    return {
        "count": result.count,
        "items": [by_pk[r.pk] for r in result.items],
        "distances": result.distances,
    }


@router.post("/services", response={201: ResourceOut}, summary="Create a resource")
def create_service(request, code: Path[str], payload: ResourceIn):
    require(request, perms.DIRECTORY_CHANGE)
    data = _resolve(payload.dict())
    _require_change(request, data.get("area"))
    return 201, services.create_resource(request.municipality, data, actor=request.user)


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
    return 204, None


@router.get("/services/{resource_id}/history", response=list[HistoryOut])
def service_history(request, code: Path[str], resource_id: int):
    require(request, perms.DIRECTORY_VIEW)
    return [
        {
            "at": e.at,
            "user": e.user.username if e.user else None,
            "label": e.label,
            "changes": [{"field": c.field, "old": str(c.old), "new": str(c.new)} for c in e.changes],
        }
        for e in history_entries(_get(Resource, resource_id))
    ]


# --- staff: organisations, places, categories ------------------------------------------------------------


@router.get("/organizations", response=list[OrganizationOut])
@paginate(LimitOffsetPagination)
def list_organizations(request, code: Path[str], q: str = "", sector: str = ""):
    require(request, perms.DIRECTORY_VIEW)
    from .services.text import query_terms

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
    return 201, services.create_organization(request.municipality, data, actor=request.user)


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
    return 204, None


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
    return 201, services.create_place(request.municipality, data, actor=request.user)


@router.get("/categories", response=list[CategoryOut])
def list_categories(request, code: Path[str]):
    require(request, perms.DIRECTORY_VIEW)
    return Category.objects.order_by("parent_id", "sort_order", "pk")


# --- public search ----------------------------------------------------------------------------------


def _public_area(value: str | None):
    if not value:
        return None
    area_id = parse_id(value)
    area = Area.objects.filter(Q(code=value) | Q(pk=area_id) if area_id else Q(code=value)).first()
    if area is None:
        raise ValidationError({"area": _("No such area.")})
    return area


def _public_category(value: str | None):
    if not value:
        return None
    q = Q(code=value)
    if parse_id(value):
        q |= Q(pk=parse_id(value))
    try:
        q |= Q(public_id=UUID(value))
    except ValueError:
        pass
    category = Category.objects.filter(q).first()
    if category is None:
        raise ValidationError({"category": _("No such category.")})
    return category


@public_router.get(
    "/services",
    response=SearchOut,
    summary="Search the published directory",
    description="HSDS-shaped services with `locations` (latitude/longitude) and, with `near`, `distance_m`.",
)
def public_services(request, code: Path[str], filters: Query[PublicSearch]):
    near = filters.near
    if not near and filters.address:
        found = locate(filters.address)
        if found is None:
            raise ValidationError(
                {
                    "address": _(
                        "We could not find that address. Write the name of the town, or click the map."
                    )
                }
            )
        near = f"{found[0]},{found[1]}"
    params = _params(
        request, _public_area(filters.area), _public_category(filters.category), filters.weekday, near,
        filters.radius_m, q=filters.q,
    )  # fmt: skip
    result = search_resources(public_resources(), params, offset=filters.offset, limit=filters.limit)
    by_pk = {r.pk: r for r in _prefetched(result.items)}
    items = [
        hsds.service(by_pk[r.pk], request.municipality, distance_m=result.distances.get(r.pk))
        for r in result.items
    ]
    return {"count": result.count, "items": items}


@public_router.get("/services/{public_id}", response=dict, summary="One published service (HSDS)")
def public_service(request, code: Path[str], public_id: UUID):
    resource = get_object_or_404(hsds.prefetch(public_resources()), public_id=public_id)
    return hsds.service(resource, request.municipality)


# --- HSDS 3.0 read API ---------------------------------------------------------------------------------


class HsdsPage(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(50, ge=1, le=500)


def _page(items_qs, page: int, per_page: int, shape) -> dict:
    total = items_qs.count()
    pages = max(math.ceil(total / per_page), 1)
    contents = [shape(o) for o in items_qs[(page - 1) * per_page : page * per_page]]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


@public_router.get("/hsds/", response=dict, summary="HSDS API information")
def hsds_root(request, code: Path[str]):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
    }


@public_router.get("/hsds/services", response=dict, summary="HSDS services (published)")
def hsds_services(
    request,
    code: Path[str],
    pagination: Query[HsdsPage],
    search: PublicText = "",
    taxonomy_term_id: UUID | None = None,
    taxonomy_id: PublicText | None = None,
    organization_id: UUID | None = None,
    modified_after: datetime | None = None,
    proximity: str | None = Query(
        None, description="latitude,longitude,metres: services within that distance"
    ),
):
    qs = public_resources()
    category = Category.objects.filter(public_id=taxonomy_term_id).first() if taxonomy_term_id else None
    if taxonomy_term_id and category is None:
        qs = qs.none()
    if taxonomy_id and taxonomy_id != hsds.taxonomy_id(request.municipality):
        qs = qs.none()
    if organization_id:
        qs = qs.filter(organization__public_id=organization_id)
    if modified_after:
        qs = qs.filter(updated_at__gte=modified_after)
    near, radius = None, 2000
    if proximity:
        try:
            lat, lon, metres = (float(x) for x in proximity.split(","))
            near, radius = parse_near(f"{lat},{lon}"), int(metres)
            if not 1 <= radius <= MAX_RADIUS_M:
                raise ValueError(metres)
        except (ValueError, OverflowError):
            raise ValidationError({"proximity": _("Give proximity as latitude,longitude,metres.")}) from None
    result = search_resources(
        qs, SearchParams(q=search, category=category, near=near, radius_m=radius),
        offset=(pagination.page - 1) * pagination.per_page, limit=pagination.per_page,
    )  # fmt: skip
    by_pk = {r.pk: r for r in _prefetched(result.items)}
    contents = []
    for r in result.items:
        contents.append(hsds.strict(hsds.service(by_pk[r.pk], request.municipality)))
    pages = max(math.ceil(result.count / pagination.per_page), 1)
    return {
        "total_items": result.count,
        "total_pages": pages,
        "page_number": pagination.page,
        "size": len(contents),
        "first_page": pagination.page == 1,
        "last_page": pagination.page >= pages,
        "empty": result.count == 0,
        "contents": contents,
    }


@public_router.get("/hsds/services/{service_id}", response=dict)
def hsds_service(request, code: Path[str], service_id: UUID):
    return hsds.strict(public_service(request, code, service_id))


@public_router.get("/hsds/organizations", response=dict)
def hsds_organizations(request, code: Path[str], pagination: Query[HsdsPage], search: PublicText = ""):
    from .services.text import query_terms

    qs = (
        Organization.objects.filter(resources__in=public_resources())
        .distinct()
        .select_related("type")
        .order_by("pk")
    )
    for term in query_terms(search):
        qs = qs.filter(search_text__contains=term)
    return _page(
        qs, pagination.page, pagination.per_page, lambda o: hsds.organization(o, request.municipality)
    )


@public_router.get("/hsds/organizations/{organization_id}", response=dict)
def hsds_organization(request, code: Path[str], organization_id: UUID):
    org = get_object_or_404(
        Organization.objects.filter(resources__in=public_resources()).distinct(), public_id=organization_id
    )
    out = hsds.organization(org, request.municipality)
    out["services"] = [
        {k: v for k, v in hsds.strict(hsds.service(r, request.municipality)).items() if k != "organization"}
        for r in hsds.prefetch(public_resources().filter(organization=org))
    ]
    return out


@public_router.get("/hsds/taxonomies", response=dict)
def hsds_taxonomies(request, code: Path[str], pagination: Query[HsdsPage]):
    items = [hsds.taxonomy(request.municipality)]
    return {
        "total_items": 1, "total_pages": 1, "page_number": 1, "size": 1, "first_page": True, "last_page": True,
        "empty": False, "contents": items if pagination.page == 1 else [],
    }  # fmt: skip


@public_router.get("/hsds/taxonomies/{taxonomy_id}", response=dict)
def hsds_taxonomy(request, code: Path[str], taxonomy_id: str):
    if taxonomy_id != hsds.taxonomy_id(request.municipality):
        raise HttpError(404, _("Not found."))
    return hsds.taxonomy(request.municipality)


@public_router.get("/hsds/taxonomy_terms", response=dict)
def hsds_taxonomy_terms(
    request,
    code: Path[str],
    pagination: Query[HsdsPage],
    search: PublicText = "",
    parent_id: UUID | None = None,
):
    qs = Category.objects.select_related("parent").order_by("parent_id", "sort_order", "pk")
    if search:
        qs = qs.filter(name__icontains=search)
    if parent_id:
        qs = qs.filter(parent__public_id=parent_id)
    return _page(
        qs, pagination.page, pagination.per_page, lambda c: hsds.taxonomy_term(c, request.municipality)
    )


@public_router.get("/hsds/taxonomy_terms/{term_id}", response=dict)
def hsds_taxonomy_term(request, code: Path[str], term_id: UUID):
    return hsds.taxonomy_term(
        get_object_or_404(Category.objects.select_related("parent"), public_id=term_id), request.municipality
    )


def _service_at_locations(request):
    pairs = Resource.places.through.objects.filter(resource__in=public_resources()).select_related(
        "resource", "place"
    )
    return pairs.order_by("pk")


@public_router.get("/hsds/service_at_locations", response=dict)
def hsds_service_at_locations(request, code: Path[str], pagination: Query[HsdsPage]):
    return _page(
        _service_at_locations(request), pagination.page, pagination.per_page,
        lambda link: hsds.service_at_location(link.resource, link.place, request.municipality),
    )  # fmt: skip


@public_router.get("/hsds/service_at_locations/{link_id}", response=dict)
def hsds_service_at_location(request, code: Path[str], link_id: UUID):
    for link in _service_at_locations(request):
        item = hsds.service_at_location(link.resource, link.place, request.municipality)
        if item["id"] == str(link_id):
            return item
    raise HttpError(404, _("Not found."))
