"""Public directory (no login): search, list with a map, a plain-words detail page, the printable map."""

from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sasaeai.core.forms import area_option_tags
from sasaeai.core.models import Area

from ..forms import WhereAndWhenForm
from ..models import Category, Closure, Resource, ResourceStatus, Schedule
from ..scheduling import next_dates
from ..services.search import (
    DEFAULT_RADIUS_M,
    SearchParams,
    locate,
    parse_id,
    parse_near,
    parse_page,
    public_resources,
    search_resources,
)
from .resources import resource_context

PAGE_SIZE = 30
RADIUS_CHOICES = [(500, "500m"), (1000, "1km"), (2000, "2km"), (5000, "5km")]


class PublicSearchForm(WhereAndWhenForm):
    field_order = ["q", "area", "category", "weekday"]

    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    near = forms.CharField(label=_("Near this point"), required=False, widget=forms.HiddenInput)
    address = forms.CharField(label=_("Near this address or town"), required=False, max_length=100)
    radius_m = forms.TypedChoiceField(
        label=_("distance"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS_M,
        initial=DEFAULT_RADIUS_M,
    )

    def clean_near(self):
        try:
            return parse_near(self.cleaned_data.get("near"))
        except ValueError:
            raise forms.ValidationError(_("The point is not valid.")) from None


def home(request, code):
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("radius_m", str(DEFAULT_RADIUS_M))
    form = PublicSearchForm(data)
    # A value that is not understood (a hand-edited or stale link) is left out and named; the rest applies.
    d = form.cleaned_data if form.is_bound and (form.is_valid() or True) else {}
    ignored = [str(form.fields[name].label) for name in form.errors if name in form.fields]
    page = parse_page(request.GET.get("page"))
    near, near_label, address_unknown = d.get("near"), "", False
    if near is None and d.get("address"):
        found = locate(d["address"])
        if found:
            near, near_label = (found[0], found[1]), found[2]
        else:
            address_unknown = True
    where = form.search_params() if form.is_bound else {}
    params = SearchParams(
        q=d.get("q") or "", near=near, radius_m=d.get("radius_m") or DEFAULT_RADIUS_M, **where
    )
    with_dates = Resource.objects.prefetch_related(
        Prefetch("schedules", queryset=Schedule.objects.all()),
        Prefetch("closures", queryset=Closure.objects.all()),
    )
    result = search_resources(
        public_resources(), params, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, fetch=with_dates
    )
    today = timezone.localdate()
    rows = []
    points = []
    for number, resource in enumerate(result.items, start=(page - 1) * PAGE_SIZE + 1):
        url = reverse("public:resource", kwargs={"code": code, "public_id": resource.public_id})
        upcoming = (  # a paused resource has no next meeting to announce
            next_dates(resource.schedules.all(), resource.closures.all(), today, count=1)
            if resource.status == ResourceStatus.ACTIVE
            else []
        )
        rows.append(
            {
                "number": number,
                "resource": resource,
                "url": url,
                "distance": result.distances.get(resource.pk),
                "next": upcoming[0] if upcoming else None,
            }
        )
        if resource.latitude is not None:
            points.append(
                {
                    "lat": resource.latitude,
                    "lon": resource.longitude,
                    "label": resource.name,
                    "url": url,
                    "number": number,
                }
            )
    if params.near:
        points.append(
            {
                "lat": params.near[0],
                "lon": params.near[1],
                "label": str(_("The chosen point")),
                "url": "",
                "number": "★",
            }
        )
    context = {
        "form": form,
        "result": result,
        "rows": rows,
        "points": points,
        "page": page,
        "has_next": page * PAGE_SIZE < result.count,
        "query_string": request.GET.urlencode(),
        "near": params.near,
        "near_label": near_label,
        "address_unknown": address_unknown,
        "ignored": ignored,
    }
    if request.headers.get("HX-Request"):
        return render(request, "public/_results.html", context)
    context["area_options"] = area_option_tags(params.area)
    return render(request, "public/home.html", context)


def resource(request, code, public_id):
    obj = get_object_or_404(public_resources().select_related("organization"), public_id=public_id)
    context = resource_context(obj)
    return render(request, "public/resource.html", context)


def map_sheet(request, code):
    """The printable 地域情報マップ of published resources (area and categories from the query)."""
    from .transfer import render_map_sheet  # noqa: I001

    if request.GET.get("area"):
        area_id = parse_id(request.GET["area"])
        area = Area.objects.filter(pk=area_id).first() if area_id else None
        if area is None:
            return render(request, "public/map_error.html", {"message": _("No such area.")}, status=400)
    else:
        area = Area.objects.filter(parent__isnull=True).first()
    if area is None:
        raise Http404
    ids = [i for i in (parse_id(v) for v in request.GET.getlist("category")) if i]  # others are ignored
    categories = list(Category.objects.filter(pk__in=ids))
    size = "A3" if request.GET.get("size") == "A3" else "A4"
    return render_map_sheet(request, public_resources(), area, categories, size, title="")
