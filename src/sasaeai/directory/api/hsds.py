"""The HSDS 3.0 read API under /api/v1/public/m/{code}/hsds/ (published resources only)."""

import math
from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query
from ninja.errors import HttpError

from .. import hsds
from ..models import Category, Organization, Resource
from ..services.search import MAX_RADIUS_M, SearchParams, parse_near, public_resources, search_resources
from .common import _with_details
from .public import public_router, public_service
from .schemas import HsdsPage, PublicText

# --- HSDS 3.0 read API ---------------------------------------------------------------------------------


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
        offset=(pagination.page - 1) * pagination.per_page, limit=pagination.per_page, fetch=_with_details(),
    )  # fmt: skip
    contents = [hsds.strict(hsds.service(r, request.municipality)) for r in result.items]
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
    from ..services.text import query_terms

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
