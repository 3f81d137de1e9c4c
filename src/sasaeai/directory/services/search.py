"""Search for Japanese text, area, category, weekday and distance; the same on SQLite and PostgreSQL.

Text: the service keeps normalised columns (services/text.py); a query term matches with a plain
substring test (LIKE), which — unlike trigram indexes — finds two-character words such as 体操.
On PostgreSQL a GIN index over the text's two-character pieces (migration 0004) first narrows the
rows to those holding every piece of the term; the LIKE test still decides, so both databases
return the same rows. Ranking: name (or reading) > category > other text. Distance: a bounding
box in SQL, the exact great-circle distance in Python.
"""

import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Case, Count, F, Func, IntegerField, Q, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Collate
from django.utils import timezone

from sasaeai.core.models import Area

from ..models import Category, Closure, ClosureKind, Resource, ResourceStatus
from ..scheduling import is_national_holiday, is_year_end, next_date_on_weekday
from .text import bigrams, normalise, query_terms

EARTH_RADIUS_M = 6_371_000
DEFAULT_RADIUS_M = 2_000
MAX_RADIUS_M = 50_000


# Who may join, by care level (自立 / 要支援 / 要介護): the resource's flag for each.
CARE_LEVELS = {
    "independent": "accepts_independent",
    "support": "accepts_support_need",
    "care": "accepts_care_need",
}


@dataclass
class SearchParams:
    q: str = ""
    area: Area | None = None
    category: Category | None = None
    weekday: int | None = None
    near: tuple[float, float] | None = None
    radius_m: int = DEFAULT_RADIUS_M
    status: str = ""
    sector: str = ""
    stale: bool = False
    today: date | None = None
    care_level: str = ""  # a key of CARE_LEVELS: resources that accept people at that level
    wheelchair: bool = False
    transport: bool = False


@dataclass
class SearchResult:
    count: int
    items: list[Resource]
    distances: dict[int, float] = field(default_factory=dict)
    # With a weekday: the date whose closures were checked (the next such day), for the pages to say.
    weekday_date: date | None = None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * max(math.cos(math.radians(lat)), 0.01)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


MAX_ID = 2**63 - 1  # the largest primary key either database stores
MAX_PAGE = 10_000


def parse_id(value) -> int | None:
    """A record id from a query string: ASCII digits within the database's range, else None ("abc", "²", "1e9")."""
    value = str(value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 19 and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def parse_page(value) -> int:
    """A page number from a query string: 1 for anything that is not a number, at most MAX_PAGE."""
    return min(parse_id(value) or 1, MAX_PAGE)


def parse_near(value: str | None) -> tuple[float, float] | None:
    """ "36.38,139.73" → (36.38, 139.73); None when empty; ValueError when malformed or outside Japan."""
    if not value:
        return None
    lat_s, lon_s = value.replace("，", ",").split(",")
    lat, lon = float(lat_s), float(lon_s)  # "nan" and "inf" fail the range test below
    if not (20 <= lat <= 46 and 122 <= lon <= 154):
        raise ValueError(value)
    return lat, lon


def _binary(expression: str):
    """Order by code point on both databases (PostgreSQL's locale would order kana differently)."""
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


def _through_ids(relation, **lookups):
    return relation.through.objects.filter(**lookups).values("resource_id")


def filter_resources(qs: QuerySet, params: SearchParams) -> QuerySet:
    if params.area is not None:
        path = params.area.path
        qs = qs.filter(
            Q(area__path__startswith=path)
            | Q(pk__in=_through_ids(Resource.service_areas, area__path__startswith=path))
            | Q(pk__in=_through_ids(Resource.places, place__area__path__startswith=path))
        )
    if params.category is not None:
        ids = [
            params.category.pk,
            *Category.objects.filter(parent=params.category).values_list("pk", flat=True),
        ]
        qs = qs.filter(pk__in=_through_ids(Resource.categories, category_id__in=ids))
    if params.care_level:
        qs = qs.filter(**{CARE_LEVELS[params.care_level]: True})
    if params.wheelchair:
        qs = qs.filter(wheelchair_accessible=True)
    if params.transport:
        qs = qs.filter(transport_provided=True)
    if params.status:
        qs = qs.filter(status=params.status)
    if params.sector:
        qs = qs.filter(organization__sector=params.sector)
    if params.stale:
        today = params.today or timezone.localdate()
        cutoff = (
            today.replace(year=today.year - 1)
            if not (today.month == 2 and today.day == 29)
            else today.replace(year=today.year - 1, day=28)
        )
        # Never verified counts from the day it was entered (a local day: compare with its first instant).
        entered_before = timezone.make_aware(datetime.combine(cutoff, time.min))
        qs = qs.filter(
            Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True, created_at__lt=entered_before)
        )
    if params.weekday is not None:
        qs = filter_weekday(qs, params.weekday, params.today or timezone.localdate())
    return filter_text(qs, query_terms(params.q))


class _Bigrams(Func):
    """`sasaeai_bigrams(column)`, the PostgreSQL function of migration 0004, as an array."""

    function = "sasaeai_bigrams"

    def __init__(self, expression):
        from django.contrib.postgres.fields import ArrayField

        super().__init__(expression, output_field=ArrayField(TextField()))


