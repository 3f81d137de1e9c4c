"""Activity records (活動記録) of the coordinators and the editable list of their kinds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sasaeai.core.fiscal import fiscal_year_of, wareki_date
from sasaeai.core.models import Area, TenantModel


class Unit(models.TextChoices):
    TIMES = "回", _("times (回)")
    CASES = "件", _("cases (件)")


class ActivityKind(TenantModel):
    """A row of the monthly report (訪問, 相談, 第1層協議体 …); each municipality edits its own list."""

    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=100)
    unit = models.CharField(_("unit"), max_length=2, choices=Unit.choices, default=Unit.TIMES)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="activity_kind_code_unique"),
        ]

    def __str__(self):
        return self.label


class ActivityRecord(TenantModel):
    """One thing a coordinator did: a visit, a consultation, a meeting held, a workshop …"""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, related_name="records", verbose_name=_("kind")
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_records",
        verbose_name=_("area"),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ActivityCoordinator",
        related_name="activity_records",
        blank=True,
        verbose_name=_("coordinators"),
    )
    resources = models.ManyToManyField(
        "directory.Resource",
        through="ActivityResource",
        related_name="activity_records",
        blank=True,
        verbose_name=_("resources"),
    )
    met_with = models.TextField(_("organisations and residents met"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_note = models.CharField(_("what to follow up"), max_length=200, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    # Records that another app keeps in step (e.g. "councils.meeting:42"); empty for typed-in ones.
    source_key = models.CharField(_("source"), max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Derived from `date` on save so that the reports group by plain columns with an index.
    fiscal_year = models.PositiveSmallIntegerField(editable=False, default=0)
    month = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        indexes = [
            # Covering for the monthly table, with `area` so that area and layer filters need no table row.
            models.Index(
                fields=["municipality", "fiscal_year", "kind", "month", "area"], name="activity_report_idx"
            ),
            models.Index(
                fields=["municipality", "fiscal_year", "area", "kind", "month"],
                name="activity_area_report_idx",
            ),
            models.Index(fields=["municipality", "date"], name="activity_date_idx"),
            models.Index(fields=["municipality", "follow_up_on"], name="activity_follow_up_idx"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.kind}"

    def derive_period(self) -> None:
        self.fiscal_year = fiscal_year_of(self.date)
        self.month = self.date.month

    def save(self, *args, **kwargs):
        self.derive_period()
        super().save(*args, **kwargs)

    @property
    def date_wareki(self) -> str:
        return wareki_date(self.date)


class ActivityCoordinator(TenantModel):
    """A coordinator who took part in a record (the municipality is copied from the record)."""

    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE, related_name="coordinator_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_links"
    )

    class Meta:
        verbose_name = _("coordinator of a record")
        verbose_name_plural = _("coordinators of records")
        constraints = [models.UniqueConstraint(fields=["record", "user"], name="activity_coordinator_unique")]
        indexes = [models.Index(fields=["user", "record"], name="activity_coordinator_user_idx")]

    def __str__(self):
        return f"{self.record} – {self.user}"


class ActivityResource(TenantModel):
    """A resource (社会資源) a record was about: a salon visited, a service introduced."""

    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey(
        "directory.Resource", on_delete=models.CASCADE, related_name="activity_links"
    )

    class Meta:
        verbose_name = _("resource of a record")
        verbose_name_plural = _("resources of records")
        constraints = [
            models.UniqueConstraint(fields=["record", "resource"], name="activity_resource_unique")
        ]

    def __str__(self):
        return f"{self.record} – {self.resource}"
