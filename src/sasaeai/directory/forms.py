"""Forms of the directory pages. Validation lives in the services; forms only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from sasaeai.core.models import Area

from .models import (
    Category,
    ClosureKind,
    Organization,
    OrganizationType,
    Place,
    Resource,
    ResourceStatus,
    Sector,
)
from .scheduling import DAY_CODES, DAY_KANJI, parse_byday

WEEKDAY_CHOICES = [(str(i), f"{k}曜") for i, k in enumerate(DAY_KANJI)]
NTH_CHOICES = [("1", "第1"), ("2", "第2"), ("3", "第3"), ("4", "第4"), ("5", "第5"), ("-1", "最終")]
FREQ_CHOICES = [
    ("WEEKLY", _("Every week")),
    ("MONTHLY", _("Every month")),
    ("DAILY", _("Every day")),
    ("", _("Irregular (describe in the note)")),
]


def _area_label(a: Area) -> str:
    return "　" * a.depth + a.name


class _NoModelClean:
    def _post_clean(self):
        # Validation lives in the services, shared with the API and imports.
        pass


_CHECKBOX = forms.CheckboxInput(attrs={"class": "form-check-input"})
CARE_LEVEL_CHOICES = [
    ("", "—"),
    ("independent", _("Independent (自立)")),
    ("support", _("Needs support (要支援)")),
    ("care", _("Needs care (要介護)")),
]


class WhereAndWhenForm(forms.Form):
    """Area (with its subtree), category (with its children), weekday and who can join: shared by
    staff and public search."""

    area = SafeModelChoiceField(Area.objects.none(), label=_("area"), required=False)
    category = SafeModelChoiceField(Category.objects.none(), label=_("category"), required=False)
    weekday = forms.TypedChoiceField(
        label=_("weekday"),
        choices=[("", "—"), *WEEKDAY_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    care_level = forms.ChoiceField(label=_("Care level"), choices=CARE_LEVEL_CHOICES, required=False)
    wheelchair = forms.BooleanField(label=_("wheelchair accessible"), required=False, widget=_CHECKBOX)
    transport = forms.BooleanField(label=_("transport provided"), required=False, widget=_CHECKBOX)

    def search_params(self, **extra) -> dict:
        """The SearchParams keywords of these fields (cleaned_data must exist)."""
        d = self.cleaned_data
        return {
            "area": d.get("area"),
            "category": d.get("category"),
            "weekday": d.get("weekday"),
            "care_level": d.get("care_level") or "",
            "wheelchair": bool(d.get("wheelchair")),
            "transport": bool(d.get("transport")),
            **extra,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("path")
        self.fields["area"].label_from_instance = _area_label
        self.fields["category"].queryset = Category.objects.all()
        self.fields["category"].choices = category_choices()


class ResourceFilterForm(WhereAndWhenForm):
    field_order = ["q", "area", "category", "weekday"]

    q = forms.CharField(label=_("Text"), required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", "—"), *ResourceStatus.choices], required=False
    )
    sector = forms.ChoiceField(label=_("sector"), choices=[("", "—"), *Sector.choices], required=False)
    stale = forms.BooleanField(label=_("Not verified for over a year"), required=False, widget=_CHECKBOX)


def category_choices(blank=True) -> list:
    """Parents followed by their indented children."""
    choices = [("", "—")] if blank else []
    everything = list(Category.objects.order_by("sort_order", "name"))
    for parent in (c for c in everything if c.parent_id is None):
        choices.append((parent.pk, parent.name))
        choices.extend((child.pk, f"　{child.name}") for child in everything if child.parent_id == parent.pk)
    return choices


class ResourceForm(_NoModelClean, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    new_place_name = forms.CharField(label=_("New place: name"), required=False, max_length=200)
    new_place_address = forms.CharField(label=_("New place: address"), required=False, max_length=200)
    new_place_latitude = forms.FloatField(
        label=_("New place: latitude"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "data-map-lat": "1"}),
    )
    new_place_longitude = forms.FloatField(
        label=_("New place: longitude"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "data-map-lon": "1"}),
    )

    class Meta:
        model = Resource
        fields = [
            "name", "reading", "description", "organization", "area", "categories", "status", "published",
            "places", "service_areas", "phone", "email", "url", "cost", "is_free", "min_age",
            "accepts_independent", "accepts_support_need", "accepts_care_need", "disability_ok", "residents_only",
            "eligibility_note", "capacity", "how_to_join", "wheelchair_accessible", "transport_provided",
            "accessibility_note", "schedule_note", "last_verified",
        ]  # fmt: skip
        field_classes = {
            "organization": SafeModelChoiceField,
            "area": SafeModelChoiceField,
            "categories": SafeModelMultipleChoiceField,
            "places": SafeModelMultipleChoiceField,
            "service_areas": SafeModelMultipleChoiceField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "how_to_join": forms.Textarea(attrs={"rows": 2}),
            "categories": forms.CheckboxSelectMultiple,
            "service_areas": forms.SelectMultiple(attrs={"size": 6}),
            "places": forms.SelectMultiple(attrs={"size": 4}),
            "last_verified": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, changeable_areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("reading", "name")
        areas = Area.objects.order_by("path")
        self.fields["area"].queryset = changeable_areas if changeable_areas is not None else areas
        self.fields["area"].label_from_instance = _area_label
        self.fields["service_areas"].queryset = areas
        self.fields["service_areas"].label_from_instance = _area_label
        self.fields["places"].queryset = Place.objects.order_by("name")
        self.fields["categories"].queryset = Category.objects.select_related("parent").order_by(
            "parent__sort_order", "parent_id", "sort_order"
        )
        self.fields["categories"].choices = [c for c in category_choices(blank=False)]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def new_place_data(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("new_place_name"):
            return None
        return {
            "name": d["new_place_name"],
            "address": d.get("new_place_address") or "",
            "latitude": d.get("new_place_latitude"),
            "longitude": d.get("new_place_longitude"),
            "area": d.get("area"),
        }


class ScheduleForm(forms.Form):
    freq = forms.ChoiceField(label=_("frequency"), choices=FREQ_CHOICES, required=False)
    interval = forms.IntegerField(
        label=_("every … weeks/months"), min_value=1, max_value=52, required=False, initial=1
    )
    weeks = forms.MultipleChoiceField(
        label=_("weeks of the month"),
        choices=NTH_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.MultipleChoiceField(
        label=_("days of the week"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bymonthday = forms.CharField(label=_("days of the month (1,15)"), required=False, max_length=60)
    opens_at = forms.TimeField(
        label=_("opens at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("closes at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    valid_from = forms.DateField(
        label=_("valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("note"), required=False, max_length=200)

    @staticmethod
    def initial_for(schedule) -> dict:
        try:
            items = parse_byday(schedule.byday)
        except ValueError:
            items = []
        return {
            "freq": schedule.freq,
            "interval": schedule.interval,
            "weeks": sorted({str(n) for n, _d in items if n is not None}),
            "days": sorted({str(d) for _n, d in items}),
            "bymonthday": schedule.bymonthday,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "note": schedule.note,
        }

    def is_blank(self) -> bool:
        d = self.cleaned_data
        return not (
            d.get("days") or d.get("note") or d.get("bymonthday") or d.get("opens_at") or d.get("weeks")
        ) and (d.get("freq") in ("", None, "WEEKLY"))

    def to_service(self) -> dict:
        d = self.cleaned_data
        days = [DAY_CODES[int(x)] for x in d.get("days") or []]
        if d.get("freq") == "MONTHLY" and d.get("weeks"):
            byday = ",".join(f"{n}{day}" for day in days for n in d["weeks"])
        else:
            byday = ",".join(days)
        return {
            "freq": d.get("freq") or "",
            "interval": d.get("interval") or 1,
            "byday": byday,
            "bymonthday": d.get("bymonthday") or "",
            "opens_at": d.get("opens_at"),
            "closes_at": d.get("closes_at"),
            "valid_from": d.get("valid_from"),
            "valid_to": d.get("valid_to"),
            "note": d.get("note") or "",
        }


class ClosureForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "—"), *ClosureKind.choices], required=False)
    starts_on = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("kind")


ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=2, max_num=10)
ClosureFormSet = forms.formset_factory(ClosureForm, extra=1, max_num=10)


class OrganizationForm(_NoModelClean, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organization
        fields = [
            "name",
            "reading",
            "type",
            "area",
            "postal_code",
            "address",
            "phone",
            "email",
            "url",
            "contact_person",
            "notes",
        ]
        field_classes = {"type": SafeModelChoiceField, "area": SafeModelChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, changeable_areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = OrganizationType.objects.order_by("sort_order", "name")
        self.fields["type"].label_from_instance = lambda t: f"{t.name}（{t.get_sector_display()}）"
        self.fields["area"].queryset = (
            changeable_areas if changeable_areas is not None else Area.objects.order_by("path")
        )
        self.fields["area"].label_from_instance = _area_label
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class PlaceForm(_NoModelClean, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Place
        fields = [
            "name", "reading", "is_potential", "postal_code", "address", "latitude", "longitude", "area", "capacity",
            "availability", "notes",
        ]  # fmt: skip
        field_classes = {"area": SafeModelChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("path")
        self.fields["area"].label_from_instance = _area_label
        self.fields["latitude"].widget.attrs.update({"step": "any", "data-map-lat": "1"})
        self.fields["longitude"].widget.attrs.update({"step": "any", "data-map-lon": "1"})
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class CategoryForm(_NoModelClean, forms.ModelForm):
    class Meta:
        model = Category
        fields = ["parent", "name", "code", "description", "sort_order"]
        field_classes = {"parent": SafeModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Category.objects.filter(parent__isnull=True)


class OrganizationTypeForm(_NoModelClean, forms.ModelForm):
    class Meta:
        model = OrganizationType
        fields = ["name", "sector", "sort_order"]


class MapSheetForm(forms.Form):
    area = SafeModelChoiceField(Area.objects.none(), label=_("area"))
    categories = SafeModelMultipleChoiceField(
        Category.objects.none(), label=_("categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    size = forms.ChoiceField(label=_("paper size"), choices=[("A4", "A4"), ("A3", "A3")], initial="A4")
    title = forms.CharField(label=_("title"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("path")
        self.fields["area"].label_from_instance = _area_label
        self.fields["categories"].queryset = Category.objects.filter(parent__isnull=True).order_by(
            "sort_order"
        )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("resources", _("Resources")), ("organizations", _("Organisations"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"), widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )
