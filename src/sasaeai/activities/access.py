"""Which records a user reaches: the area-scoped rules of core.permissions applied to records."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sasaeai.core import permissions as perms

from .models import ActivityRecord


def visible_records(access, capability: str = perms.ACTIVITIES_VIEW) -> QuerySet:
    """Records in the user's area subtrees (all of them for municipality-wide roles)."""
    return access.restrict(ActivityRecord.objects.all(), capability)


def get_visible_record(access, record_id: int, capability: str = perms.ACTIVITIES_VIEW) -> ActivityRecord:
    """The record, or 404 when it is outside what the user may see (nobody probes other areas)."""
    qs = visible_records(access, capability).select_related("kind", "area", "created_by")
    return get_object_or_404(qs, pk=record_id)


def may_change(access, record: ActivityRecord) -> bool:
    return access.can(perms.ACTIVITIES_CHANGE, record.area)


def may_record_in(access, area) -> bool:
    return access.can(perms.ACTIVITIES_CHANGE, area)


def municipality_wide(access, capability: str) -> bool:
    """True when the capability is not limited to an area subtree (kinds, imports)."""
    return access.has(capability) and access.area_filter(capability) is None