def filter_text(qs: QuerySet, terms: list[str]) -> QuerySet:
    """Every term occurs in the search text. On PostgreSQL the rows must first hold all the terms'
    two-character pieces, which the GIN index answers without reading the table."""
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    grams = sorted({gram for term in terms for gram in bigrams(term)})
    if grams and connection.vendor == "postgresql":
        qs = qs.alias(search_grams=_Bigrams("search_text")).filter(search_grams__contains=grams)
    return qs


def filter_weekday(qs: QuerySet, weekday: int, today: date) -> QuerySet:
    """Active resources meeting on that weekday and not closed on its next date."""
    day = next_date_on_weekday(weekday, today)
    closed = Q(kind=ClosureKind.PERIOD, starts_on__lte=day) & (
        Q(ends_on__gte=day) | Q(ends_on__isnull=True, starts_on=day)
    )
    if is_national_holiday(day):
        closed |= Q(kind=ClosureKind.NATIONAL_HOLIDAYS)
    if is_year_end(day):
        closed |= Q(kind=ClosureKind.YEAR_END)
    qs = qs.filter(status=ResourceStatus.ACTIVE, weekdays__contains=str(weekday))
    return qs.exclude(pk__in=Closure.objects.filter(closed).values("resource_id"))


def _ranked(qs: QuerySet, terms: list[str]) -> QuerySet:
    if not terms:
        return qs.order_by(_binary("search_name"), "pk")
    first = terms[0]
    rank = Case(
        When(search_name__contains=first, then=Value(4)),
        When(search_reading__contains=first, then=Value(3)),
        When(search_categories__contains=first, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(rank=rank).order_by(F("rank").desc(), _binary("search_name"), "pk")


def search_resources(
    qs: QuerySet, params: SearchParams, *, offset: int = 0, limit: int = 50, fetch: QuerySet | None = None
) -> SearchResult:
    """Filter, rank and page; with `near`, only resources within the radius, nearest first.

    The page's ids come first, then one query fetches those rows from `fetch` (by default with their
    organisation; the API passes its prefetching queryset so that the rows are read once).
    With words, one scan gives the ids and the total (a window count): ranking must see every match
    anyway. Without words the list order is an index (migration 0004), so the page is read from
    the index and the total is a separate count, which is cheaper than sorting every match.
    """
    params = replace(params, today=params.today or timezone.localdate())  # one "today" for filter and note
    qs = filter_resources(qs, params)
    fetch = Resource.objects.select_related("organization") if fetch is None else fetch
    result = _search_page(qs, params, offset, limit, fetch)
    if params.weekday is not None:
        result.weekday_date = next_date_on_weekday(params.weekday, params.today)
    return result


def _search_page(
    qs: QuerySet, params: SearchParams, offset: int, limit: int, fetch: QuerySet
) -> SearchResult:
    if params.near is None:
        terms = query_terms(params.q)
        if terms:
            ordered = _ranked(qs, terms).annotate(total=Window(Count("pk")))
            rows = list(ordered.values_list("pk", "total")[offset : offset + limit])
            count = rows[0][1] if rows else (qs.count() if offset else 0)
            page_ids = [pk for pk, _total in rows]
        else:
            page_ids = list(_ranked(qs, terms).values_list("pk", flat=True)[offset : offset + limit])
            count = qs.count() if page_ids or offset else 0
        by_pk = fetch.in_bulk(page_ids)  # a row deleted since the ids were read is left out
        return SearchResult(count, [by_pk[pk] for pk in page_ids if pk in by_pk])
    lat, lon = params.near
    radius = min(max(int(params.radius_m or DEFAULT_RADIUS_M), 1), MAX_RADIUS_M)
    south, north, west, east = bounding_box(lat, lon, radius)
    candidates = qs.filter(latitude__range=(south, north), longitude__range=(west, east)).values_list(
        "pk", "latitude", "longitude"
    )
    distances = {}
    for pk, la, lo in candidates:
        d = distance_m(lat, lon, la, lo)
        if d <= radius:
            distances[pk] = d
    ordered_ids = sorted(distances, key=lambda pk: (distances[pk], pk))
    page_ids = ordered_ids[offset : offset + limit]
    by_pk = fetch.in_bulk(page_ids)
    return SearchResult(
        len(ordered_ids),
        [by_pk[pk] for pk in page_ids if pk in by_pk],
        {pk: round(distances[pk]) for pk in page_ids},
    )


PUBLIC_STATUSES = (ResourceStatus.ACTIVE, ResourceStatus.PAUSED)


def public_resources() -> QuerySet:
    """What residents may see: published resources that are running or paused, never drafts or ended ones."""
    return Resource.objects.filter(published=True, status__in=PUBLIC_STATUSES)


def locate(text: str) -> tuple[float, float, str] | None:
    """A point for "near this address" without any outside geocoder (closed networks): the deepest
    area of the tree whose name occurs in the text (…本町2-3 → 本町), or a place with that address."""
    key = normalise(text)
    if not key:
        return None
    best = None
    for area in Area.objects.filter(latitude__isnull=False).only("name", "latitude", "longitude", "layer"):
        name = normalise(area.name)
        if (
            name
            and name in key
            and (best is None or (area.layer, len(name)) > (best.layer, len(normalise(best.name))))
        ):
            best = area
    if best is not None:
        return best.latitude, best.longitude, best.name
    from ..models import Place

    for place in (
        Place.objects.filter(latitude__isnull=False)
        .exclude(address="")
        .only("name", "address", "latitude", "longitude")
    ):
        if normalise(place.address) and (normalise(place.address) in key or key in normalise(place.address)):
            return place.latitude, place.longitude, place.name
    return None
