"""This app's entries in the staff menu and its dashboard panel (see core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sasaeai.core import permissions as perms
from sasaeai.core.navigation import NavItem, register_nav, register_panel

# "My work" is for those who record; viewers go straight to the records and reports.
register_nav(NavItem("activities:my_work", _("My work"), perms.ACTIVITIES_CHANGE, order=30))
register_nav(NavItem("activities:record_list", _("Activities"), perms.ACTIVITIES_VIEW, order=31, exact=True))
register_nav(NavItem("activities:monthly_report", _("Reports"), perms.REPORTS_VIEW, order=32))


@register_panel(order=30)
def my_work_panel(request):
    """This week's records and the follow-ups that are due, for whoever records activities."""
    access = request.access
    if access is None or not access.has(perms.ACTIVITIES_CHANGE):
        return None
    from .views import my_work_context

    context = my_work_context(request)
    # The panel shows the first few; "My work" has them all.
    context["overdue_count"] = len(context["overdue"])
    context["overdue"], context["upcoming"] = context["overdue"][:5], context["upcoming"][:5]
    context["can_change"] = access.has(perms.ACTIVITIES_CHANGE)
    context["code"] = request.municipality.code
    context["new_url"] = reverse("activities:record_new", kwargs={"code": request.municipality.code})
    return {"template": "activities/_dashboard_panel.html", "context": context}
