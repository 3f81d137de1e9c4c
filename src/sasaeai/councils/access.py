"""Which councils a user reaches, in one place for pages, API, exports and the calendar.

COUNCILS_VIEW reaches every council in the user's area subtrees; COUNCILS_VIEW_OWN only the
councils where the user is on the member list (and whose term has not ended). Another council answers 404, not 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sasaeai.core import permissions as perms

from .models import ActionItem, AgendaItem, Council, CouncilMember, Material, Meeting


def visible_councils(access) -> QuerySet:
    q = None
    if access.has(perms.COUNCILS_VIEW):
        q = access.area_filter(perms.COUNCILS_VIEW) or Q()
    if access.has(perms.COUNCILS_VIEW_OWN) and q != Q():
        today = timezone.localdate()
        seats = CouncilMember.objects.filter(user=access.user).filter(
            Q(term_to__isnull=True) | Q(term_to__gte=today)
        )
        own = Q(pk__in=seats.values("council_id"))
        q = own if q is None else (q | own)
    if q is None:
        return Council.objects.none()
    return Council.objects.filter(q).select_related("area")


def can_change(access, council: Council) -> bool:
    return access.can(perms.COUNCILS_CHANGE, council.area)


def can_view_any(access) -> bool:
    return access.has(perms.COUNCILS_VIEW) or access.has(perms.COUNCILS_VIEW_OWN)


def council_or_404(access, pk, *, change: bool = False) -> Council:
    council = visible_councils(access).filter(pk=pk).first()
    if council is None:
        raise Http404
    if change and not can_change(access, council):
        raise PermissionDenied(perms.COUNCILS_CHANGE)
    return council


def _through_council(access, obj, change: bool):
    if obj is None:
        raise Http404
    council_or_404(
        access, obj.council_id if hasattr(obj, "council_id") else obj.meeting.council_id, change=change
    )
    return obj


def meeting_or_404(access, pk, *, change: bool = False) -> Meeting:
    meeting = Meeting.objects.select_related("council", "council__area").filter(pk=pk).first()
    return _through_council(access, meeting, change)


def agenda_item_or_404(access, pk, *, change: bool = False) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting").filter(pk=pk).first()
    return _through_council(access, item, change)


def action_item_or_404(access, pk, *, change: bool = False) -> ActionItem:
    action = ActionItem.objects.select_related("council", "meeting").filter(pk=pk).first()
    return _through_council(access, action, change)


def material_or_404(access, pk, *, change: bool = False) -> Material:
    material = Material.objects.select_related("meeting").filter(pk=pk).first()
    return _through_council(access, material, change)
