"""The resource directory (社会資源): organisations, resources, places, schedules, closures, taxonomy.

Shaped after Open Referral HSDS 3.0: Organization ≈ organization, Resource ≈ service,
Place ≈ location, Schedule ≈ schedule (RFC 5545 terms), Category ≈ taxonomy_term,
Resource.service_areas ≈ service_area. Closures hold what HSDS schedules cannot express.
"""

import uuid
from datetime import date, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sasaeai.core.models import Area, TenantModel


class Sector(models.TextChoices):
    COMMUNITY = "community", _("Community organisations")  # 地縁組織
    INSTITUTION = "institution", _("Related institutions")  # 関係機関
    DIVERSE = "diverse", _("Diverse actors")  # 多様な主体


class OrganizationType(TenantModel):
    """An entry of the editable list of organisation types (自治会・町会, NPO法人 …)."""

    name = models.CharField(_("name"), max_length=60)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="org_type_unique_name")]

    def __str__(self):
        return self.name


class Organization(TenantModel):
    """団体・事業所: who provides resources."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    type = models.ForeignKey(
        OrganizationType, null=True, blank=True, on_delete=models.PROTECT, related_name="organizations",
        verbose_name=_("type"),
    )  # fmt: skip
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("area"),
    )
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("website"), blank=True)
    # A named contact person is personal data: shown to staff only, never published.
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["reading", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Category(TenantModel):
    """A taxonomy term of the two-level, editable category list (居場所・サロン › 定期型サロン)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    name = models.CharField(_("name"), max_length=60)
    code = models.CharField(_("code"), max_length=30, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    @property
    def level(self) -> int:
        return 2 if self.parent_id else 1


class Place(TenantModel):
    """HSDS location: where a resource happens, or a potential resource (資源のタネ) such as a free hall."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="places", verbose_name=_("area")
    )
    is_potential = models.BooleanField(
        _("potential resource (資源のタネ)"), default=False,
        help_text=_("A space that could host activities: a free room, a meeting hall, an empty shop."),
    )  # fmt: skip
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    availability = models.CharField(_("when it is available"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name


class ResourceStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Resource(TenantModel):
    """社会資源: a service, activity, group or programme residents can use."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="resources",
        verbose_name=_("provider"),
    )  # fmt: skip
    categories = models.ManyToManyField(
        Category, blank=True, related_name="resources", verbose_name=_("categories")
    )
    # The area the resource belongs to: it decides which area-scoped staff may change it.
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("area"),
    )
    service_areas = models.ManyToManyField(
        Area, blank=True, related_name="served_by", verbose_name=_("areas served")
    )
    places = models.ManyToManyField(Place, blank=True, related_name="resources", verbose_name=_("places"))
    # The row history (core.TenantModel) also keeps these links, so "カテゴリ: A → A、B" shows on the record.
    _history_m2m_fields = ["categories", "service_areas", "places"]
    status = models.CharField(_("status"), max_length=20, choices=ResourceStatus.choices, default="active")
    published = models.BooleanField(_("published"), default=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # contact (of the activity, not of a person)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("website"), blank=True)
    # cost, eligibility, capacity, how to join, accessibility
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    accepts_independent = models.BooleanField(_("accepts independent people (自立)"), default=True)
    accepts_support_need = models.BooleanField(_("accepts people needing support (要支援)"), default=True)
    accepts_care_need = models.BooleanField(_("accepts people needing care (要介護)"), default=False)
    disability_ok = models.BooleanField(_("people with disabilities welcome"), default=False)
    residents_only = models.BooleanField(_("residents of the area only"), default=False)
    eligibility_note = models.CharField(_("eligibility note"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people)"), null=True, blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    transport_provided = models.BooleanField(_("transport provided"), default=False)
    accessibility_note = models.CharField(_("accessibility note"), max_length=300, blank=True)
    schedule_note = models.CharField(_("schedule note"), max_length=300, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Kept by the service (services/search.py): normalised text for Japanese search, the first
    # place's point for the bounding box, and the weekdays ("0".."6") on which a schedule meets.
    search_name = models.CharField(max_length=200, editable=False, default="")
    search_reading = models.CharField(max_length=200, editable=False, default="")
    search_categories = models.CharField(max_length=600, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    weekdays = models.CharField(max_length=7, editable=False, default="")

    class Meta:
        ordering = ["reading", "name"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        # The bounding box is checked inside the index; only resources in it are read.
        indexes = [models.Index(fields=["latitude", "longitude"], name="resource_point_idx")]
        # No index on (published, status): most resources are published, and SQLite would then walk
        # the index row by row instead of scanning the table once (measured 4x slower at 100,000).

    def __str__(self):
        return self.name

    def is_stale(self, today: date | None = None) -> bool:
        """Not verified for over a year (a never-verified one counts from its creation)."""
        today = today or timezone.localdate()
        checked = self.last_verified or (timezone.localdate(self.created_at) if self.created_at else today)
        return checked < today - timedelta(days=365)

    @property
    def care_levels_label(self) -> str:
        labels = []
        if self.accepts_independent:
            labels.append("自立")
        if self.accepts_support_need:
            labels.append("要支援")
        if self.accepts_care_need:
            labels.append("要介護")
        return "・".join(labels)


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")
    DAILY = "DAILY", _("Daily")


class Schedule(TenantModel):
    """When a resource meets, in RFC 5545 terms as HSDS does (freq, interval, byday, bymonthday)."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("resource")
    )
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedules",
        verbose_name=_("place"),
    )
    freq = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("interval"), default=1)
    # Comma-separated RFC 5545 BYDAY values: "WE", "2TU,4TU", "MO,TU,WE,FR,SA,SU".
    byday = models.CharField(_("days (BYDAY)"), max_length=60, blank=True)
    bymonthday = models.CharField(_("days of month (BYMONTHDAY)"), max_length=60, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # HSDS `description`: for irregular schedules that no rule expresses.
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["resource", "id"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self):
        from .scheduling import describe_schedule

        return describe_schedule(self)


class ClosureKind(models.TextChoices):
    PERIOD = "period", _("Closed on these dates")
    NATIONAL_HOLIDAYS = "holidays", _("Closed on national holidays")
    YEAR_END = "year_end", _("Closed over the New Year (Dec 29 – Jan 3)")


class Closure(TenantModel):
    """Exceptions HSDS schedules cannot express: 祝日休み, 年末年始, a cancelled date or period."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="closures", verbose_name=_("resource")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ClosureKind.choices, default=ClosureKind.PERIOD)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["resource", "kind", "starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        if self.kind == ClosureKind.PERIOD:
            if self.ends_on and self.ends_on != self.starts_on:
                return f"{self.starts_on:%Y/%m/%d}〜{self.ends_on:%Y/%m/%d} 休み"
            return f"{self.starts_on:%Y/%m/%d} 休み" if self.starts_on else str(self.get_kind_display())
        return str(self.get_kind_display())
