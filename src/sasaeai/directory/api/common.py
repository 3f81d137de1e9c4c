"""Helpers shared by the staff, public and HSDS endpoints of the directory API."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from sasaeai.core import permissions as perms
from sasaeai.core.models import Area

from .. import hsds
from ..models import Category, Organization, Place, Resource
from ..services.search import SearchParams, parse_near

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
        from ..models import OrganizationType

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


def _with_details():
    """Resources with everything the HSDS shape reads, for `search_resources(fetch=…)`."""
    return hsds.prefetch(Resource.objects.all())
