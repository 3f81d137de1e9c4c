"""The capability matrix: every staff page declares what it needs and every role gets exactly that."""

import pytest
from django_scopes import scopes_disabled

from sasaeai.core import permissions as perms
from sasaeai.core.models import Role
from sasaeai.core.permissions import (
    AREA_SCOPED_ROLES,
    MUNICIPALITY_WIDE_CAPABILITIES,
    ROLE_CAPABILITIES,
    access_for,
)

from .test_tenancy import STAFF_ROUTES, _fill

CAST_ROLES = {
    "officer": Role.OFFICER,
    "l1": Role.COORDINATOR_L1,
    "l2_a": Role.COORDINATOR_L2,
    "center_a": Role.CENTER_STAFF,
    "member": Role.COUNCIL_MEMBER,
    "viewer": Role.VIEWER,
}


def _required(view):
    return getattr(view, "required_capabilities", None)


def test_every_staff_page_declares_the_capabilities_it_needs():
    missing = [route for route, view in STAFF_ROUTES if _required(view) is None]
    assert missing == []


@pytest.mark.parametrize(("route", "view"), STAFF_ROUTES, ids=[r for r, _v in STAFF_ROUTES])
def test_each_role_is_refused_exactly_the_pages_it_has_no_capability_for(route, view, cast, client_for, city):
    needed = _required(view)
    url = _fill(route, city.code)
    everywhere = getattr(view, "requires_everywhere", False)
    for who, role in CAST_ROLES.items():
        allowed = any(c in ROLE_CAPABILITIES[role] for c in needed)
        if everywhere and role in AREA_SCOPED_ROLES and not set(needed) & MUNICIPALITY_WIDE_CAPABILITIES:
            allowed = False
        c = client_for(getattr(cast, who))
        response = c.get(url)
        if response.status_code == 405 and not allowed:
            response = c.post(url)  # POST-only actions refuse before they act
        if allowed:
            assert response.status_code != 403, (who, url)
        else:
            assert response.status_code == 403, (who, url)


def test_viewers_and_council_members_never_get_personal_data_capabilities():
    for role in (Role.VIEWER, Role.COUNCIL_MEMBER):
        assert perms.PERSONAL_VIEW not in ROLE_CAPABILITIES[role]
        assert perms.PERSONAL_CHANGE not in ROLE_CAPABILITIES[role]


def test_l2_coordinator_reaches_personal_data_only_in_the_own_area_subtree(cast, city):
    with scopes_disabled():
        access = access_for(cast.l2_a, city)
        assert access.can(perms.PERSONAL_VIEW, city.area_a)
        assert access.can(perms.PERSONAL_VIEW, city.area_a1)
        assert not access.can(perms.PERSONAL_VIEW, city.area_b)
        assert not access.can(perms.PERSONAL_VIEW, city.root)
        assert not access.can(perms.PERSONAL_VIEW, None)
        # reading the directory is municipality-wide
        assert access.can(perms.DIRECTORY_VIEW, city.area_b)


def test_restrict_filters_a_queryset_to_the_subtree(cast, city):
    from sasaeai.core.models import StaffRole

    with scopes_disabled():
        access = access_for(cast.l2_a, city)
        rows = access.restrict(StaffRole.objects.filter(municipality=city), perms.PERSONAL_VIEW, "area")
        usernames = set(rows.values_list("user__username", flat=True))
        everyone = access_for(cast.officer, city).restrict(
            StaffRole.objects.filter(municipality=city), perms.PERSONAL_VIEW
        )
        assert everyone.count() == StaffRole.objects.filter(municipality=city).count()
    assert usernames == {"l2_a", "center_a"}


def test_a_user_with_roles_in_two_areas_reaches_both(city):
    from tests import factories

    user = factories.staff(city, Role.COORDINATOR_L2, area=city.area_a, username="both")
    with scopes_disabled():
        from sasaeai.core.services.staff import grant_role

        grant_role(city, user, Role.COORDINATOR_L2, area=city.area_b, actor=None)
        access = access_for(user, city)
        assert access.can(perms.PERSONAL_VIEW, city.area_a1)
        assert access.can(perms.PERSONAL_VIEW, city.area_b1)
        assert not access.can(perms.PERSONAL_VIEW, city.root)


def test_an_officer_of_two_municipalities_has_separate_access_in_each(city, other_city):
    from tests import factories

    user = factories.staff(city, Role.VIEWER, username="two_towns")
    with scopes_disabled():
        from sasaeai.core.services.staff import grant_role

        grant_role(other_city, user, Role.OFFICER, actor=None)
        assert not access_for(user, city).has(perms.AREAS_CHANGE)
        assert access_for(user, other_city).has(perms.AREAS_CHANGE)
