"""Meetings with their agenda, decisions, materials and the action items born in them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import permissions as perms
from sasaeai.core.history import history_entries
from sasaeai.core.tenancy import requires
from sasaeai.core.views import form_errors_from

from ..access import action_item_or_404, agenda_item_or_404, can_change, council_or_404, meeting_or_404
from ..forms import (
    ActionItemForm,
    AgendaItemForm,
    DecisionForm,
    MaterialUploadForm,
    MeetingForm,
    ResourceFromActionForm,
    SnapshotForm,
)
from ..models import ActionItem, Decision
from ..services import followup
from ..services import meetings as services
from ..snapshots import snapshot_kinds
from .councils import VIEW, render_form


def _meeting_url(code, meeting_id):
    return reverse("councils:meeting_detail", kwargs={"code": code, "meeting_id": meeting_id})


@requires(*VIEW)
def meeting_detail(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id)
    council = meeting.council
    editable = can_change(request.access, council)
    context = {
        "meeting": meeting,
        "council": council,
        "agenda": meeting.agenda_items.prefetch_related("materials"),
        "decisions": meeting.decisions.select_related("agenda_item", "resource"),
        "materials": meeting.materials.select_related("agenda_item"),
        "attendees": meeting.attendees.all(),
        "actions": meeting.action_items.select_related("resource"),
        "can_change": editable,
        "upload_form": MaterialUploadForm(meeting=meeting) if editable else None,
        "snapshot_form": SnapshotForm() if editable and snapshot_kinds() else None,
        "decision_form": DecisionForm(meeting=meeting) if editable else None,
        "history": history_entries(meeting),
    }
    return render(request, "councils/meeting_detail.html", context)


@requires(perms.COUNCILS_CHANGE)
def meeting_edit(request, code, pk=None, meeting_id=None):
    meeting = meeting_or_404(request.access, meeting_id, change=True) if meeting_id else None
    council = meeting.council if meeting else council_or_404(request.access, pk, change=True)
    initial = {} if meeting else {"place": "", "format": "in_person", "status": "planned"}
    form = MeetingForm(request.POST or None, instance=meeting, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        data["attendees"] = list(data.get("attendees") or [])
        try:
            if meeting is None:
                meeting = services.create_meeting(council, data, actor=request.user)
                messages.success(request, _("The meeting %(t)s was created.") % {"t": meeting.title})
            else:
                services.update_meeting(
                    meeting, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The meeting was saved."))
            return redirect(_meeting_url(code, meeting.pk))
        except ValidationError as exc:
            form_errors_from(form, exc)
    title = f"{council.name}: " + (meeting.title if meeting else _("New meeting"))
    back = (
        _meeting_url(code, meeting.pk)
        if meeting
        else reverse("councils:council_detail", kwargs={"code": code, "pk": council.pk})
    )
    return render_form(request, form=form, title=title, back_url=back)


@require_POST
@requires(perms.COUNCILS_CHANGE)
def meeting_delete(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id, change=True)
    council_id = meeting.council_id
    try:
        services.delete_meeting(meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_meeting_url(code, meeting_id))
    messages.success(request, _("The meeting was deleted. An administrator can restore it."))
    return redirect("councils:council_detail", code=code, pk=council_id)


@requires(perms.COUNCILS_CHANGE)
def agenda_edit(request, code, meeting_id=None, item_id=None):
    item = agenda_item_or_404(request.access, item_id, change=True) if item_id else None
    meeting = item.meeting if item else meeting_or_404(request.access, meeting_id, change=True)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.add_agenda_item(meeting, form.service_data(), actor=request.user)
                messages.success(request, _("The agenda item was added."))
            else:
                services.update_agenda_item(
                    item,
                    form.service_data(),
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                )
                messages.success(request, _("The agenda item was saved."))
            return redirect(_meeting_url(code, meeting.pk))
        except ValidationError as exc:
            form_errors_from(form, exc)
    title = f"{meeting.council.name} {meeting.title}: " + (
        _("Edit agenda item") if item else _("Add an agenda item")
    )
    return render_form(request, form=form, title=title, back_url=_meeting_url(code, meeting.pk))


@require_POST
@requires(perms.COUNCILS_CHANGE)
def agenda_delete(request, code, item_id):
    item = agenda_item_or_404(request.access, item_id, change=True)
    services.delete_agenda_item(item, actor=request.user)
    messages.success(request, _("The agenda item was removed."))
    return redirect(_meeting_url(code, item.meeting_id))


@require_POST
@requires(perms.COUNCILS_CHANGE)
def decision_create(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id, change=True)
    form = DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.add_decision(meeting, form.service_data(), actor=request.user)
            messages.success(request, _("The decision was recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Enter the decision."))
    return redirect(_meeting_url(code, meeting.pk))


@require_POST
@requires(perms.COUNCILS_CHANGE)
def decision_delete(request, code, decision_id):
    decision = get_object_or_404(Decision, pk=decision_id)
    meeting_or_404(request.access, decision.meeting_id, change=True)
    services.delete_decision(decision, actor=request.user)
    messages.success(request, _("The decision was removed."))
    return redirect(_meeting_url(code, decision.meeting_id))


# --- action items -----------------------------------------------------------------------------


@requires(*VIEW)
def action_list(request, code, pk):
    council = council_or_404(request.access, pk)
    status = request.GET.get("status", "open")
    actions = council.action_items.select_related("meeting", "agenda_item", "resource")
    if status == "open":
        actions = actions.filter(status__in=ActionItem.OPEN_STATUSES)
    elif status in ActionItem.Status.values:
        actions = actions.filter(status=status)
    rows = [{"action": a, "overdue": followup.is_overdue(a)} for a in actions]
    return render(
        request,
        "councils/action_list.html",
        {
            "council": council,
            "rows": rows,
            "status": status,
            "statuses": ActionItem.Status.choices,
            "can_change": can_change(request.access, council),
            "directory_available": followup.directory_available(),
        },
    )


@requires(perms.COUNCILS_CHANGE)
def action_edit(request, code, pk=None, action_id=None):
    action = action_item_or_404(request.access, action_id, change=True) if action_id else None
    council = action.council if action else council_or_404(request.access, pk, change=True)
    initial = {}
    meeting = None
    if action is None and request.GET.get("meeting"):
        meeting = meeting_or_404(request.access, request.GET["meeting"], change=True)
        if meeting.council_id != council.pk:
            meeting = None
        if request.GET.get("agenda_item"):
            initial["agenda_item"] = request.GET["agenda_item"]
    form = ActionItemForm(request.POST or None, instance=action, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if meeting is not None:
            data["meeting"] = meeting
        try:
            if action is None:
                action = followup.create_action_item(council, data, actor=request.user)
                messages.success(request, _("The action item was created."))
            else:
                followup.update_action_item(
                    action, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The action item was saved."))
            if action.meeting_id:
                return redirect(_meeting_url(code, action.meeting_id))
            return redirect("councils:action_list", code=code, pk=council.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    title = f"{council.name}: " + (_("Edit action item") if action else _("New action item"))
    back = reverse("councils:action_list", kwargs={"code": code, "pk": council.pk})
    return render_form(request, form=form, title=title, back_url=back)


def _to_resource(request, code, origin, *, title: str, description: str, back: str):
    """事業化 from an action item or a decision; also needs directory.change in the council's area."""
    # Refused before the form is shown, by the same rule the service applies on saving.
    if not followup.may_create_resource_from(request.access, origin):
        raise PermissionDenied(perms.DIRECTORY_CHANGE)
    form = ResourceFromActionForm(
        request.POST or None, initial={"name": title, "description": description, "close": True}
    )
    if not isinstance(origin, ActionItem):
        del form.fields["close"]
    if request.method == "POST" and form.is_valid():
        try:
            resource = followup.create_resource_from(
                origin, form.cleaned_data, actor=request.user, access=request.access
            )
            messages.success(
                request, _("The resource %(name)s was created from this record.") % {"name": resource.name}
            )
            return redirect("directory:resource_detail", code=code, pk=resource.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render_form(
        request,
        form=form,
        title=_("Create a resource from: %(t)s") % {"t": title},
        back_url=back,
        note=_("The new resource starts as “preparing” and unpublished; complete it in the directory."),
    )


@requires(perms.COUNCILS_CHANGE)
def action_to_resource(request, code, action_id):
    action = action_item_or_404(request.access, action_id, change=True)
    back = reverse("councils:action_list", kwargs={"code": code, "pk": action.council_id})
    return _to_resource(request, code, action, title=action.title, description=action.description, back=back)


@requires(perms.COUNCILS_CHANGE)
def decision_to_resource(request, code, decision_id):
    decision = get_object_or_404(Decision.objects.select_related("meeting__council"), pk=decision_id)
    meeting_or_404(request.access, decision.meeting_id, change=True)
    return _to_resource(
        request, code, decision, title=decision.text[:100], description=decision.text,
        back=_meeting_url(code, decision.meeting_id),
    )  # fmt: skip
