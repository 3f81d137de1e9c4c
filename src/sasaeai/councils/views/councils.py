"""Councils: list, record page, edit; members (with a printable list) and related bodies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import permissions as perms
from sasaeai.core.history import history_entries
from sasaeai.core.tenancy import requires
from sasaeai.core.views import form_errors_from

from ..access import can_change, council_or_404, visible_councils
from ..forms import CouncilForm, MemberForm, RelatedBodyForm
from ..models import CouncilMember, Meeting, RelatedBody
from ..services import councils as services
from ..services.followup import is_overdue, open_action_items

VIEW = (perms.COUNCILS_VIEW, perms.COUNCILS_VIEW_OWN)


def render_form(request, *, form, title, back_url, multipart=False, note=""):
    return render(
        request,
        "councils/form.html",
        {"form": form, "title": title, "back_url": back_url, "multipart": multipart, "note": note},
    )


@requires(*VIEW)
def council_list(request, code):
    councils = list(visible_councils(request.access).prefetch_related("members"))
    today = timezone.localdate()
    upcoming = {}
    for m in Meeting.objects.filter(
        council__in=councils, date__gte=today, status=Meeting.Status.PLANNED
    ).order_by("date"):
        upcoming.setdefault(m.council_id, m)
    rows = [
        {"council": c, "next_meeting": upcoming.get(c.pk), "member_count": len(c.members.all())}
        for c in councils
    ]
    can_create = request.access.has(perms.COUNCILS_CHANGE)
    return render(request, "councils/council_list.html", {"rows": rows, "can_create": can_create})


@requires(*VIEW)
def council_detail(request, code, pk):
    council = council_or_404(request.access, pk)
    today = timezone.localdate()
    meetings = list(council.meetings.order_by("-date", "-number"))
    actions = list(open_action_items(council))
    context = {
        "council": council,
        "members": services.members_in_role_order(council),
        "bodies": council.bodies.all(),
        "upcoming": [m for m in meetings if m.date >= today and m.status == Meeting.Status.PLANNED][::-1],
        "meetings": meetings,
        "open_actions": [{"action": a, "overdue": is_overdue(a, today)} for a in actions],
        "can_change": can_change(request.access, council),
        "history": history_entries(council),
    }
    return render(request, "councils/council_detail.html", context)


@requires(perms.COUNCILS_CHANGE)
def council_edit(request, code, pk=None):
    council = council_or_404(request.access, pk, change=True) if pk else None
    form = CouncilForm(request.POST or None, instance=council, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            if council is None:
                if not request.access.can(perms.COUNCILS_CHANGE, data.get("area")):
                    raise ValidationError({"area": _("You cannot create a council in this area.")})
                council = services.create_council(request.municipality, data, actor=request.user)
                messages.success(request, _("The council was created."))
            else:
                if not request.access.can(perms.COUNCILS_CHANGE, data.get("area")):
                    raise ValidationError({"area": _("You cannot move a council to this area.")})
                services.update_council(
                    council, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The council was saved."))
            return redirect("councils:council_detail", code=code, pk=council.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    title = _("Edit council") if council else _("New council")
    back = f"/m/{code}/councils/{council.pk}/" if council else f"/m/{code}/councils/"
    return render_form(request, form=form, title=title, back_url=back)


@require_POST
@requires(perms.COUNCILS_CHANGE)
def council_delete(request, code, pk):
    council = council_or_404(request.access, pk, change=True)
    try:
        services.delete_council(council, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("councils:council_detail", code=code, pk=pk)
    messages.success(request, _("The council was deleted. An administrator can restore it."))
    return redirect("councils:council_list", code=code)


@requires(*VIEW)
def members_print(request, code, pk):
    council = council_or_404(request.access, pk)
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    members = services.members_in_role_order(council, None if show_all else today)
    return render(
        request,
        "councils/members_print.html",
        {"council": council, "members": members, "today": today, "show_all": show_all},
    )


@requires(perms.COUNCILS_CHANGE)
def member_edit(request, code, pk=None, member_id=None):
    member = get_object_or_404(CouncilMember, pk=member_id) if member_id else None
    council = council_or_404(request.access, member.council_id if member else pk, change=True)
    form = MemberForm(request.POST or None, instance=member, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                services.add_member(council, form.service_data(), actor=request.user)
                messages.success(request, _("The member was added."))
            else:
                services.update_member(
                    member,
                    form.service_data(),
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                )
                messages.success(request, _("The member was saved."))
            return redirect("councils:council_detail", code=code, pk=council.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    title = _("Edit member") if member else _("Add a member")
    return render_form(
        request, form=form, title=f"{council.name}: {title}", back_url=f"/m/{code}/councils/{council.pk}/"
    )


@require_POST
@requires(perms.COUNCILS_CHANGE)
def member_delete(request, code, member_id):
    member = get_object_or_404(CouncilMember, pk=member_id)
    council = council_or_404(request.access, member.council_id, change=True)
    services.delete_member(member, actor=request.user)
    messages.success(request, _("The member was removed."))
    return redirect("councils:council_detail", code=code, pk=council.pk)


@requires(perms.COUNCILS_CHANGE)
def body_create(request, code, pk):
    council = council_or_404(request.access, pk, change=True)
    form = RelatedBodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_body(council, form.service_data(), actor=request.user)
            messages.success(request, _("The related body was added."))
            return redirect("councils:council_detail", code=code, pk=council.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render_form(
        request,
        form=form,
        title=f"{council.name}: {_('Add a related body')}",
        back_url=f"/m/{code}/councils/{pk}/",
    )


@require_POST
@requires(perms.COUNCILS_CHANGE)
def body_delete(request, code, body_id):
    body = get_object_or_404(RelatedBody, pk=body_id)
    council = council_or_404(request.access, body.council_id, change=True)
    services.delete_body(body, actor=request.user)
    messages.success(request, _("The related body was removed."))
    return redirect("councils:council_detail", code=code, pk=council.pk)
