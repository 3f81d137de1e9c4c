"""Materials (private files, frozen snapshots), PDFs, agenda history export and the meeting calendar."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.tabular import export_response
from sasaeai.core.tenancy import requires

from .. import documents
from ..access import council_or_404, material_or_404, meeting_or_404, visible_councils
from ..forms import MaterialUploadForm, SnapshotForm
from ..models import Material, Meeting
from ..services import councils as council_services
from ..services import materials as services
from ..snapshots import as_tree, get_snapshot_kind
from .councils import VIEW


def _meeting_url(code, meeting_id):
    return reverse("councils:meeting_detail", kwargs={"code": code, "meeting_id": meeting_id})


@require_POST
@requires(perms.COUNCILS_CHANGE)
def material_upload(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id, change=True)
    form = MaterialUploadForm(request.POST, request.FILES, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect(_meeting_url(code, meeting.pk))
    try:
        services.attach_upload(
            meeting, form.cleaned_data["file"], title=form.cleaned_data["title"],
            agenda_item=form.cleaned_data["agenda_item"], actor=request.user,
        )  # fmt: skip
        messages.success(request, _("The material was attached."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_meeting_url(code, meeting.pk))


@require_POST
@requires(perms.COUNCILS_CHANGE)
def snapshot_create(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id, change=True)
    form = SnapshotForm(request.POST)
    if form.is_valid():
        try:
            services.take_snapshot(
                meeting,
                form.cleaned_data["snapshot_kind"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
            messages.success(request, _("The snapshot was taken and frozen."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a kind of snapshot."))
    return redirect(_meeting_url(code, meeting.pk))


@requires(*VIEW)
def material_view(request, code, material_id):
    """A file is streamed only after the council check; it is never reachable as public media."""
    material = material_or_404(request.access, material_id)
    if material.kind == Material.Kind.FILE:
        return services.serve_material(material, actor=request.user, request=request)
    kind = get_snapshot_kind(material.snapshot_kind)
    return render(
        request,
        "councils/snapshot.html",
        {
            "material": material,
            "meeting": material.meeting,
            "kind_label": kind.label if kind else material.snapshot_kind,
            "tree": as_tree(material.snapshot_data),
            "data": material.snapshot_data,
            "kind_template": kind.template if kind else None,
            "fiscal_months": [MONTHS[m] for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)],
        },
    )


@require_POST
@requires(perms.COUNCILS_CHANGE)
def material_delete(request, code, material_id):
    material = material_or_404(request.access, material_id, change=True)
    services.delete_material(material, actor=request.user)
    messages.success(request, _("The material was removed."))
    return redirect(_meeting_url(code, material.meeting_id))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@requires(*VIEW)
def notice_pdf(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id)
    context = {
        "meeting": meeting,
        "council": meeting.council,
        "agenda": meeting.agenda_items.all(),
        "members": council_services.members_in_role_order(meeting.council, meeting.date),
        "municipality": request.municipality,
        "issued_on": timezone.localdate(),
    }
    return _pdf_response(
        documents.render_pdf("councils/pdf/notice.html", context), f"notice-{meeting.pk}.pdf"
    )


@requires(*VIEW)
def minutes_pdf(request, code, meeting_id):
    meeting = meeting_or_404(request.access, meeting_id)
    context = {
        "meeting": meeting,
        "council": meeting.council,
        "agenda": meeting.agenda_items.all(),
        "attendees": meeting.attendees.all(),
        "decisions": meeting.decisions.select_related("agenda_item"),
        "actions": meeting.action_items.all(),
        "municipality": request.municipality,
    }
    return _pdf_response(
        documents.render_pdf("councils/pdf/minutes.html", context), f"minutes-{meeting.pk}.pdf"
    )


@requires(*VIEW)
def members_pdf(request, code, pk):
    council = council_or_404(request.access, pk)
    today = timezone.localdate()
    context = {
        "council": council,
        "members": council_services.members_in_role_order(council, today),
        "today": today,
    }
    return _pdf_response(
        documents.render_pdf("councils/pdf/members.html", context), f"members-{council.pk}.pdf"
    )


@requires(*VIEW)
def agenda_history(request, code, pk):
    council = council_or_404(request.access, pk)
    return render(
        request,
        "councils/agenda_history.html",
        {"council": council, "years": documents.agenda_history(council)},
    )


@requires(*VIEW)
def agenda_history_export(request, code, pk):
    council = council_or_404(request.access, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    audit.record(
        "councils.agenda_history.exported", actor=request.user, municipality=request.municipality, obj=council,
        request=request, data={"format": fmt},
    )  # fmt: skip
    return export_response(documents.agenda_history_dataset(council), f"agenda-history-{council.pk}", fmt)


def _upcoming(request):
    today = timezone.localdate()
    councils = visible_councils(request.access)
    if request.GET.get("council", "").isdigit():
        councils = councils.filter(pk=int(request.GET["council"]))
    return (
        Meeting.objects.filter(council__in=councils, date__gte=today)
        .exclude(status=Meeting.Status.HELD)
        .select_related("council")
        .prefetch_related("agenda_items")
        .order_by("date", "start_time")
    )


@requires(*VIEW)
def calendar(request, code):
    return render(request, "councils/calendar.html", {"meetings": _upcoming(request)})


@requires(*VIEW)
def calendar_ics(request, code):
    content = documents.meetings_ics(
        _upcoming(request),
        host=request.get_host().split(":")[0],
        calendar_name=_("%(municipality)s councils") % {"municipality": request.municipality.name},
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="councils-{code}.ics"'
    return response
