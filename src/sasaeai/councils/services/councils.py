"""Councils, the bodies around them and their members."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.models import Layer, Municipality, StaffRole

from ..models import Council, CouncilMember, RelatedBody
from ._common import assign, delete, save

COUNCIL_FIELDS = ("name", "layer", "area", "purpose", "secretariat", "established_on", "active")
BODY_FIELDS = ("name", "relation", "description")
MEMBER_FIELDS = (
    "name",
    "reading",
    "organisation",
    "organization",
    "role",
    "term_from",
    "term_to",
    "user",
    "sort_order",
)


def _validate_council(council: Council) -> None:
    errors = {}
    if not (council.name or "").strip():
        errors["name"] = _("Enter a name.")
    if council.layer not in Layer.values:
        errors["layer"] = _("The layer must be 1, 2 or 3.")
    area = council.area if council.area_id else None
    if area is None:
        errors["area"] = _("Choose the area of the council.")
    elif area.municipality_id != council.municipality_id:
        errors["area"] = _("The area belongs to another municipality.")
    elif council.layer in Layer.values and area.layer != council.layer:
        errors["area"] = _("Choose an area of the same layer as the council (layer %(n)s).") % {
            "n": council.layer
        }
    if errors:
        raise ValidationError(errors)


def create_council(municipality: Municipality, data: dict[str, Any], *, actor) -> Council:
    council = Council(municipality=municipality)
    assign(council, data, COUNCIL_FIELDS)
    _validate_council(council)
    with transaction.atomic():
        save(council, actor)
    return council


def update_council(
    council: Council, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> Council:
    before = (council.layer, council.area_id)
    assign(council, data, COUNCIL_FIELDS)
    _validate_council(council)
    with transaction.atomic():
        check_and_bump(council, expected_version)
        save(council, actor)
        if (council.layer, council.area_id) != before:
            # The activity records of held meetings carry the council's layer (kind) and area.
            from .meetings import resync_activities

            resync_activities(council, actor=actor)
    return council


def delete_council(council: Council, *, actor) -> None:
    if council.meetings.exists():
        raise ValidationError(
            _("This council has meetings. Delete them first, or mark the council inactive.")
        )
    with transaction.atomic():
        for child in [*council.members.all(), *council.bodies.all(), *council.action_items.all()]:
            delete(child, actor)
        delete(council, actor)


def add_body(council: Council, data: dict[str, Any], *, actor) -> RelatedBody:
    body = RelatedBody(municipality_id=council.municipality_id, council=council)
    assign(body, data, BODY_FIELDS)
    if not (body.name or "").strip():
        raise ValidationError({"name": _("Enter a name.")})
    if body.relation not in RelatedBody.Relation.values:
        raise ValidationError({"relation": _("Choose one of the allowed values.")})
    with transaction.atomic():
        save(body, actor)
    return body


def delete_body(body: RelatedBody, *, actor) -> None:
    with transaction.atomic():
        delete(body, actor)


def _validate_member(member: CouncilMember) -> None:
    errors = {}
    if not (member.name or "").strip():
        errors["name"] = _("Enter a name.")
    if member.role not in CouncilMember.Role.values:
        errors["role"] = _("Choose one of the allowed values.")
    if member.organization_id is not None:
        if member.organization.municipality_id != member.municipality_id:
            errors["organization"] = _("The organisation belongs to another municipality.")
        elif not (member.organisation or "").strip():
            member.organisation = member.organization.name
    if member.term_from and member.term_to and member.term_to < member.term_from:
        errors["term_to"] = _("The end of the term is before its start.")
    if member.user_id is not None:
        # A login only helps a member who can enter this municipality.
        if not StaffRole.objects.filter(
            municipality_id=member.municipality_id, user_id=member.user_id
        ).exists():
            errors["user"] = _("This user has no role in this municipality.")
        elif (
            CouncilMember.objects.filter(council_id=member.council_id, user_id=member.user_id)
            .exclude(pk=member.pk)
            .exists()
        ):
            errors["user"] = _("This user is already a member of this council.")
    if errors:
        raise ValidationError(errors)


def add_member(council: Council, data: dict[str, Any], *, actor) -> CouncilMember:
    member = CouncilMember(municipality_id=council.municipality_id, council=council)
    assign(member, data, MEMBER_FIELDS)
    _validate_member(member)
    with transaction.atomic():
        save(member, actor)
    return member


def update_member(
    member: CouncilMember, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> CouncilMember:
    assign(member, data, MEMBER_FIELDS)
    _validate_member(member)
    with transaction.atomic():
        check_and_bump(member, expected_version)
        save(member, actor)
    return member


def delete_member(member: CouncilMember, *, actor) -> None:
    with transaction.atomic():
        delete(member, actor)


def members_in_role_order(council: Council, day=None) -> list[CouncilMember]:
    """The list as printed: chair, vice chair, members … then by the set order and reading."""
    members = list(council.members.select_related("user"))
    if day is not None:
        members = [m for m in members if m.serving_on(day)]
    rank = {r: i for i, r in enumerate(CouncilMember.ROLE_ORDER)}
    return sorted(members, key=lambda m: (rank.get(m.role, 99), m.sort_order, m.reading, m.name))
