"""Staff pages for resources: list with filters, detail with history, create and edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import permissions as perms
from sasaeai.core.forms import area_option_tags
from sasaeai.core.history import history_entries
from sasaeai.core.navigation import record_panels_for
from sasaeai.core.tenancy import requires
from sasaeai.core.views import form_errors_from

from .. import services
from ..forms import (
    ClosureFormSet,
    ResourceFilterForm,
    ResourceForm,
    ScheduleForm,
    ScheduleFormSet,
)
from ..models import Resource
from ..scheduling import describe_schedule, next_dates
from ..services.search import SearchParams, search_resources
from .access import can_change, changeable_areas, require_change

PAGE_SIZE = 50


def params_from(form: ResourceFilterForm) -> SearchParams:
    if not form.is_valid():
        return SearchParams()
    d = form.cleaned_data
    return SearchParams(
        **form.search_params(
            q=d.get("q") or "", status=d.get("status") or "", sector=d.get("sector") or "",
            stale=bool(d.get("stale")),
        )
    )  # fmt: skip


@requires(perms.DIRECTORY_VIEW)
def resource_list(request, code):
    form = ResourceFilterForm(request.GET or None)
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    result = search_resources(
        Resource.objects.all(), params_from(form), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    context = {
        "form": form,
        "result": result,
        "page": page,
        "has_next": page * PAGE_SIZE < result.count,
        "query_string": request.GET.urlencode(),
        "can_change": request.access.has(perms.DIRECTORY_CHANGE),
        "today": timezone.localdate(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "directory/_resource_results.html", context)
    context["area_options"] = area_option_tags(form.cleaned_data.get("area") if form.is_valid() else None)
    return render(request, "directory/resource_list.html", context)


def resource_context(resource: Resource) -> dict:
    schedules = list(resource.schedules.select_related("place"))
    closures = list(resource.closures.all())
    places = list(resource.places.all())
    return {
        "resource": resource,
        "schedules": [{"text": describe_schedule(s), "place": s.place} for s in schedules],
        "closures": closures,
        "upcoming": next_dates(schedules, closures, timezone.localdate(), count=5),
        "places": places,
        "categories": list(resource.categories.select_related("parent")),
        "points": [
            {"lat": p.latitude, "lon": p.longitude, "label": p.name, "url": "", "number": i}
            for i, p in enumerate(places, start=1)
            if p.latitude is not None
        ],
    }


@requires(perms.DIRECTORY_VIEW)
def resource_detail(request, code, pk):
    resource = get_object_or_404(Resource.objects.select_related("organization", "area"), pk=pk)
    context = resource_context(resource)
    context.update(
        {
            "service_areas": list(resource.service_areas.all()),
            "history": history_entries(resource),
            "panels": record_panels_for(request, resource),
            "can_change": can_change(request.access, resource),
            "stale": resource.is_stale(),
        }
    )
    return render(request, "directory/resource_detail.html", context)


def _formsets(request, resource):
    if request.method == "POST":
        return ScheduleFormSet(request.POST, prefix="s"), ClosureFormSet(request.POST, prefix="c")
    schedules = [ScheduleForm.initial_for(s) for s in resource.schedules.all()] if resource else []
    closures = (
        [
            {"kind": c.kind, "starts_on": c.starts_on, "ends_on": c.ends_on, "reason": c.reason}
            for c in resource.closures.all()
        ]
        if resource
        else []
    )
    return ScheduleFormSet(prefix="s", initial=schedules), ClosureFormSet(prefix="c", initial=closures)


def _edit(request, code, resource):
    areas = changeable_areas(request.access)
    initial = {}
    if resource is None and areas.count() == 1:
        initial["area"] = areas.first()
    form = ResourceForm(request.POST or None, instance=resource, initial=initial, changeable_areas=areas)
    schedule_forms, closure_forms = _formsets(request, resource)
    if (
        request.method == "POST"
        and form.is_valid()
        and schedule_forms.is_valid()
        and closure_forms.is_valid()
    ):
        data = {
            k: v for k, v in form.cleaned_data.items() if not k.startswith("new_place_") and k != "version"
        }
        data["schedules"] = [f.to_service() for f in schedule_forms if f.cleaned_data and not f.is_blank()]
        data["closures"] = [
            {k: f.cleaned_data.get(k) for k in ("kind", "starts_on", "ends_on", "reason")}
            for f in closure_forms
            if f.cleaned_data and not f.is_blank()
        ]
        try:
            if data.get("area") is not None and not request.access.can(perms.DIRECTORY_CHANGE, data["area"]):
                raise ValidationError({"area": _("You may only file resources under your own area.")})
            if data.get("area") is None and not request.access.can(perms.DIRECTORY_CHANGE, None):
                raise ValidationError({"area": _("Choose the area of the resource.")})
            with transaction.atomic():
                new_place = form.new_place_data()
                if new_place:
                    place = services.create_place(request.municipality, new_place, actor=request.user)
                    data["places"] = [*data.get("places", []), place]
                if resource is None:
                    resource = services.create_resource(request.municipality, data, actor=request.user)
                    messages.success(request, _("The resource was created."))
                else:
                    services.update_resource(
                        resource, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                    )
                    messages.success(request, _("The resource was saved."))
            return redirect("directory:resource_detail", code=code, pk=resource.pk)
        except ValidationError as exc:
            _show_errors(form, schedule_forms, closure_forms, exc)
    return render(
        request,
        "directory/resource_form.html",
        {
            "form": form,
            "resource": resource,
            "schedule_forms": schedule_forms,
            "closure_forms": closure_forms,
        },
    )


def _show_errors(form, schedule_forms, closure_forms, exc: ValidationError) -> None:
    """Put service errors on the form; "schedules.1.byday" goes to the second schedule row."""
    rest = {}
    for field, errors in exc.message_dict.items():
        parts = field.split(".")
        if len(parts) == 3 and parts[0] in ("schedules", "closures"):
            forms = [
                f
                for f in (schedule_forms if parts[0] == "schedules" else closure_forms)
                if f.cleaned_data and not f.is_blank()
            ]
            index = int(parts[1])
            if index < len(forms):
                target = forms[index]
                name = parts[2] if parts[2] in target.fields else None
                if parts[2] == "byday":
                    name = "days"
                target.add_error(name, errors)
                continue
        if field in ("latitude", "longitude"):
            form.add_error("new_place_" + field, errors)
            continue
        rest[field] = errors
    if rest:
        form_errors_from(form, ValidationError(rest))


@requires(perms.DIRECTORY_CHANGE)
def resource_create(request, code):
    return _edit(request, code, None)


@requires(perms.DIRECTORY_CHANGE)
def resource_edit(request, code, pk):
    resource = get_object_or_404(Resource, pk=pk)
    require_change(request.access, resource)
    return _edit(request, code, resource)


@require_POST
@requires(perms.DIRECTORY_CHANGE)
def resource_verify(request, code, pk):
    resource = get_object_or_404(Resource, pk=pk)
    require_change(request.access, resource)
    services.mark_verified(resource, actor=request.user)
    messages.success(request, _("Marked as checked today."))
    return redirect("directory:resource_detail", code=code, pk=pk)


@require_POST
@requires(perms.DIRECTORY_CHANGE)
def resource_delete(request, code, pk):
    resource = get_object_or_404(Resource, pk=pk)
    require_change(request.access, resource)
    services.delete_resource(resource, actor=request.user)
    messages.success(request, _("The resource was deleted. An administrator can restore it."))
    return redirect("directory:resource_list", code=code)
