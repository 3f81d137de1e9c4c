"""Staff accounts and their roles per municipality."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import AREA_SCOPED_ROLE_NAMES, Area, Municipality, Role, StaffRole

User = get_user_model()


def create_staff_user(
    *, username: str, password: str, full_name: str = "", email: str = "", actor, validate: bool = True
):
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    user = User(username=username, email=email)
    user.last_name = full_name
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    audit.record("core.user.created", actor=actor, obj=user, data={"username": username})
    return user


def _check_actor_may_confer(municipality: Municipality, role: str, actor) -> None:
    """Nobody hands out more than they hold: the actor needs every capability of the role,
    municipality-wide, and only a system administrator makes system administrators.
    `actor=None` is the system itself (commands, the demo loader)."""
    if actor is None or actor.is_superuser:
        return
    from ..permissions import ROLE_CAPABILITIES, access_for

    access = access_for(actor, municipality)
    allowed = role != Role.ADMIN and all(access.can(cap, None) for cap in ROLE_CAPABILITIES.get(role, ()))
    if not allowed:
        raise ValidationError(
            {"role": _("You cannot grant or remove a role with more rights than your own.")}
        )


def _validate_role(municipality: Municipality, role: str, area: Area | None, user) -> None:
    errors = {}
    if role not in Role.values:
        errors["role"] = _("Choose a role from the list.")
    elif role in AREA_SCOPED_ROLE_NAMES and area is None:
        errors["area"] = _("This role works in an area: choose the area.")
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = _("The area belongs to another municipality.")
    if (
        not errors
        and user is not None
        and StaffRole.objects.filter(municipality=municipality, user=user, role=role, area=area).exists()
    ):
        errors["role"] = _("The user already has this role.")
    if errors:
        raise ValidationError(errors)


def grant_role(
    municipality: Municipality, user, role: str, *, area: Area | None = None, title: str = "", actor
) -> StaffRole:
    _validate_role(municipality, role, area, user)
    _check_actor_may_confer(municipality, role, actor)
    with transaction.atomic():
        staff_role = StaffRole(municipality=municipality, user=user, role=role, area=area, title=title)
        staff_role._history_user = actor
        staff_role.save()
    return staff_role


def add_staff(
    municipality: Municipality,
    *,
    username: str,
    role: str,
    area: Area | None = None,
    title: str = "",
    full_name: str = "",
    password: str = "",
    actor,
) -> StaffRole:
    """Grant a role to an existing user, or create the user first; all or nothing."""
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is None:
            if not password:
                raise ValidationError({"password": _("Set an initial password for the new user.")})
            _validate_role(municipality, role, area, None)
            _check_actor_may_confer(municipality, role, actor)
            user = create_staff_user(username=username, password=password, full_name=full_name, actor=actor)
        return grant_role(municipality, user, role, area=area, title=title, actor=actor)


def revoke_role(staff_role: StaffRole, *, actor) -> None:
    _check_actor_may_confer(staff_role.municipality, staff_role.role, actor)
    with transaction.atomic():
        staff_role._history_user = actor
        staff_role.delete()
