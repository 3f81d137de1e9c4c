"""Action items that stay open across meetings, and 事業化: an action item becomes a resource."""

import datetime
import importlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sasaeai.core import permissions as perms
from sasaeai.core.concurrency import check_and_bump
from sasaeai.core.permissions import Access, access_for

from ..models import ActionItem, Council, Decision
from ._common import assign, delete, save

ACTION_FIELDS = (
    "title", "description", "owner", "due_date", "status", "closed_on", "meeting", "agenda_item", "decision",
)  # fmt: skip


def _validate(action: ActionItem) -> None:
    errors = {}
    if not (action.title or "").strip():
        errors["title"] = _("Enter a title.")
    if action.status not in ActionItem.Status.values:
        errors["status"] = _("Choose one of the allowed values.")
    if action.meeting is not None and action.meeting.council_id != action.council_id:
        errors["meeting"] = _("The meeting belongs to another council.")
    if action.agenda_item is not None and action.agenda_item.meeting.council_id != action.council_id:
        errors["agenda_item"] = _("The agenda item belongs to another council.")
    if action.decision is not None and action.decision.meeting.council_id != action.council_id:
        errors["decision"] = _("The decision belongs to another council.")
    if errors:
        raise ValidationError(errors)


def _close_or_reopen(action: ActionItem) -> None:
    if action.is_open:
        action.closed_on = None
    elif action.closed_on is None:
        action.closed_on = timezone.localdate()


def create_action_item(council: Council, data: dict[str, Any], *, actor) -> ActionItem:
    action = ActionItem(municipality_id=council.municipality_id, council=council)
    assign(action, data, ACTION_FIELDS)
    if action.agenda_item is not None and action.meeting is None:
        action.meeting = action.agenda_item.meeting
    if action.decision is not None and action.meeting is None:
        action.meeting = action.decision.meeting
    _validate(action)
    _close_or_reopen(action)
    with transaction.atomic():
        save(action, actor)
    return action


def update_action_item(
    action: ActionItem, data: dict[str, Any], *, actor, expected_version: int | None = None
) -> ActionItem:
    assign(action, data, ACTION_FIELDS)
    _validate(action)
    _close_or_reopen(action)
    with transaction.atomic():
        check_and_bump(action, expected_version)
        save(action, actor)
    return action


def delete_action_item(action: ActionItem, *, actor) -> None:
    with transaction.atomic():
        delete(action, actor)


def open_action_items(council: Council):
    return council.action_items.filter(status__in=ActionItem.OPEN_STATUSES).select_related("meeting")


def is_overdue(action: ActionItem, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return action.is_open and action.due_date is not None and action.due_date < today


def directory_available() -> bool:
    try:
        module = importlib.import_module("sasaeai.directory.services")
    except ImportError:
        return False
    return hasattr(module, "create_resource")


def council_of(origin: ActionItem | Decision) -> Council:
    return origin.council if isinstance(origin, ActionItem) else origin.meeting.council


def may_create_resource_from(access: Access, origin: ActionItem | Decision) -> bool:
    """事業化 writes to the directory: it needs directory.change in the council's area too."""
    return access.can(perms.DIRECTORY_CHANGE, council_of(origin).area)


def create_resource_from(
    origin: ActionItem | Decision, data: dict[str, Any], *, actor, access: Access | None = None
):
    """事業化: a new directory resource (preparing, unpublished) born from an action item or a decision.

    The resource takes the council's area; closing the action item is the default. `access` is what
    the actor may do (the request's access); by default it is computed for the actor. PermissionDenied
    when it does not include directory.change in the council's area.
    """
    council = council_of(origin)
    if access is None:
        access = access_for(actor, council.municipality)
    if not may_create_resource_from(access, origin):
        raise PermissionDenied(_("You may create resources only in your own area."))
    if not directory_available():
        raise ValidationError(_("The resource directory is not available."))
    if origin.resource_id is not None:
        raise ValidationError(_("A resource was already created from this record."))
    create_resource = importlib.import_module("sasaeai.directory.services").create_resource
    name = (
        data.get("name") or (origin.title if isinstance(origin, ActionItem) else origin.text[:100])
    ).strip()
    description = data.get("description")
    if description is None:
        description = origin.description if isinstance(origin, ActionItem) else origin.text
    with transaction.atomic():
        resource = create_resource(
            council.municipality,
            {
                "name": name,
                "description": description,
                "status": "preparing",
                "published": False,
                "area": council.area,
            },
            actor=actor,
        )
        origin.resource = resource
        if isinstance(origin, ActionItem) and data.get("close", True):
            origin.status = ActionItem.Status.DONE
            _close_or_reopen(origin)
        check_and_bump(origin, None)
        save(origin, actor)
    return resource


def create_resource_from_action(
    action: ActionItem, data: dict[str, Any], *, actor, access: Access | None = None
):
    return create_resource_from(action, data, actor=actor, access=access)


def origins_of(resource) -> list[ActionItem | Decision]:
    """The action items and decisions a resource was born from (for the resource's page)."""
    actions = ActionItem.objects.filter(resource=resource).select_related("council", "meeting")
    decisions = Decision.objects.filter(resource=resource).select_related("meeting", "meeting__council")
    return [*actions, *decisions]
