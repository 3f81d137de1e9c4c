"""Public directory search under /api/v1/public/m/{code}/ (no login)."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from sasaeai.core.models import Area

from .. import hsds
from ..models import Category
from ..services.search import locate, parse_id, public_resources, search_resources
from .common import _params, _with_details
from .schemas import PublicSearch, SearchOut

public_router = Router(tags=["public directory"], auth=None)


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
        filters.radius_m, q=filters.q, care_level=filters.care_level or "", wheelchair=filters.wheelchair,
        transport=filters.transport,
    )  # fmt: skip
    result = search_resources(
        public_resources(), params, offset=filters.offset, limit=filters.limit, fetch=_with_details()
    )
    items = [
        hsds.service(r, request.municipality, distance_m=result.distances.get(r.pk)) for r in result.items
    ]
    return {"count": result.count, "items": items}


@public_router.get("/services/{public_id}", response=dict, summary="One published service (HSDS)")
def public_service(request, code: Path[str], public_id: UUID):
    resource = get_object_or_404(hsds.prefetch(public_resources()), public_id=public_id)
    return hsds.service(resource, request.municipality)
