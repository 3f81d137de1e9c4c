"""This app's entries in the staff menu and dashboard (see core.navigation)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sasaeai.core import permissions as perms
from sasaeai.core.navigation import NavItem, register_nav, register_panel

register_nav(NavItem("directory:resource_list", _("Resources"), perms.DIRECTORY_VIEW, order=20))


@register_panel(order=20)
def resources_panel(request):
    if not request.access.has(perms.DIRECTORY_VIEW):
        return None
    from .models import Resource, ResourceStatus
    from .services.search import SearchParams, filter_resources

    code = request.municipality.code
    base = reverse("directory:resource_list", kwargs={"code": code})
    return {
        "template": "directory/_dashboard_panel.html",
        "context": {
            "total": Resource.objects.count(),
            "active": Resource.objects.filter(status=ResourceStatus.ACTIVE).count(),
            "published": Resource.objects.filter(published=True).count(),
            "stale": filter_resources(
                Resource.objects.all(), SearchParams(stale=True, today=timezone.localdate())
            ).count(),
            "list_url": base,
            "stale_url": base + "?stale=on",
        },
    }
