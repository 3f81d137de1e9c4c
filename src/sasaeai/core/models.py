"""Tenants (municipalities), the area tree, staff roles, API tokens and audit events."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords


def validate_local_government_code(value: str) -> None:
    """全国地方公共団体コード: five digits plus a modulus-11 check digit."""
    if len(value) != 6 or not value.isdigit():
        raise ValidationError(_("Enter the 6-digit local government code."), code="format")
    total = sum(int(d) * w for d, w in zip(value[:5], (6, 5, 4, 3, 2), strict=True))
    check = (11 - total % 11) % 10
    if int(value[5]) != check:
        raise ValidationError(_("The check digit of the local government code is wrong."), code="check_digit")


class Municipality(models.Model):
    """A tenant: one 市町村 (or 特別区). Everything else belongs to exactly one."""

    code = models.CharField(
        _("local government code"), max_length=6, unique=True, validators=[validate_local_government_code]
    )
    name = models.CharField(_("name"), max_length=100)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class TenantModel(models.Model):
    """Base of every record that belongs to a municipality.

    The default manager raises outside `scope(municipality=…)`; every change is kept by
    django-simple-history, which also lets an admin restore deleted rows.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    # Optimistic locking (core.concurrency): an edit based on an old version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScopedManager(municipality="municipality")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Layer(models.IntegerChoices):
    MUNICIPALITY = 1, _("1st layer (whole municipality)")
    DAILY_LIFE_AREA = 2, _("2nd layer (daily-life area / district)")
    NEIGHBOURHOOD = 3, _("3rd layer (town / neighbourhood association)")


class Area(TenantModel):
    """A node of the municipality's area tree (圏域・地区・町)."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    layer = models.PositiveSmallIntegerField(_("layer"), choices=Layer.choices)
    name = models.CharField(_("name"), max_length=100)
    reading = models.CharField(_("reading"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=30, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # Materialised path of ids ("/3/17/") so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["path"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                condition=~models.Q(code=""),
                name="area_code_unique_per_municipality",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2 if self.path else 0

    def subtree(self):
        return Area.objects.filter(municipality_id=self.municipality_id, path__startswith=self.path)


class AreaPopulation(TenantModel):
    """Population figures of an area for one year, the base of later coverage analysis."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="populations", verbose_name=_("area")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveIntegerField(_("total population"))
    aged_65_plus = models.PositiveIntegerField(_("aged 65 and over"))
    aged_75_plus = models.PositiveIntegerField(_("aged 75 and over"))
    elderly_single_households = models.PositiveIntegerField(_("elderly single households"), default=0)

    class Meta:
        ordering = ["area__path", "-year"]
        verbose_name = _("population")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_population_per_area_and_year")
        ]

    def __str__(self):
        return f"{self.area} {self.year}"

    @property
    def ageing_rate(self) -> float | None:
        return round(100 * self.aged_65_plus / self.total, 1) if self.total else None


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    OFFICER = "officer", _("Municipal officer")
    COORDINATOR_L1 = "coordinator_l1", _("1st-layer coordinator")
    COORDINATOR_L2 = "coordinator_l2", _("2nd-layer coordinator")
    CENTER_STAFF = "center_staff", _("Community general support center staff")
    COUNCIL_MEMBER = "council_member", _("Council member")
    VIEWER = "viewer", _("Viewer")


AREA_SCOPED_ROLE_NAMES = frozenset({Role.COORDINATOR_L2, Role.CENTER_STAFF})


class StaffRole(TenantModel):
    """A user's role in one municipality; area-scoped roles carry the root of their subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_roles",
        verbose_name=_("area"),
    )
    title = models.CharField(_("title / workplace"), max_length=100, blank=True)

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role", "area"], name="staff_role_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the API. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["ApiToken", str]:
        raw = "sae_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[4:12], digest=cls.hash(raw))
        return token, raw

    def touch(self):
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=timezone.now())


class AuditEvent(models.Model):
    """An event that is not a row change: a view of personal data, an export, a login, an import."""

    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
