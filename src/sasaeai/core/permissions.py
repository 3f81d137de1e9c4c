"""Who may do what, in one place: roles map to named capabilities, some limited to an area subtree.

Pages, API, exports, search and counts all ask these functions; templates only read their answers.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django_scopes import scopes_disabled

from .models import AREA_SCOPED_ROLE_NAMES, Area, Municipality, Role, StaffRole

# Capabilities: a read/change pair per domain, as pretix does.
DASHBOARD_VIEW = "dashboard.view"
AREAS_VIEW = "areas.view"
AREAS_CHANGE = "areas.change"
STAFF_VIEW = "staff.view"
STAFF_MANAGE = "staff.manage"
AUDIT_VIEW = "audit.view"
HISTORY_RESTORE = "history.restore"
DIRECTORY_VIEW = "directory.view"
DIRECTORY_CHANGE = "directory.change"
PERSONAL_VIEW = "personal.view"
PERSONAL_CHANGE = "personal.change"
ACTIVITIES_VIEW = "activities.view"
ACTIVITIES_CHANGE = "activities.change"
REPORTS_VIEW = "reports.view"
COUNCILS_VIEW = "councils.view"  # every council of the municipality
COUNCILS_CHANGE = "councils.change"
COUNCILS_VIEW_OWN = "councils.view_own"  # only the councils the user sits on

ALL_CAPABILITIES = frozenset(
    {
        DASHBOARD_VIEW, AREAS_VIEW, AREAS_CHANGE, STAFF_VIEW, STAFF_MANAGE, AUDIT_VIEW, HISTORY_RESTORE,
        DIRECTORY_VIEW, DIRECTORY_CHANGE, PERSONAL_VIEW, PERSONAL_CHANGE, ACTIVITIES_VIEW, ACTIVITIES_CHANGE,
        REPORTS_VIEW, COUNCILS_VIEW, COUNCILS_CHANGE, COUNCILS_VIEW_OWN,
    }
)  # fmt: skip

_FIELD_WORK = {
    DASHBOARD_VIEW, AREAS_VIEW, STAFF_VIEW, DIRECTORY_VIEW, DIRECTORY_CHANGE, PERSONAL_VIEW, PERSONAL_CHANGE,
    ACTIVITIES_VIEW, ACTIVITIES_CHANGE, REPORTS_VIEW, COUNCILS_VIEW, COUNCILS_CHANGE, COUNCILS_VIEW_OWN,
}  # fmt: skip

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: ALL_CAPABILITIES,
    Role.OFFICER: ALL_CAPABILITIES - {HISTORY_RESTORE},
    Role.COORDINATOR_L1: frozenset(_FIELD_WORK | {AREAS_CHANGE}),
    Role.COORDINATOR_L2: frozenset(_FIELD_WORK),
    Role.CENTER_STAFF: frozenset(_FIELD_WORK),
    Role.COUNCIL_MEMBER: frozenset({DASHBOARD_VIEW, AREAS_VIEW, DIRECTORY_VIEW, COUNCILS_VIEW_OWN}),
    Role.VIEWER: frozenset(
        {DASHBOARD_VIEW, AREAS_VIEW, DIRECTORY_VIEW, ACTIVITIES_VIEW, REPORTS_VIEW, COUNCILS_VIEW}
    ),
}

# Roles whose capabilities reach only the subtree of the area on the role. For directory reading
# the limit does not apply: the whole municipality's resources are public knowledge.
AREA_SCOPED_ROLES = AREA_SCOPED_ROLE_NAMES
MUNICIPALITY_WIDE_CAPABILITIES = frozenset(
    {DASHBOARD_VIEW, AREAS_VIEW, STAFF_VIEW, DIRECTORY_VIEW, REPORTS_VIEW}
)


@dataclass(frozen=True)
class Grant:
    """What a capability allows: everywhere (`paths` is None) or in the listed area subtrees."""

    paths: frozenset[str] | None = field(default=None)

    @property
    def everywhere(self) -> bool:
        return self.paths is None

    def covers(self, area: Area | None) -> bool:
        if self.paths is None:
            return True
        if area is None:
            return False
        return any(area.path.startswith(p) for p in self.paths)


class Access:
    """A user's capabilities in one municipality, computed once per request."""

    def __init__(self, user, municipality: Municipality):
        self.user = user
        self.municipality = municipality
        self.roles: list[StaffRole] = []
        self.grants: dict[str, Grant] = {}
        if not (user and user.is_authenticated and user.is_active):
            return
        if user.is_superuser:
            self.grants = {cap: Grant() for cap in ALL_CAPABILITIES}
        with scopes_disabled():
            self.roles = list(
                StaffRole.objects.filter(user=user, municipality=municipality).select_related("area")
            )
        paths: dict[str, set[str] | None] = {}
        for staff_role in self.roles:
            scoped = staff_role.role in AREA_SCOPED_ROLES and staff_role.area is not None
            for cap in ROLE_CAPABILITIES.get(staff_role.role, ()):
                if cap in self.grants and self.grants[cap].everywhere:
                    continue
                if not scoped or cap in MUNICIPALITY_WIDE_CAPABILITIES:
                    paths[cap] = None
                elif paths.get(cap, set()) is not None:
                    paths.setdefault(cap, set()).add(staff_role.area.path)
        for cap, p in paths.items():
            if cap not in self.grants:
                self.grants[cap] = Grant(None if p is None else frozenset(p))

    @property
    def is_member(self) -> bool:
        return bool(self.grants)

    def has(self, capability: str) -> bool:
        return capability in self.grants

    def can(self, capability: str, area: Area | None = None) -> bool:
        """May the user use the capability on a record in `area` (None: a record without area)?"""
        grant = self.grants.get(capability)
        return grant is not None and grant.covers(area)

    def area_filter(self, capability: str, field_name: str = "area") -> Q | None:
        """A Q limiting records to the user's subtrees, None if unrestricted. Raises if not granted."""
        grant = self.grants.get(capability)
        if grant is None:
            raise PermissionError(capability)
        if grant.everywhere:
            return None
        q = Q(pk__in=[])
        for p in grant.paths:
            q |= Q(**{f"{field_name}__path__startswith": p})
        return q

    def restrict(self, queryset: QuerySet, capability: str, field_name: str = "area") -> QuerySet:
        q = self.area_filter(capability, field_name)
        return queryset if q is None else queryset.filter(q)

    def role_labels(self) -> list[str]:
        labels = [str(r.get_role_display()) + (f"（{r.area.name}）" if r.area else "") for r in self.roles]
        if self.user.is_superuser and not labels:
            labels.append(str(Role.ADMIN.label))
        return labels


def access_for(user, municipality: Municipality) -> Access:
    cache = getattr(user, "_sasaeai_access", None)
    if cache is None:
        cache = {}
        try:
            user._sasaeai_access = cache
        except AttributeError:  # AnonymousUser instances are shared; never cache on them
            return Access(user, municipality)
    if municipality.pk not in cache:
        cache[municipality.pk] = Access(user, municipality)
    return cache[municipality.pk]


def municipalities_for(user) -> list[Municipality]:
    """The municipalities the user may enter, for the switcher."""
    if not (user and user.is_authenticated):
        return []
    if user.is_superuser:
        return list(Municipality.objects.all())
    with scopes_disabled():
        ids = StaffRole.objects.filter(user=user).values_list("municipality_id", flat=True)
    return list(Municipality.objects.filter(pk__in=set(ids)))
