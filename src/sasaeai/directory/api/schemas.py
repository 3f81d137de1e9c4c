"""Request and response schemas of the directory API (staff, public search, HSDS paging)."""

from datetime import date, datetime, time
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator

from ..models import ResourceStatus, Sector
from ..services.organizations import personal_value
from ..services.search import MAX_PAGE

CareLevel = Literal["independent", "support", "care"]
CARE_HELP = "who can join: independent (自立), support (要支援) or care (要介護)"
WEEKDAY_HELP = (
    "0 = Monday … 6 = Sunday: active resources that meet on that weekday, leaving out those closed "
    "on the next such day (a holiday, the year-end break, a closure period)."
)

MAX_OFFSET = 1_000_000

# Public query text: a NUL character (which PostgreSQL cannot store or compare) is dropped.
PublicText = Annotated[str, AfterValidator(lambda value: value.replace("\x00", ""))]


# --- schemas ------------------------------------------------------------------------------------


class ScheduleSchema(Schema):
    freq: str = Field("", description="WEEKLY, MONTHLY, DAILY or empty for an irregular schedule")
    interval: int = Field(1, ge=1, le=52)
    byday: str = Field("", description="RFC 5545 BYDAY: WE, 2TU,4TU, MO,TU,WE,FR,SA,SU")
    bymonthday: str = ""
    opens_at: time | None = None
    closes_at: time | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = Field("", max_length=200)
    place: int | None = Field(None, alias="place_id")


class ClosureSchema(Schema):
    kind: str = Field("period", description="period, holidays (national holidays) or year_end")
    starts_on: date | None = None
    ends_on: date | None = None
    reason: str = ""


class ResourceOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    description: str
    status: str
    published: bool
    organization: int | None = Field(None, alias="organization_id")
    area: int | None = Field(None, alias="area_id")
    categories: list[int]
    service_areas: list[int]
    places: list[int]
    schedules: list[ScheduleSchema]
    closures: list[ClosureSchema]
    phone: str
    email: str
    url: str
    cost: str
    is_free: bool
    min_age: int | None
    accepts_independent: bool
    accepts_support_need: bool
    accepts_care_need: bool
    disability_ok: bool
    residents_only: bool
    eligibility_note: str
    capacity: int | None
    how_to_join: str
    wheelchair_accessible: bool
    transport_provided: bool
    accessibility_note: str
    schedule_note: str
    last_verified: date | None
    ended_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_categories(obj):
        return [c.pk for c in obj.categories.all()]

    @staticmethod
    def resolve_service_areas(obj):
        return [a.pk for a in obj.service_areas.all()]

    @staticmethod
    def resolve_places(obj):
        return [p.pk for p in obj.places.all()]

    @staticmethod
    def resolve_schedules(obj):
        return list(obj.schedules.all())

    @staticmethod
    def resolve_closures(obj):
        return list(obj.closures.all())


class ResourceIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = Field("", max_length=200)
    description: str = ""
    status: str = "active"
    published: bool = False
    organization: int | None = None
    area: int | None = None
    categories: list[int] = []
    service_areas: list[int] = []
    places: list[int] = []
    schedules: list[ScheduleSchema] = []
    closures: list[ClosureSchema] = []
    phone: str = ""
    email: str = ""
    url: str = ""
    cost: str = ""
    is_free: bool = False
    min_age: int | None = None
    accepts_independent: bool = True
    accepts_support_need: bool = True
    accepts_care_need: bool = False
    disability_ok: bool = False
    residents_only: bool = False
    eligibility_note: str = ""
    capacity: int | None = None
    how_to_join: str = ""
    wheelchair_accessible: bool = False
    transport_provided: bool = False
    accessibility_note: str = ""
    schedule_note: str = ""
    last_verified: date | None = None


class ResourcePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    reading: str | None = None
    description: str | None = None
    status: str | None = None
    published: bool | None = None
    organization: int | None = None
    area: int | None = None
    categories: list[int] | None = None
    service_areas: list[int] | None = None
    places: list[int] | None = None
    schedules: list[ScheduleSchema] | None = None
    closures: list[ClosureSchema] | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    cost: str | None = None
    is_free: bool | None = None
    min_age: int | None = None
    accepts_independent: bool | None = None
    accepts_support_need: bool | None = None
    accepts_care_need: bool | None = None
    disability_ok: bool | None = None
    residents_only: bool | None = None
    eligibility_note: str | None = None
    capacity: int | None = None
    how_to_join: str | None = None
    wheelchair_accessible: bool | None = None
    transport_provided: bool | None = None
    accessibility_note: str | None = None
    schedule_note: str | None = None
    last_verified: date | None = None
    version: int | None = Field(None, description="The version you edited; a stale one answers 409.")


class OrganizationOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    type: int | None = Field(None, alias="type_id")
    type_name: str | None = Field(None, alias="type.name")
    sector: str
    area: int | None = Field(None, alias="area_id")
    postal_code: str
    address: str
    phone: str
    email: str
    url: str
    contact_person: str = Field(description="personal data: blank unless you hold PERSONAL_VIEW for its area")
    notes: str = Field(description="may name people: blank unless you hold PERSONAL_VIEW for its area")
    version: int

    @staticmethod
    def resolve_contact_person(obj, context):
        return personal_value(context["request"].access, obj, "contact_person")

    @staticmethod
    def resolve_notes(obj, context):
        return personal_value(context["request"].access, obj, "notes")


class OrganizationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = ""
    type: int | None = None
    sector: str = ""
    area: int | None = None
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    contact_person: str = ""
    notes: str = ""


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    reading: str | None = None
    type: int | None = None
    sector: str | None = None
    area: int | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    contact_person: str | None = None
    notes: str | None = None
    version: int | None = None


class CategoryOut(Schema):
    id: int
    public_id: UUID
    parent: int | None = Field(None, alias="parent_id")
    name: str
    code: str


class PlaceOut(Schema):
    id: int
    public_id: UUID
    name: str
    reading: str
    address: str
    latitude: float | None
    longitude: float | None
    area: int | None = Field(None, alias="area_id")
    is_potential: bool
    capacity: int | None
    availability: str
    version: int


class PlaceIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    reading: str = ""
    postal_code: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    area: int | None = None
    is_potential: bool = False
    capacity: int | None = None
    availability: str = ""
    notes: str = ""


class StaffSearch(Schema):
    q: str = ""
    area: int | None = None
    category: int | None = None
    weekday: int | None = Field(None, ge=0, le=6, description=WEEKDAY_HELP)
    care_level: CareLevel | None = Field(None, description=CARE_HELP)
    wheelchair: bool = Field(False, description="only wheelchair-accessible resources")
    transport: bool = Field(False, description="only resources that provide transport")
    status: Literal[("", *ResourceStatus.values)] = ""
    sector: Literal[("", *Sector.values)] = ""
    stale: bool = False
    near: str | None = Field(None, description="lat,lon")
    radius_m: int = Field(2000, ge=1, le=50000)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PublicSearch(Schema):
    q: PublicText = ""
    area: PublicText | None = Field(None, description="area id or area code")
    category: PublicText | None = Field(
        None, description="category id, code or public id; includes its sub-categories"
    )
    weekday: int | None = Field(None, ge=0, le=6, description=WEEKDAY_HELP)
    care_level: CareLevel | None = Field(None, description=CARE_HELP)
    wheelchair: bool = Field(False, description="only wheelchair-accessible resources")
    transport: bool = Field(False, description="only resources that provide transport")
    near: PublicText | None = Field(
        None, description="lat,lon — only resources within radius_m, nearest first"
    )
    address: PublicText | None = Field(
        None, description="an address or town name, located on the area tree (no outside geocoder)"
    )
    radius_m: int = Field(2000, ge=1, le=50000)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SearchOut(Schema):
    count: int
    items: list[dict]


class StaffSearchOut(Schema):
    count: int
    items: list[ResourceOut]
    distances: dict[int, float] = {}


class HsdsPage(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(50, ge=1, le=500)
