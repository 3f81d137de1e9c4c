"""This app's entries in the staff menu and dashboard (see core.navigation)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sasaeai.core import permissions as perms
from sasaeai.core.navigation import NavItem, register_nav, register_panel, register_record_panel

register_nav(
    NavItem(
        "councils:council_list",
        _("Councils"),
        perms.COUNCILS_VIEW,
        order=40,
        any_of=(perms.COUNCILS_VIEW_OWN,),
    )
)


@register_panel(order=40)
def upcoming_meetings_panel(request):
    from .access import can_view_any, visible_councils
    from .models import ActionItem, Meeting

    access = request.access
    if not can_view_any(access):
        return None
    councils = visible_councils(access)
    meetings = (
        Meeting.objects.filter(
            council__in=councils, date__gte=timezone.localdate(), status=Meeting.Status.PLANNED
        )
        .select_related("council")
        .order_by("date")[:5]
    )
    open_actions = ActionItem.objects.filter(
        council__in=councils, status__in=ActionItem.OPEN_STATUSES
    ).count()
    return {
        "template": "councils/_dashboard_panel.html",
        "context": {"meetings": list(meetings), "open_actions": open_actions},
    }


@register_record_panel("directory.resource")
def resource_origin_panel(request, resource):
    """On a resource's page: the council, meeting and action item or decision it was born from (事業化)."""
    from .access import visible_councils
    from .models import ActionItem
    from .services.followup import origins_of

    access = request.access
    if access is None:
        return None
    visible = set(visible_councils(access).values_list("pk", flat=True))
    rows = []
    for origin in origins_of(resource):
        is_action = isinstance(origin, ActionItem)
        council = origin.council if is_action else origin.meeting.council
        rows.append(
            {
                "council": council,
                "meeting": origin.meeting,
                "label": origin.title if is_action else origin.text,
                "is_action": is_action,
                "visible": council.pk in visible,
            }
        )
    if not rows:
        return None
    return {"template": "councils/_resource_origin_panel.html", "context": {"rows": rows}}
