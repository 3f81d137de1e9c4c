"""Councils (協議体) and what happens in them: members, meetings, agenda, decisions and follow-up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sasaeai.core.fiscal import era_label
from sasaeai.core.models import Area, Layer, TenantModel


class Council(TenantModel):
    """A standing body at one layer of one area (生活支援検討会議, 第2層協議体 …)."""

    name = models.CharField(_("name"), max_length=150)
    layer = models.PositiveSmallIntegerField(_("layer"), choices=Layer.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="councils", verbose_name=_("area"))
    purpose = models.TextField(_("purpose"), blank=True)
    secretariat = models.CharField(_("secretariat"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["layer", "area__path", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self):
        return self.name


class RelatedBody(TenantModel):
    """A body around a council, e.g. the advisor team that receives its reports (小山市アドバイザーチーム)."""

    class Relation(models.TextChoices):
        REPORTS_TO = "reports_to", _("receives the council's reports")
        ADVISES = "advises", _("advises the council")
        COOPERATES = "cooperates", _("works with the council")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=150)
    relation = models.CharField(
        _("relation"), max_length=20, choices=Relation.choices, default=Relation.REPORTS_TO
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["council_id", "name"]
        verbose_name = _("related body")
        verbose_name_plural = _("related bodies")

    def __str__(self):
        return self.name


class CouncilMember(TenantModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")
        ADVISOR = "advisor", _("Advisor")
        SECRETARIAT = "secretariat", _("Secretariat")
        OBSERVER = "observer", _("Observer")

    ROLE_ORDER = [r.value for r in Role]

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("council")
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation represented"), max_length=200, blank=True)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="council_seats",
        verbose_name=_("organisation in the directory"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_from = models.DateField(_("term from"), null=True, blank=True)
    term_to = models.DateField(_("term to"), null=True, blank=True)
    # A member with a login (role council_member) sees the councils they sit on.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
        verbose_name=_("user account"),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["council_id", "sort_order", "reading", "name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self):
        return self.name

    def serving_on(self, day) -> bool:
        return (self.term_from is None or self.term_from <= day) and (
            self.term_to is None or day <= self.term_to
        )


class Meeting(TenantModel):
    """第N回: numbered per council and fiscal year by the service (never by hand)."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        WRITTEN = "written", _("In writing")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("council")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    attendees = models.ManyToManyField(
        CouncilMember, blank=True, related_name="meetings_attended", verbose_name=_("attendees")
    )
    other_attendance = models.TextField(
        _("other attendance"),
        blank=True,
        help_text=_("Guests, secretariat staff, observers not on the member list."),
    )
    participant_count = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    notice_text = models.TextField(_("notice text"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["council_id", "-date", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "fiscal_year", "number"], name="meeting_number_unique_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.council} {self.title}"

    @property
    def number_label(self) -> str:
        return gettext("Meeting no. %(n)s") % {"n": self.number}

    @property
    def title(self) -> str:
        return f"{era_label(self.fiscal_year)} {self.number_label}"

    @property
    def fiscal_year_label(self) -> str:
        return era_label(self.fiscal_year)


class AgendaItem(TenantModel):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        DISCUSSION = "discussion", _("Discussion")
        EXCHANGE = "exchange", _("Exchange of views")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Decision(TenantModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))
    # 事業化: the directory resource this decision led to.
    resource = models.ForeignKey(
        "directory.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="council_decisions",
        verbose_name=_("resulting resource"),
    )  # fmt: skip

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:60]


class ActionItem(TenantModel):
    """Follow-up that stays open across meetings until it is done (or dropped)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("council")
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
        verbose_name=_("decision"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # 事業化: the directory resource this action item led to.
    resource = models.ForeignKey(
        "directory.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="council_action_items",
        verbose_name=_("resulting resource"),
    )  # fmt: skip

    class Meta:
        ordering = ["council_id", "due_date", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Material(TenantModel):
    """A meeting material: an uploaded file, or a snapshot of live figures frozen when taken."""

    class Kind(models.TextChoices):
        FILE = "file", _("Uploaded file")
        SNAPSHOT = "snapshot", _("Snapshot")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="materials", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
        verbose_name=_("agenda item"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Files live under MEDIA_ROOT but are never served from there: a view checks the permission.
    file = models.FileField(_("file"), upload_to="councils/", max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    snapshot_kind = models.CharField(_("snapshot kind"), max_length=50, blank=True)
    snapshot_data = models.JSONField(_("snapshot data"), null=True, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "agenda_item__order", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title
