"""Staff pages of the core app: home, dashboard, area tree, staff roles, audit log, deleted records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit
from . import permissions as perms
from .forms import AreaForm, ImportForm, PopulationForm, StaffRoleForm
from .history import deleted_records, history_entries, restore
from .models import ApiToken, Area, AreaPopulation, AuditEvent, Municipality, StaffRole
from .navigation import panels_for
from .permissions import municipalities_for
from .services import areas as area_services
from .services import staff as staff_services
from .tabular import TableError, export_response
from .tenancy import requires
from .uploads import uploaded_table


def form_errors_from(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html", {"municipalities": Municipality.objects.all()})
    mine = municipalities_for(request.user)
    if len(mine) == 1:
        return redirect("core:dashboard", code=mine[0].code)
    return render(request, "core/choose_municipality.html", {"municipalities": mine})


@requires(perms.DASHBOARD_VIEW)
def dashboard(request, code):
    municipality = request.municipality
    layer_counts = dict(Area.objects.values_list("layer").annotate(n=Count("id")).values_list("layer", "n"))
    root = Area.objects.filter(parent__isnull=True).order_by("path").first()
    population = root.populations.order_by("-year").first() if root else None
    context = {
        "layer_counts": [(layer, layer_counts.get(layer, 0)) for layer in (1, 2, 3)],
        "population": population,
        "staff_count": StaffRole.objects.values("user").distinct().count(),
        "my_roles": request.access.role_labels(),
        "panels": panels_for(request),
        "municipality": municipality,
    }
    return render(request, "core/dashboard.html", context)


# --- areas ------------------------------------------------------------------------------------


@requires(perms.AREAS_VIEW)
def area_list(request, code):
    areas = area_services.in_tree_order(Area.objects.all())
    latest: dict[int, AreaPopulation] = {}
    for p in AreaPopulation.objects.order_by("area_id", "-year"):
        latest.setdefault(p.area_id, p)
    rows = [{"area": a, "population": latest.get(a.pk)} for a in areas]
    points = [
        {"lat": a.latitude, "lon": a.longitude, "label": a.name,
         "url": reverse("core:area_detail", kwargs={"code": code, "area_id": a.pk})}
        for a in areas
        if a.latitude is not None and a.layer > 1
    ]  # fmt: skip
    return render(
        request,
        "core/area_list.html",
        {"rows": rows, "points": points, "can_change": request.access.has(perms.AREAS_CHANGE)},
    )


@requires(perms.AREAS_VIEW)
def area_detail(request, code, area_id):
    area = get_object_or_404(Area, pk=area_id)
    context = {
        "area": area,
        "ancestors": Area.objects.filter(
            pk__in=[int(p) for p in area.path.strip("/").split("/")[:-1]]
        ).order_by("path"),
        "children": area.children.order_by("sort_order", "name"),
        "populations": area.populations.order_by("-year"),
        "staff_roles": StaffRole.objects.filter(area=area).select_related("user"),
        "history": history_entries(area),
        "can_change": request.access.has(perms.AREAS_CHANGE),
    }
    return render(request, "core/area_detail.html", context)


@requires(perms.AREAS_CHANGE)
def area_edit(request, code, area_id=None):
    area = get_object_or_404(Area, pk=area_id) if area_id else None
    initial = {}
    if area is None and request.GET.get("parent"):
        parent = Area.objects.filter(pk=request.GET["parent"]).first()
        if parent:
            initial = {"parent": parent, "layer": min(parent.layer + 1, 3)}
    form = AreaForm(request.POST or None, instance=area, initial=initial, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        data["reading"] = data.get("reading") or ""
        data["code"] = data.get("code") or ""
        try:
            if area is None:
                area = area_services.create_area(request.municipality, data, actor=request.user)
                messages.success(request, _("The area was created."))
            else:
                area_services.update_area(
                    area, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The area was saved."))
            return redirect("core:area_detail", code=code, area_id=area.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render(request, "core/area_form.html", {"form": form, "area": area})


@require_POST
@requires(perms.AREAS_CHANGE)
def area_delete(request, code, area_id):
    area = get_object_or_404(Area, pk=area_id)
    try:
        area_services.delete_area(area, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:area_detail", code=code, area_id=area.pk)
    messages.success(request, _("The area was deleted. An administrator can restore it."))
    return redirect("core:area_list", code=code)


@requires(perms.AREAS_CHANGE)
def area_population(request, code, area_id):
    area = get_object_or_404(Area, pk=area_id)
    form = PopulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year = data.pop("year")
        try:
            area_services.set_population(area, year, data, actor=request.user)
            messages.success(request, _("The population figures were saved."))
            return redirect("core:area_detail", code=code, area_id=area.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render(request, "core/population_form.html", {"form": form, "area": area})


@requires(perms.AREAS_CHANGE)
def area_import(request, code):
    """Upload → preview with row-level errors → commit; the same code runs for both steps."""
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
            return redirect("core:area_import", code=code)
        if step is None:
            return render(request, "core/area_import.html", {"form": form})
        table, token, filename = step
        report = area_services.import_areas(request.municipality, table, actor=request.user, commit=commit)
        if report.committed:
            audit.record(
                "core.areas.imported", actor=request.user, municipality=request.municipality, request=request,
                data={"file": filename, "created": report.created, "updated": report.updated},
            )  # fmt: skip
            messages.success(
                request,
                _("Imported: %(c)s created, %(u)s updated.") % {"c": report.created, "u": report.updated},
            )
            return redirect("core:area_list", code=code)
    return render(request, "core/area_import.html", {"form": form, "report": report, "token": token})


@requires(perms.AREAS_VIEW)
def area_export(request, code):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    dataset = area_services.export_areas(request.municipality)
    audit.record(
        "core.areas.exported",
        actor=request.user,
        municipality=request.municipality,
        request=request,
        data={"format": fmt},
    )
    return export_response(dataset, f"areas-{request.municipality.code}", fmt)


# --- staff ------------------------------------------------------------------------------------


@requires(perms.STAFF_VIEW)
def staff_list(request, code):
    roles = StaffRole.objects.select_related("user", "area").order_by("user__username", "role")
    return render(
        request,
        "core/staff_list.html",
        {"roles": roles, "can_manage": request.access.has(perms.STAFF_MANAGE)},
    )


@requires(perms.STAFF_VIEW)
def staff_detail(request, code, user_id):
    roles = StaffRole.objects.filter(user_id=user_id).select_related("user", "area")
    if not roles:
        raise Http404
    user = roles[0].user
    # A staff member's contact data is personal data: the view is logged.
    audit.record(
        "core.staff.viewed", actor=request.user, municipality=request.municipality, obj=user, request=request
    )
    return render(
        request,
        "core/staff_detail.html",
        {"staff_user": user, "roles": roles, "can_manage": request.access.has(perms.STAFF_MANAGE)},
    )


@requires(perms.STAFF_MANAGE)
def staff_add(request, code):
    form = StaffRoleForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_role = staff_services.add_staff(
                request.municipality, username=data["username"], role=data["role"], area=data["area"],
                title=data["title"], full_name=data["full_name"], password=data["password"], actor=request.user,
            )  # fmt: skip
            user = staff_role.user
            messages.success(request, _("The role was granted."))
            return redirect("core:staff_detail", code=code, user_id=user.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render(request, "core/staff_form.html", {"form": form})


@require_POST
@requires(perms.STAFF_MANAGE)
def staff_revoke(request, code, role_id):
    staff_role = get_object_or_404(StaffRole, pk=role_id)
    user_id = staff_role.user_id
    try:
        staff_services.revoke_role(staff_role, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:staff_detail", code=code, user_id=user_id)
    messages.success(request, _("The role was removed."))
    if StaffRole.objects.filter(user_id=user_id).exists():
        return redirect("core:staff_detail", code=code, user_id=user_id)
    return redirect("core:staff_list", code=code)


# --- audit and recovery -----------------------------------------------------------------------


@requires(perms.AUDIT_VIEW)
def audit_list(request, code):
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action__startswith=action)
    return render(request, "core/audit_list.html", {"events": events[:300], "action": action})


@requires(perms.HISTORY_RESTORE)
def trash(request, code):
    return render(request, "core/trash.html", {"records": deleted_records(request.municipality)})


@require_POST
@requires(perms.HISTORY_RESTORE)
def trash_restore(request, code):
    try:
        instance = restore(
            request.municipality, request.POST.get("model", ""), int(request.POST.get("history_id", "0")),
            actor=request.user,
        )  # fmt: skip
    except (LookupError, ValueError, ObjectDoesNotExist) as exc:
        raise Http404 from exc
    except Exception as exc:  # e.g. the parent of a restored area is itself deleted
        messages.error(request, _("The record could not be restored: %(e)s") % {"e": exc})
        return redirect("core:trash", code=code)
    messages.success(request, _("Restored: %(obj)s") % {"obj": instance})
    return redirect(reverse("core:trash", kwargs={"code": code}))


# --- API tokens of the logged-in user ---------------------------------------------------------


@login_required
def token_list(request):
    """The user's own API tokens; a new token is shown once, only a digest is stored."""
    new_token = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(ApiToken, pk=request.POST["revoke"], user=request.user)
            audit.record("core.token.revoked", actor=request.user, obj=token, request=request)
            token.delete()
            messages.success(request, _("The token was revoked."))
            return redirect("token_list")
        name = request.POST.get("name", "").strip()[:100] or _("unnamed")
        token, new_token = ApiToken.issue(request.user, name=name)
        audit.record("core.token.created", actor=request.user, obj=token, request=request)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "core/token_list.html", {"tokens": tokens, "new_token": new_token})
