"""Staff pages for organisations, places (with 資源のタネ) and the editable lists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.history import history_entries
from sasaeai.core.tenancy import requires
from sasaeai.core.views import form_errors_from

from .. import services
from ..forms import CategoryForm, OrganizationForm, OrganizationTypeForm, PlaceForm
from ..models import Category, Organization, OrganizationType, Place, Sector
from ..services import taxonomy
from ..services.organizations import has_personal, organization_history, shows_personal
from ..services.text import query_terms
from .access import can_change, changeable_areas, require_change


@requires(perms.DIRECTORY_VIEW)
def organization_list(request, code):
    qs = Organization.objects.select_related("type", "area").annotate(n_resources=Count("resources"))
    for term in query_terms(request.GET.get("q")):
        qs = qs.filter(search_text__contains=term)
    sector = request.GET.get("sector", "")
    if sector in Sector.values:
        qs = qs.filter(sector=sector)
    return render(
        request,
        "directory/organization_list.html",
        {
            "organizations": qs.order_by("reading", "name")[:500],
            "q": request.GET.get("q", ""),
            "sector": sector,
            "sectors": Sector.choices,
            "can_change": request.access.has(perms.DIRECTORY_CHANGE),
        },
    )


@requires(perms.DIRECTORY_VIEW)
def organization_detail(request, code, pk):
    org = get_object_or_404(Organization.objects.select_related("type", "area"), pk=pk)
    show_personal = shows_personal(request.access, org)
    if show_personal and has_personal(org):
        # A named contact person is personal data: who looked is logged.
        audit.record_view(request, org, "directory.organization.viewed")
    return render(
        request,
        "directory/organization_detail.html",
        {
            "organization": org,
            "show_personal": show_personal,
            "resources": org.resources.order_by("reading", "name"),
            "history": organization_history(org, show_personal=show_personal),
            "can_change": can_change(request.access, org),
        },
    )


@requires(perms.DIRECTORY_CHANGE)
def organization_edit(request, code, pk=None):
    org = get_object_or_404(Organization, pk=pk) if pk else None
    if org is not None:
        require_change(request.access, org)
    form = OrganizationForm(
        request.POST or None, instance=org, changeable_areas=changeable_areas(request.access)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if not request.access.can(perms.DIRECTORY_CHANGE, data.get("area")):
                raise ValidationError({"area": _("You may only file organisations under your own area.")})
            if org is None:
                org = services.create_organization(request.municipality, data, actor=request.user)
                messages.success(request, _("The organisation was created."))
            else:
                services.update_organization(
                    org, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The organisation was saved."))
            return redirect("directory:organization_detail", code=code, pk=org.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render(request, "directory/organization_form.html", {"form": form, "organization": org})


@require_POST
@requires(perms.DIRECTORY_CHANGE)
def organization_delete(request, code, pk):
    org = get_object_or_404(Organization, pk=pk)
    require_change(request.access, org)
    try:
        services.delete_organization(org, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("directory:organization_detail", code=code, pk=pk)
    messages.success(request, _("The organisation was deleted. An administrator can restore it."))
    return redirect("directory:organization_list", code=code)


@requires(perms.DIRECTORY_VIEW)
def place_list(request, code):
    qs = Place.objects.select_related("area").annotate(n_resources=Count("resources"))
    potential = request.GET.get("potential") == "1"
    if potential:
        qs = qs.filter(is_potential=True)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q) | Q(reading__icontains=q))
    places = list(qs.order_by("name")[:500])
    points = [
        {"lat": p.latitude, "lon": p.longitude, "label": p.name, "url": "", "number": i}
        for i, p in enumerate(places, start=1)
        if p.latitude is not None
    ]
    return render(
        request,
        "directory/place_list.html",
        {
            "places": places,
            "points": points,
            "potential": potential,
            "q": q,
            "can_change": request.access.has(perms.DIRECTORY_CHANGE),
        },
    )


@requires(perms.DIRECTORY_VIEW)
def place_detail(request, code, pk):
    place = get_object_or_404(Place.objects.select_related("area"), pk=pk)
    return render(
        request,
        "directory/place_detail.html",
        {
            "place": place,
            "resources": place.resources.order_by("reading", "name"),
            "history": history_entries(place),
            "can_change": can_change(request.access, place),
        },
    )


@requires(perms.DIRECTORY_CHANGE)
def place_edit(request, code, pk=None):
    place = get_object_or_404(Place, pk=pk) if pk else None
    if place is not None:
        require_change(request.access, place)
    form = PlaceForm(
        request.POST or None, instance=place, initial={"is_potential": request.GET.get("potential") == "1"}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if not request.access.can(perms.DIRECTORY_CHANGE, data.get("area")):
                raise ValidationError({"area": _("You may only file places under your own area.")})
            if place is None:
                place = services.create_place(request.municipality, data, actor=request.user)
                messages.success(request, _("The place was created."))
            else:
                services.update_place(
                    place, data, actor=request.user, expected_version=form.cleaned_data.get("version")
                )
                messages.success(request, _("The place was saved."))
            return redirect("directory:place_detail", code=code, pk=place.pk)
        except ValidationError as exc:
            form_errors_from(form, exc)
    return render(request, "directory/place_form.html", {"form": form, "place": place})


@requires(perms.DIRECTORY_VIEW)
def lists(request, code):
    """The editable category taxonomy and organisation types."""
    can_edit = request.access.can(perms.DIRECTORY_CHANGE, None)
    category_form = CategoryForm(
        prefix="cat", instance=Category.objects.filter(pk=request.GET.get("category") or 0).first()
    )
    type_form = OrganizationTypeForm(
        prefix="type", instance=OrganizationType.objects.filter(pk=request.GET.get("type") or 0).first()
    )
    if request.method == "POST":
        if not can_edit:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(perms.DIRECTORY_CHANGE)
        try:
            if "cat-name" in request.POST:
                instance = Category.objects.filter(pk=request.POST.get("cat-id") or 0).first()
                category_form = CategoryForm(request.POST, prefix="cat", instance=instance)
                if category_form.is_valid():
                    taxonomy.save_category(
                        request.municipality,
                        category_form.cleaned_data,
                        actor=request.user,
                        category=instance,
                    )
                    messages.success(request, _("The category was saved."))
                    return redirect("directory:lists", code=code)
            else:
                instance = OrganizationType.objects.filter(pk=request.POST.get("type-id") or 0).first()
                type_form = OrganizationTypeForm(request.POST, prefix="type", instance=instance)
                if type_form.is_valid():
                    taxonomy.save_organization_type(
                        request.municipality, type_form.cleaned_data, actor=request.user, org_type=instance
                    )
                    messages.success(request, _("The organisation type was saved."))
                    return redirect("directory:lists", code=code)
        except ValidationError as exc:
            form_errors_from(category_form if "cat-name" in request.POST else type_form, exc)
    categories = (
        Category.objects.filter(parent__isnull=True)
        .prefetch_related("children")
        .annotate(n=Count("resources"))
    )
    return render(
        request,
        "directory/lists.html",
        {
            "categories": categories,
            "types": OrganizationType.objects.annotate(n=Count("organizations")),
            "category_form": category_form,
            "type_form": type_form,
            "can_edit": can_edit,
        },
    )
