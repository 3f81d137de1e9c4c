"""Councils API: the same access rules as the pages (councils.access), the same services."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from sasaeai.core import permissions as perms
from sasaeai.core.models import Area

from . import documents
from .access import can_view_any, council_or_404, visible_councils
from .models import ActionItem, AgendaItem, Council, CouncilMember, Decision, Material, Meeting, RelatedBody
from .schemas import (  # noqa: F401
    ActionItemIn,
    ActionItemOut,
    ActionItemPatch,
    AgendaItemIn,
    AgendaItemOut,
    AgendaItemPatch,
    CouncilIn,
    CouncilOut,
    CouncilPatch,
    DecisionIn,
    DecisionOut,
    HistoryMeetingOut,
    HistoryYearOut,
    MaterialOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MemberIn,
    MemberOut,
    MemberPatch,
    RelatedBodyIn,
    RelatedBodyOut,
    ResourceFromActionIn,
    ResourceRefOut,
    SnapshotIn,
    SnapshotKindOut,
)
from .services import councils as council_services
from .services import followup
from .services import materials as material_services
from .services import meetings as meeting_services
from .snapshots import snapshot_kinds

router = Router(tags=["councils"])


# --- helpers ----------------------------------------------------------------------------------


def _require_view(request) -> None:
    if not can_view_any(request.access):
        raise HttpError(403, _("You do not have permission to do this."))


def _require_change(request) -> None:
    if not request.access.has(perms.COUNCILS_CHANGE):
        raise HttpError(403, _("You do not have permission to do this."))


def _council(request, council_id: int, *, change: bool = False) -> Council:
    _require_view(request)
    if change:
        _require_change(request)
    return council_or_404(request.access, council_id, change=change)


def _meeting(request, council_id: int, meeting_id: int, *, change: bool = False) -> Meeting:
    council = _council(request, council_id, change=change)
    return get_object_or_404(Meeting.objects.select_related("council"), pk=meeting_id, council=council)


def _area(request, area_id: int) -> Area:
    area = Area.objects.filter(pk=area_id).first()
    if area is None:
        raise HttpError(422, _("The area does not exist."))
    if not request.access.can(perms.COUNCILS_CHANGE, area):
        raise HttpError(403, _("You do not have permission to do this."))
    return area


def _user(user_id):
    if user_id is None:
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError({"user": _("This user has no role in this municipality.")})
    return user


# --- councils ---------------------------------------------------------------------------------


@router.get("/councils", response=list[CouncilOut], summary="Councils the caller may see")
@paginate(LimitOffsetPagination)
def list_councils(request, code: Path[str], layer: int | None = None, area: int | None = None):
    _require_view(request)
    qs = visible_councils(request.access)
    if layer is not None:
        qs = qs.filter(layer=layer)
    if area is not None:
        qs = qs.filter(area_id=area)
    return qs


@router.post("/councils", response={201: CouncilOut}, summary="Create a council")
def create_council(request, code: Path[str], payload: CouncilIn):
    _require_change(request)
    data = payload.dict()
    data["area"] = _area(request, data["area"])
    return Status(201, council_services.create_council(request.municipality, data, actor=request.user))


@router.get("/councils/{council_id}", response=CouncilOut)
def get_council(request, code: Path[str], council_id: int):
    return _council(request, council_id)


@router.patch("/councils/{council_id}", response=CouncilOut, summary="Change a council (send `version`)")
def update_council(request, code: Path[str], council_id: int, payload: CouncilPatch):
    council = _council(request, council_id, change=True)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    if data.get("area") is not None:
        data["area"] = _area(request, data["area"])
    return council_services.update_council(council, data, actor=request.user, expected_version=version)


@router.get("/councils/{council_id}/members", response=list[MemberOut])
def list_members(request, code: Path[str], council_id: int):
    return council_services.members_in_role_order(_council(request, council_id))


@router.post("/councils/{council_id}/members", response={201: MemberOut})
def add_member(request, code: Path[str], council_id: int, payload: MemberIn):
    council = _council(request, council_id, change=True)
    data = payload.dict()
    data["user"] = _user(data.get("user"))
    if data.get("organization") is not None:
        from sasaeai.directory.models import Organization

        data["organization"] = get_object_or_404(Organization, pk=data["organization"])
    return Status(201, council_services.add_member(council, data, actor=request.user))


@router.patch("/councils/{council_id}/members/{member_id}", response=MemberOut)
def update_member(request, code: Path[str], council_id: int, member_id: int, payload: MemberPatch):
    council = _council(request, council_id, change=True)
    member = get_object_or_404(CouncilMember, pk=member_id, council=council)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return council_services.update_member(member, data, actor=request.user, expected_version=version)


@router.get(
    "/councils/{council_id}/bodies", response=list[RelatedBodyOut], summary="Bodies around the council"
)
def list_bodies(request, code: Path[str], council_id: int):
    return list(_council(request, council_id).bodies.all())


@router.post("/councils/{council_id}/bodies", response={201: RelatedBodyOut})
def add_body(request, code: Path[str], council_id: int, payload: RelatedBodyIn):
    council = _council(request, council_id, change=True)
    return Status(201, council_services.add_body(council, payload.dict(), actor=request.user))


@router.delete("/councils/{council_id}/members/{member_id}", response={204: None})
def delete_member(request, code: Path[str], council_id: int, member_id: int):
    council = _council(request, council_id, change=True)
    council_services.delete_member(
        get_object_or_404(CouncilMember, pk=member_id, council=council), actor=request.user
    )
    return Status(204, None)


@router.get(
    "/councils/{council_id}/agenda-history",
    response=list[HistoryYearOut],
    summary="Agenda of every meeting by fiscal year",
)
def agenda_history(request, code: Path[str], council_id: int):
    return documents.agenda_history(_council(request, council_id))


# --- meetings ---------------------------------------------------------------------------------


@router.get("/councils/{council_id}/meetings", response=list[MeetingOut], summary="Meetings of a council")
@paginate(LimitOffsetPagination)
def list_meetings(
    request, code: Path[str], council_id: int, fiscal_year: int | None = None, status: str | None = None
):
    council = _council(request, council_id)
    qs = council.meetings.prefetch_related("attendees").order_by("date", "number")
    if fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    if status:
        qs = qs.filter(status=status)
    return qs


def _attendees(council: Council, ids):
    if ids is None:
        return None
    found = list(council.members.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"attendees": _("Only members of this council can be marked as attending.")})
    return found


@router.post(
    "/councils/{council_id}/meetings",
    response={201: MeetingOut},
    summary="Create a meeting; its fiscal year and number (第N回) are assigned",
)
def create_meeting(request, code: Path[str], council_id: int, payload: MeetingIn):
    council = _council(request, council_id, change=True)
    data = payload.dict()
    data["attendees"] = _attendees(council, data.get("attendees"))
    return Status(201, meeting_services.create_meeting(council, data, actor=request.user))


@router.get("/councils/{council_id}/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request, code: Path[str], council_id: int, meeting_id: int):
    return _meeting(request, council_id, meeting_id)


@router.patch(
    "/councils/{council_id}/meetings/{meeting_id}",
    response=MeetingOut,
    summary="Change a meeting (send `version`)",
)
def update_meeting(request, code: Path[str], council_id: int, meeting_id: int, payload: MeetingPatch):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    if "attendees" in data:
        data["attendees"] = _attendees(meeting.council, data["attendees"])
    return meeting_services.update_meeting(meeting, data, actor=request.user, expected_version=version)


@router.delete("/councils/{council_id}/meetings/{meeting_id}", response={204: None})
def delete_meeting(request, code: Path[str], council_id: int, meeting_id: int):
    meeting_services.delete_meeting(
        _meeting(request, council_id, meeting_id, change=True), actor=request.user
    )
    return Status(204, None)


@router.get("/councils/{council_id}/meetings/{meeting_id}/agenda-items", response=list[AgendaItemOut])
def list_agenda_items(request, code: Path[str], council_id: int, meeting_id: int):
    return list(_meeting(request, council_id, meeting_id).agenda_items.all())


@router.post("/councils/{council_id}/meetings/{meeting_id}/agenda-items", response={201: AgendaItemOut})
def add_agenda_item(request, code: Path[str], council_id: int, meeting_id: int, payload: AgendaItemIn):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    return Status(201, meeting_services.add_agenda_item(meeting, payload.dict(), actor=request.user))


@router.patch("/councils/{council_id}/meetings/{meeting_id}/agenda-items/{item_id}", response=AgendaItemOut)
def update_agenda_item(
    request, code: Path[str], council_id: int, meeting_id: int, item_id: int, payload: AgendaItemPatch
):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return meeting_services.update_agenda_item(item, data, actor=request.user, expected_version=version)


@router.delete("/councils/{council_id}/meetings/{meeting_id}/agenda-items/{item_id}", response={204: None})
def delete_agenda_item(request, code: Path[str], council_id: int, meeting_id: int, item_id: int):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    meeting_services.delete_agenda_item(
        get_object_or_404(AgendaItem, pk=item_id, meeting=meeting), actor=request.user
    )
    return Status(204, None)


@router.post("/councils/{council_id}/meetings/{meeting_id}/decisions", response={201: DecisionOut})
def add_decision(request, code: Path[str], council_id: int, meeting_id: int, payload: DecisionIn):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    data = payload.dict()
    if data.get("agenda_item") is not None:
        data["agenda_item"] = get_object_or_404(AgendaItem, pk=data["agenda_item"], meeting=meeting)
    return Status(201, meeting_services.add_decision(meeting, data, actor=request.user))


@router.get("/councils/{council_id}/meetings/{meeting_id}/action-items", response=list[ActionItemOut])
def list_meeting_action_items(request, code: Path[str], council_id: int, meeting_id: int):
    return list(_meeting(request, council_id, meeting_id).action_items.all())


@router.post("/councils/{council_id}/meetings/{meeting_id}/action-items", response={201: ActionItemOut})
def add_action_item(request, code: Path[str], council_id: int, meeting_id: int, payload: ActionItemIn):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    data = payload.dict()
    data["meeting"] = meeting
    if data.get("agenda_item") is not None:
        data["agenda_item"] = get_object_or_404(AgendaItem, pk=data["agenda_item"], meeting=meeting)
    if data.get("decision") is not None:
        data["decision"] = get_object_or_404(Decision, pk=data["decision"], meeting=meeting)
    return Status(201, followup.create_action_item(meeting.council, data, actor=request.user))


@router.get("/councils/{council_id}/meetings/{meeting_id}/materials", response=list[MaterialOut])
def list_materials(request, code: Path[str], council_id: int, meeting_id: int):
    return list(_meeting(request, council_id, meeting_id).materials.all())


@router.post(
    "/councils/{council_id}/meetings/{meeting_id}/materials",
    response={201: MaterialOut},
    summary="Attach a file (checked by size and content)",
)
def upload_material(
    request,
    code: Path[str],
    council_id: int,
    meeting_id: int,
    file: File[UploadedFile],
    title: Form[str] = "",
):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    return Status(201, material_services.attach_upload(meeting, file, title=title, actor=request.user))


@router.get(
    "/council-snapshot-kinds", response=list[SnapshotKindOut], summary="Kinds of frozen meeting materials"
)
def list_snapshot_kinds(request, code: Path[str]):
    _require_view(request)
    return [{"code": k.code, "label": str(k.label)} for k in snapshot_kinds()]


@router.post(
    "/councils/{council_id}/meetings/{meeting_id}/snapshots",
    response={201: MaterialOut},
    summary="Freeze live figures (e.g. the monthly report) as a meeting material",
)
def take_snapshot(request, code: Path[str], council_id: int, meeting_id: int, payload: SnapshotIn):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    return Status(
        201,
        material_services.take_snapshot(
            meeting, payload.snapshot_kind, title=payload.title, actor=request.user
        ),
    )


@router.get(
    "/councils/{council_id}/meetings/{meeting_id}/materials/{material_id}/file",
    summary="Download an attached file",
)
def download_material(request, code: Path[str], council_id: int, meeting_id: int, material_id: int):
    meeting = _meeting(request, council_id, meeting_id)
    material = get_object_or_404(Material, pk=material_id, meeting=meeting, kind=Material.Kind.FILE)
    return material_services.serve_material(material, actor=request.user, request=request)


# --- action items per council -----------------------------------------------------------------


@router.get(
    "/councils/{council_id}/action-items",
    response=list[ActionItemOut],
    summary="Action items of a council (status=open for those not done)",
)
@paginate(LimitOffsetPagination)
def list_action_items(request, code: Path[str], council_id: int, status: str | None = None):
    council = _council(request, council_id)
    qs = council.action_items.all()
    if status == "open":
        qs = qs.filter(status__in=ActionItem.OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    return qs


@router.patch("/councils/{council_id}/action-items/{action_id}", response=ActionItemOut)
def update_action_item(request, code: Path[str], council_id: int, action_id: int, payload: ActionItemPatch):
    council = _council(request, council_id, change=True)
    action = get_object_or_404(ActionItem, pk=action_id, council=council)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return followup.update_action_item(action, data, actor=request.user, expected_version=version)


@router.post(
    "/councils/{council_id}/action-items/{action_id}/resource",
    response={201: ResourceRefOut},
    summary="事業化: create a directory resource from the action item",
)
def action_item_to_resource(
    request, code: Path[str], council_id: int, action_id: int, payload: ResourceFromActionIn
):
    council = _council(request, council_id, change=True)
    action = get_object_or_404(ActionItem, pk=action_id, council=council)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return Status(201, followup.create_resource_from(action, data, actor=request.user, access=request.access))


@router.post(
    "/councils/{council_id}/meetings/{meeting_id}/decisions/{decision_id}/resource",
    response={201: ResourceRefOut},
    summary="事業化: create a directory resource from a decision",
)
def decision_to_resource(
    request,
    code: Path[str],
    council_id: int,
    meeting_id: int,
    decision_id: int,
    payload: ResourceFromActionIn,
):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    decision = get_object_or_404(Decision, pk=decision_id, meeting=meeting)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return Status(
        201, followup.create_resource_from(decision, data, actor=request.user, access=request.access)
    )


# --- removals (rows stay restorable from the trash) -------------------------------------------


@router.delete("/councils/{council_id}/bodies/{body_id}", response={204: None})
def delete_body(request, code: Path[str], council_id: int, body_id: int):
    council = _council(request, council_id, change=True)
    council_services.delete_body(
        get_object_or_404(RelatedBody, pk=body_id, council=council), actor=request.user
    )
    return Status(204, None)


@router.delete("/councils/{council_id}/meetings/{meeting_id}/decisions/{decision_id}", response={204: None})
def delete_decision(request, code: Path[str], council_id: int, meeting_id: int, decision_id: int):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    meeting_services.delete_decision(
        get_object_or_404(Decision, pk=decision_id, meeting=meeting), actor=request.user
    )
    return Status(204, None)


@router.delete("/councils/{council_id}/meetings/{meeting_id}/materials/{material_id}", response={204: None})
def delete_material(request, code: Path[str], council_id: int, meeting_id: int, material_id: int):
    meeting = _meeting(request, council_id, meeting_id, change=True)
    material_services.delete_material(
        get_object_or_404(Material, pk=material_id, meeting=meeting), actor=request.user
    )
    return Status(204, None)


@router.delete("/councils/{council_id}/action-items/{action_id}", response={204: None})
def delete_action_item(request, code: Path[str], council_id: int, action_id: int):
    council = _council(request, council_id, change=True)
    followup.delete_action_item(
        get_object_or_404(ActionItem, pk=action_id, council=council), actor=request.user
    )
    return Status(204, None)
