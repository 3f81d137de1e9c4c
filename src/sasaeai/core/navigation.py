"""Registries through which each app adds its menu entries and dashboard panels.

An app registers in its `navigation.py` (imported from `AppConfig.ready`):

    register_nav(NavItem("directory:resource_list", _("Resources"), perms.DIRECTORY_VIEW, order=20))

    @register_panel(order=20)
    def resources_panel(request):
        return {"template": "directory/_dashboard_panel.html", "context": {...}}  # or None to hide
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions as perms


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    capability: str
    order: int = 50
    # Any of these capabilities also shows the entry (e.g. councils.view or councils.view_own).
    any_of: tuple[str, ...] = ()
    exact: bool = False


_NAV: list[NavItem] = []
_PANELS: list[tuple[int, Callable]] = []


def register_nav(item: NavItem) -> None:
    if item.url_name not in {i.url_name for i in _NAV}:
        _NAV.append(item)


def register_panel(order: int = 50):
    def decorator(func):
        _PANELS.append((order, func))
        return func

    return decorator


def nav_for(request) -> list[dict]:
    access = getattr(request, "access", None)
    municipality = getattr(request, "municipality", None)
    if access is None or municipality is None:
        return []
    items = []
    for item in sorted(_NAV, key=lambda i: i.order):
        if access.has(item.capability) or any(access.has(c) for c in item.any_of):
            url = reverse(item.url_name, kwargs={"code": municipality.code})
            items.append(
                {
                    "url": url,
                    "label": item.label,
                    "active": request.path == url if item.exact else request.path.startswith(url),
                }
            )
    return items


def panels_for(request) -> list[dict]:
    rendered = []
    for _order, func in sorted(_PANELS, key=lambda p: p[0]):
        panel = func(request)
        if panel:
            rendered.append(panel)
    return rendered


register_nav(NavItem("core:dashboard", _("Dashboard"), perms.DASHBOARD_VIEW, order=0, exact=True))
register_nav(NavItem("core:area_list", _("Areas"), perms.AREAS_VIEW, order=80))
register_nav(NavItem("core:staff_list", _("Staff"), perms.STAFF_VIEW, order=90))
register_nav(NavItem("core:audit_list", _("Audit log"), perms.AUDIT_VIEW, order=95))


# Panels that one app adds to another app's record page, e.g. the councils app shows on a
# resource's page the meeting where it was born. Keyed by model label ("directory.resource").
_RECORD_PANELS: dict[str, list[Callable]] = {}


def register_record_panel(model_label: str):
    def decorator(func):
        _RECORD_PANELS.setdefault(model_label, []).append(func)
        return func

    return decorator


def record_panels_for(request, obj) -> list[dict]:
    """[{"template": ..., "context": {...}}, …] for the record page of `obj`."""
    panels = []
    for func in _RECORD_PANELS.get(obj._meta.label_lower, []):
        panel = func(request, obj)
        if panel:
            panels.append(panel)
    return panels
