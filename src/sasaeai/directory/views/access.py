"""Which records the request's user may change: area-scoped staff only within their subtree."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from sasaeai.core import permissions as perms
from sasaeai.core.models import Area


def changeable_areas(access):
    """Areas the user may file a resource or organisation under (all of them when unrestricted)."""
    areas = Area.objects.order_by("path")
    grant = access.grants.get(perms.DIRECTORY_CHANGE)
    if grant is None:
        return areas.none()
    if grant.everywhere:
        return areas
    limit = Q(pk__in=[])
    for path in grant.paths:
        limit |= Q(path__startswith=path)
    return areas.filter(limit)


def can_change(access, obj) -> bool:
    return access.can(perms.DIRECTORY_CHANGE, getattr(obj, "area", None))


def require_change(access, obj) -> None:
    if not can_change(access, obj):
        raise PermissionDenied(perms.DIRECTORY_CHANGE)
