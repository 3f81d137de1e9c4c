from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from sasaeai.core import permissions as perms
from sasaeai.core.fiscal import current_fiscal_year, fiscal_year_label
from sasaeai.core.models import Area, Layer, StaffRole
from sasaeai.directory.models import Resource

from .models import ActivityKind, ActivityRecord, Unit


def _area_label(area: Area) -> str:
    return "　" * area.depth + area.name


def _user_label(user) -> str:
    return user.last_name or user.get_full_name() or user.username


class RecordForm(forms.ModelForm):
    """Phone-first: the date defaults to today, the coordinator to oneself, big controls."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    coordinators = SafeModelMultipleChoiceField(
        label=_("coordinators"), queryset=get_user_model().objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )  # fmt: skip

    resources = SafeModelMultipleChoiceField(
        label=_("resources"), queryset=Resource.objects.none(), required=False,
        help_text=_("The salons, services or groups this activity was about."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip

    class Meta:
        model = ActivityRecord
        field_classes = {"kind": SafeModelChoiceField, "area": SafeModelChoiceField}
        fields = [
            "date", "kind", "area", "start_time", "duration_minutes", "participants", "met_with", "summary",
            "coordinators", "resources", "follow_up_on", "follow_up_note",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "step": 5, "min": 0}),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "met_with": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, access, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.filter(pk__in=[k.pk for k in kinds]).order_by(
            "order", "id"
        )
        self.fields["kind"].empty_label = None
        areas = Area.objects.filter(municipality=municipality).order_by("path")
        grant = access.grants.get(perms.ACTIVITIES_CHANGE)
        if grant is not None and not grant.everywhere:
            # An area-scoped coordinator records only inside their own subtree.
            areas = areas.filter(_paths_q(grant.paths))
            self.fields["area"].required = True
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = _area_label
        staff_ids = StaffRole.objects.filter(municipality=municipality).values_list("user_id", flat=True)
        self.fields["coordinators"].queryset = (
            get_user_model().objects.filter(pk__in=set(staff_ids)).order_by("last_name", "username")
        )
        self.fields["coordinators"].label_from_instance = _user_label
        self.fields["resources"].queryset = Resource.objects.filter(municipality=municipality).order_by(
            "reading", "name"
        )
        self.fields["date"].initial = self.fields["date"].initial or timezone.localdate()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.initial.setdefault(
                "coordinators", [link.user_id for link in self.instance.coordinator_links.all()]
            )
        for name, field in self.fields.items():
            css = (
                "form-select"
                if isinstance(field.widget, forms.Select | forms.SelectMultiple)
                else "form-control"
            )
            field.widget.attrs.setdefault(
                "class", css + " form-control-lg" if name in ("date", "kind") else css
            )

    # On a phone the first group is what a visit needs; the rest folds away under "More".
    MAIN_FIELDS = ("date", "kind", "area", "met_with", "summary")

    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.MAIN_FIELDS]

    def more_has_errors(self) -> bool:
        return any(f.errors for f in self.more_fields())

    def _post_clean(self):
        # Validation lives in the service (activities.services.records), shared with the API and imports.
        pass


def _paths_q(paths) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(path__startswith=p)
    return q


class KindForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActivityKind
        fields = ["code", "label", "unit", "order", "is_active"]
        widgets = {"unit": forms.Select(choices=Unit.choices)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-control")

    def _post_clean(self):
        pass


def fiscal_year_choices(around: int | None = None) -> list[tuple[int, str]]:
    year = around or current_fiscal_year()
    return [(y, fiscal_year_label(y)) for y in range(year + 1, year - 15, -1)]


class ReportFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int, choices=())
    area = SafeModelChoiceField(label=_("area"), queryset=Area.objects.none(), required=False)
    coordinator = SafeModelChoiceField(
        label=_("coordinator"), queryset=get_user_model().objects.none(), required=False
    )
    layer = forms.TypedChoiceField(
        label=_("layer"), coerce=int, required=False, empty_value=None, choices=[("", "—"), *Layer.choices]
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = fiscal_year_choices()
        self.fields["fiscal_year"].initial = current_fiscal_year()
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality).order_by("path")
        self.fields["area"].label_from_instance = _area_label
        self.fields["area"].empty_label = _("All areas")
        staff_ids = StaffRole.objects.filter(municipality=municipality).values_list("user_id", flat=True)
        self.fields["coordinator"].queryset = (
            get_user_model().objects.filter(pk__in=set(staff_ids)).order_by("last_name", "username")
        )
        self.fields["coordinator"].label_from_instance = _user_label
        self.fields["coordinator"].empty_label = _("Everyone")
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")

    def filters(self) -> tuple[int, dict]:
        """(fiscal year, filters) from a bound form, the current year when the form is not valid."""
        if self.is_valid():
            data = self.cleaned_data
            return data["fiscal_year"], {
                "area": data["area"],
                "coordinator": data["coordinator"],
                "layer": data["layer"],
            }
        return current_fiscal_year(), {"area": None, "coordinator": None, "layer": None}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"), widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )
