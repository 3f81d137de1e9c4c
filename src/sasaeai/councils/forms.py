"""Forms of the staff pages. Validation lives in the services; these only parse input."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from sasaeai.core.models import Area, StaffRole

from .models import ActionItem, AgendaItem, Council, CouncilMember, Decision, Meeting, RelatedBody
from .services.councils import BODY_FIELDS, COUNCIL_FIELDS, MEMBER_FIELDS
from .snapshots import snapshot_kinds

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def bootstrap(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else ""
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css:
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ServiceValidatedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # The services validate (shared with the API); see councils/services.
        pass

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CouncilForm(ServiceValidatedForm):
    class Meta:
        model = Council
        fields = list(COUNCIL_FIELDS)
        field_classes = {"area": SafeModelChoiceField}
        widgets = {"established_on": DATE, "purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality).order_by("path")
        self.fields["area"].label_from_instance = lambda a: "　" * a.depth + a.name


class RelatedBodyForm(ServiceValidatedForm):
    class Meta:
        model = RelatedBody
        fields = list(BODY_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MemberForm(ServiceValidatedForm):
    class Meta:
        model = CouncilMember
        fields = list(MEMBER_FIELDS)
        field_classes = {"user": forms.ModelChoiceField, "organization": SafeModelChoiceField}
        widgets = {"term_from": DATE, "term_to": DATE}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from sasaeai.directory.models import Organization

        self.fields["organization"].queryset = Organization.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["organization"].help_text = _(
            "Optional: the organisation as registered in the directory."
        )
        user_ids = StaffRole.objects.filter(municipality=municipality).values("user_id")
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=user_ids).order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.last_name or u.username}（{u.username}）"
        self.fields["user"].help_text = _(
            "Link a login so that the member sees this council's meetings and materials."
        )


class MeetingForm(ServiceValidatedForm):
    class Meta:
        model = Meeting
        fields = [
            "date", "start_time", "end_time", "place", "format", "status", "attendees", "other_attendance",
            "participant_count", "notice_text", "minutes",
        ]  # fmt: skip
        field_classes = {"attendees": SafeModelMultipleChoiceField}
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "attendees": forms.CheckboxSelectMultiple,
            "other_attendance": forms.Textarea(attrs={"rows": 2}),
            "notice_text": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = council.members.all()
        self.fields["attendees"].required = False
        self.fields["notice_text"].help_text = _("Printed on the notice (開催通知) above the agenda.")


class AgendaItemForm(ServiceValidatedForm):
    class Meta:
        model = AgendaItem
        fields = ["order", "kind", "title", "presenter", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False


class DecisionForm(ServiceValidatedForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", "text"]
        field_classes = {"agenda_item": SafeModelChoiceField}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "placeholder": _("decision")})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["agenda_item"].required = False


class ActionItemForm(ServiceValidatedForm):
    class Meta:
        model = ActionItem
        fields = ["title", "description", "owner", "due_date", "status", "agenda_item", "decision"]
        field_classes = {"agenda_item": SafeModelChoiceField, "decision": SafeModelChoiceField}
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting__council=council
        ).select_related("meeting")
        self.fields["agenda_item"].label_from_instance = lambda a: f"{a.meeting.title}: {a.title}"
        self.fields["agenda_item"].required = False
        self.fields["decision"].queryset = Decision.objects.filter(meeting__council=council).select_related(
            "meeting"
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d.meeting.title}: {d.text[:40]}"
        self.fields["decision"].required = False


class MaterialUploadForm(BootstrapForm):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    agenda_item = SafeModelChoiceField(
        label=_("agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class SnapshotForm(BootstrapForm):
    snapshot_kind = forms.ChoiceField(label=_("snapshot kind"))
    title = forms.CharField(label=_("title"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["snapshot_kind"].choices = [(k.code, k.label) for k in snapshot_kinds()]


class ResourceFromActionForm(BootstrapForm):
    name = forms.CharField(label=_("name of the new resource"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    close = forms.BooleanField(label=_("mark the action item as done"), required=False, initial=True)
