"""Staff pages: records (list, entry, detail, edit), my work, reports and their downloads, import, kinds."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.fiscal import FISCAL_MONTHS, current_fiscal_year, era_label, fiscal_year_label
from sasaeai.core.forms import area_option_tags
from sasaeai.core.history import history_entries
from sasaeai.core.models import Area
from sasaeai.core.navigation import record_panels_for
from sasaeai.core.tabular import TableError, export_response
from sasaeai.core.tenancy import requires
from sasaeai.core.uploads import uploaded_table
from sasaeai.core.views import form_errors_from

from . import exports, services
from .access import get_visible_record, may_change, municipality_wide, visible_records
from .forms import ImportForm, KindForm, RecordForm, ReportFilterForm, fiscal_year_choices
from .models import ActivityKind
from .services.imports import import_records, import_template

# Fields "same as last time" copies; the date, the summary and the follow-up are new each time.
REPEATABLE_FIELDS = ("kind", "area", "start_time", "duration_minutes", "participants", "met_with")


# --- records ----------------------------------------------------------------------------------


@requires(perms.ACTIVITIES_VIEW)
def record_list(request, code):
    access = request.access
    records = (
        visible_records(access).select_related("kind", "area").prefetch_related("coordinator_links__user")
    )
    kinds = services.kinds_for(request.municipality, active_only=False)
    year = request.GET.get("fiscal_year", "")
    kind = request.GET.get("kind", "")
    area_id = request.GET.get("area", "")
    mine = request.GET.get("mine") == "1"
    if year.isdigit():
        records = records.filter(fiscal_year=int(year))
    if kind:
        records = records.filter(kind__code=kind)
    area = (
        Area.objects.filter(pk=area_id).first()
        if area_id.isascii() and area_id.isdigit() and len(area_id) < 19
        else None
    )
    if area is not None:
        records = records.filter(area__path__startswith=area.path)
    if mine:
        records = records.filter(coordinator_links__user=request.user)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "kinds": kinds,
        "area_options": area_option_tags(area),
        "years": fiscal_year_choices(),
        "query": query.urlencode(),
        "selected": {"fiscal_year": year, "kind": kind, "mine": mine, "area": area_id},
        "can_change": access.has(perms.ACTIVITIES_CHANGE),
        "can_import": access.has(perms.ACTIVITIES_CHANGE),
    }
    return render(request, "activities/record_list.html", context)


def _initial_from(record) -> dict:
    return {name: getattr(record, name) for name in REPEATABLE_FIELDS}


@requires(perms.ACTIVITIES_CHANGE)
def record_form(request, code, record_id=None):
    access = request.access
    municipality = request.municipality
    record = get_visible_record(access, record_id, perms.ACTIVITIES_CHANGE) if record_id else None
    if record is not None and (not may_change(access, record) or record.source_key):
        raise PermissionDenied  # a council meeting's record changes with the meeting
    kinds = services.kinds_for(municipality)
    if record is not None and record.kind not in kinds:
        kinds.append(record.kind)
    last = services.last_record_for(municipality, request.user) if record is None else None
    initial = {"coordinators": [request.user.pk]} if record is None else {}
    if record is None and last is not None and request.GET.get("same") == "1":
        initial.update(_initial_from(last))
    elif record is None:
        # The most natural defaults: today, and the area of an area-scoped role.
        grant = access.grants.get(perms.ACTIVITIES_CHANGE)
        scoped_roles = [r for r in access.roles if r.area_id and r.role in perms.AREA_SCOPED_ROLES]
        if grant is not None and not grant.everywhere and scoped_roles:
            initial["area"] = scoped_roles[0].area
    form = RecordForm(
        request.POST or None,
        instance=record,
        initial=initial,
        municipality=municipality,
        access=access,
        kinds=kinds,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        data["coordinators"] = list(data.get("coordinators") or []) or [request.user]
        data["resources"] = list(data.get("resources") or [])
        try:
            if record is None:
                record = services.create_record(municipality, data, actor=request.user, access=access)
                messages.success(request, _("The activity was recorded."))
            else:
                services.update_record(
                    record, data, actor=request.user, access=access,
                    expected_version=form.cleaned_data.get("version"),
                )  # fmt: skip
                messages.success(request, _("The activity was saved."))
            if request.POST.get("next") == "new":
                return redirect("activities:record_new", code=code)
            return redirect("activities:record_detail", code=code, record_id=record.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
        except PermissionDenied as exc:  # the service's area rule, shown where the area is chosen
            form.add_error("area", str(exc))
    context = {"form": form, "record": record, "last": last, "kinds": kinds}
    return render(request, "activities/record_form.html", context)


@requires(perms.ACTIVITIES_VIEW)
def record_detail(request, code, record_id):
    record = get_visible_record(request.access, record_id)
    context = {
        "record": record,
        "coordinators": [link.user for link in record.coordinator_links.select_related("user")],
        "resources": [link.resource for link in record.resource_links.select_related("resource")],
        "history": history_entries(record),
        "panels": record_panels_for(request, record),
        "can_change": may_change(request.access, record) and not record.source_key,
        "can_follow_up": may_change(request.access, record),
    }
    return render(request, "activities/record_detail.html", context)


@require_POST
@requires(perms.ACTIVITIES_CHANGE)
def record_delete(request, code, record_id):
    record = get_visible_record(request.access, record_id, perms.ACTIVITIES_CHANGE)
    try:
        services.delete_record(record, actor=request.user, access=request.access)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("activities:record_detail", code=code, record_id=record.pk)
    messages.success(request, _("The record was deleted. An administrator can restore it."))
    return redirect("activities:record_list", code=code)


@require_POST
@requires(perms.ACTIVITIES_CHANGE)
def follow_up_done(request, code, record_id):
    record = get_visible_record(request.access, record_id, perms.ACTIVITIES_CHANGE)
    services.mark_follow_up_done(
        record, actor=request.user, access=request.access, done=request.POST.get("done", "1") == "1"
    )
    messages.success(request, _("The follow-up was updated."))
    back = request.POST.get("back", "")
    if back.startswith(f"/m/{code}/"):  # only back into this municipality's pages
        return redirect(back)
    return redirect("activities:my_work", code=code)


# --- my work ----------------------------------------------------------------------------------


def my_work_context(request) -> dict:
    """My week, my latest records and my follow-ups (overdue first)."""
    today = timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    mine = (
        visible_records(request.access)
        .filter(coordinator_links__user=request.user)
        .select_related("kind", "area")
    )
    week = list(mine.filter(date__gte=week_start, date__lte=today).order_by("date", "start_time", "id"))
    follow_ups = list(
        mine.filter(follow_up_on__isnull=False, follow_up_done=False).order_by("follow_up_on", "id")[:50]
    )
    return {
        "today": today,
        "week_start": week_start,
        "week": week,
        "recent": list(mine.order_by("-date", "-id")[:20]),
        "overdue": [r for r in follow_ups if r.follow_up_on < today],
        "upcoming": [r for r in follow_ups if r.follow_up_on >= today],
    }


@requires(perms.ACTIVITIES_VIEW)
def my_work(request, code):
    context = my_work_context(request)
    context["can_change"] = request.access.has(perms.ACTIVITIES_CHANGE)
    return render(request, "activities/my_work.html", context)


# --- reports ----------------------------------------------------------------------------------


def _filter_text(filters: dict) -> str:
    parts = []
    if filters.get("area"):
        parts.append(_("Area: %(a)s and below") % {"a": filters["area"].name})
    if filters.get("coordinator"):
        user = filters["coordinator"]
        parts.append(_("Coordinator: %(c)s") % {"c": user.last_name or user.username})
    if filters.get("layer"):
        parts.append(_("Layer %(n)s") % {"n": filters["layer"]})
    return " / ".join(parts)


def _report_request(request):
    form = ReportFilterForm(request.GET or None, municipality=request.municipality)
    year, filters = (
        form.filters()
        if request.GET
        else (current_fiscal_year(), {"area": None, "coordinator": None, "layer": None})
    )
    meta = {"municipality_name": request.municipality.name, "filter_text": _filter_text(filters)}
    return form, year, filters, meta


def _filename(prefix: str, municipality, year: int) -> str:
    return f"{prefix}-{municipality.code}-{year}"


def _download(request, kind: str, exporters: dict, report: dict, year: int, meta: dict):
    """The report as the file format asked for (?format=…), logged as an export."""
    fmt = request.GET["format"]
    if fmt not in exporters:
        raise Http404
    audit.record(
        "activities.report.exported", actor=request.user, municipality=request.municipality, request=request,
        data={"report": kind, "fiscal_year": year, "format": fmt, "filters": meta["filter_text"]},
    )  # fmt: skip
    return exports.export(exporters, fmt, report, meta, _filename(kind, request.municipality, year))


@requires(perms.REPORTS_VIEW)
def monthly_report(request, code):
    form, year, filters, meta = _report_request(request)
    report = services.monthly_report(request.municipality, year, **filters)
    if request.GET.get("format"):
        return _download(request, "monthly", exports.MONTHLY_EXPORTERS, report, year, meta)
    context = {
        "form": form,
        "report": report,
        "year_label": fiscal_year_label(year),
        "months": [f"{m}月" for m in FISCAL_MONTHS],
        "meta": meta,
        "query": request.GET.urlencode(),
    }
    return render(request, "activities/monthly_report.html", context)


@requires(perms.REPORTS_VIEW)
def annual_report(request, code):
    form, year, filters, meta = _report_request(request)
    report = services.annual_report(request.municipality, year, **filters)
    if request.GET.get("format"):
        return _download(request, "annual", exports.ANNUAL_EXPORTERS, report, year, meta)
    context = {
        "form": form,
        "report": report,
        "year_label": fiscal_year_label(year),
        "previous_label": era_label(year - 1),
        "months": [f"{m}月" for m in FISCAL_MONTHS],
        "meta": meta,
        "query": request.GET.urlencode(),
    }
    return render(request, "activities/annual_report.html", context)


# --- import -----------------------------------------------------------------------------------


@requires(perms.ACTIVITIES_CHANGE)
def record_import(request, code):
    """Upload → preview with row-level errors → commit, as core's area import does.

    An area-scoped coordinator may import too, but only rows in their own subtree.
    """
    if request.GET.get("template") in ("xlsx", "csv"):
        return export_response(import_template(), "activity-records-template", request.GET["template"])
    form = ImportForm()
    report = None
    token = None
    if request.method == "POST":
        commit = "token" in request.POST
        form = ImportForm(request.POST, request.FILES)
        try:
            step = uploaded_table(request, form)
        except TableError as exc:
            messages.error(request, str(exc))
            return redirect("activities:record_import", code=code)
        if step is None:
            return render(request, "activities/record_import.html", {"form": form})
        table, token, filename = step
        report = import_records(
            request.municipality, table, actor=request.user, access=request.access, commit=commit
        )
        if report.committed:
            audit.record(
                "activities.records.imported", actor=request.user, municipality=request.municipality, request=request,
                data={"file": filename, "created": report.created},
            )  # fmt: skip
            messages.success(request, _("Imported: %(c)s records.") % {"c": report.created})
            return redirect("activities:record_list", code=code)
    return render(request, "activities/record_import.html", {"form": form, "report": report, "token": token})


# --- kinds ------------------------------------------------------------------------------------


@requires(perms.ACTIVITIES_VIEW)
def kind_list(request, code):
    kinds = services.kinds_for(request.municipality, active_only=False)
    can_change = municipality_wide(request.access, perms.ACTIVITIES_CHANGE)
    return render(request, "activities/kind_list.html", {"kinds": kinds, "can_change": can_change})


@requires(perms.ACTIVITIES_CHANGE)
def kind_form(request, code, kind_id=None):
    # Kinds are the municipality's shared list: area-scoped coordinators see the form read-only.
    read_only = not municipality_wide(request.access, perms.ACTIVITIES_CHANGE)
    if read_only and request.method == "POST":
        raise PermissionDenied
    services.ensure_default_kinds(request.municipality)
    kind = get_object_or_404(ActivityKind, pk=kind_id) if kind_id else None
    form = KindForm(request.POST or None, instance=kind)
    if read_only:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if kind is None:
                services.create_kind(request.municipality, data, actor=request.user)
            else:
                services.update_kind(
                    kind, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
            messages.success(request, _("The kind was saved."))
            return redirect("activities:kind_list", code=code)
        except ValidationError as exc:
            form_errors_from(form, exc)
    history = history_entries(kind) if kind else []
    context = {"form": form, "kind": kind, "history": history, "read_only": read_only}
    return render(request, "activities/kind_form.html", context)
