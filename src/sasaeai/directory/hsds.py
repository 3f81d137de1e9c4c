"""Open Referral HSDS 3.0 shapes of the published directory (export and the public HSDS API).

Only published data and no personal data: an organisation's named contact person and internal
notes never leave. Ids are the records' public UUIDs; ids of sub-objects (phones, addresses,
attributes) are derived from them with uuid5 so they stay stable between exports.
"""

import uuid
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from .models import Category, Organization, Place, Resource, Schedule

HSDS_VERSION = "3.0"
TAXONOMY_NAMESPACE = uuid.UUID("6c1b8f0e-5d4a-4f38-9a57-3f1f7d3c9b21")
STATUS = {"preparing": "inactive", "active": "active", "paused": "temporarily closed", "ended": "defunct"}
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"


def _sub_id(parent: uuid.UUID, name: str) -> str:
    return str(uuid.uuid5(parent, name))


def _clean(d: dict) -> dict:
    """HSDS fields are plain strings or numbers: leave out what is empty rather than send null."""
    return {k: v for k, v in d.items() if v not in (None, "")}


def taxonomy_id(municipality) -> str:
    return str(uuid.uuid5(TAXONOMY_NAMESPACE, f"sasaeai-categories-{municipality.code}"))


def taxonomy(municipality) -> dict:
    return {
        "id": taxonomy_id(municipality),
        "name": f"{municipality.name} 社会資源カテゴリ",
        "description": "生活支援体制整備事業の社会資源を分類する2階層のカテゴリ",
        "version": "1",
    }


def taxonomy_term(category: Category, municipality) -> dict:
    return _clean(
        {
            "id": str(category.public_id),
            "code": category.code,
            "name": category.name,
            "description": category.description or category.name,
            "parent_id": str(category.parent.public_id) if category.parent_id else None,
            "taxonomy": f"{municipality.name} 社会資源カテゴリ",
            "taxonomy_id": taxonomy_id(municipality),
            "language": "ja",
        }
    )


def organization(org: Organization, municipality) -> dict:
    description = org.type.name if org.type_id else (org.get_sector_display() if org.sector else org.name)
    data = {
        "id": str(org.public_id),
        "name": org.name,
        "alternate_name": org.reading,
        "description": str(description),
        "email": org.email,
        "website": org.url,
    }
    out = _clean(data)
    out["phones"] = (
        [{"id": _sub_id(org.public_id, "phone"), "organization_id": str(org.public_id), "number": org.phone}]
        if org.phone
        else []
    )
    return out


def schedule(s: Schedule, resource: Resource) -> dict:
    freq, byday = s.freq, s.byday
    if freq == "DAILY":  # HSDS allows WEEKLY and MONTHLY only: every day is weekly on all days.
        freq, byday = "WEEKLY", byday or ALL_DAYS
    from .scheduling import describe_schedule

    return _clean(
        {
            "id": _sub_id(resource.public_id, f"schedule-{s.pk}"),
            "service_id": str(resource.public_id),
            "location_id": str(s.place.public_id) if s.place_id else None,
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            "freq": freq or None,
            "interval": s.interval if freq else None,
            "byday": byday,
            "bymonthday": s.bymonthday,
            "opens_at": s.opens_at.strftime("%H:%M") if s.opens_at else None,
            "closes_at": s.closes_at.strftime("%H:%M") if s.closes_at else None,
            "description": describe_schedule(s),
            "notes": s.note,
            "attending_type": "in_person",
        }
    )


def location(place: Place, municipality) -> dict:
    out = _clean(
        {
            "id": str(place.public_id),
            "location_type": "physical",
            "name": place.name,
            "alternate_name": place.reading,
            "description": place.availability if place.is_potential else "",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    )
    out["addresses"] = (
        [
            {
                "id": _sub_id(place.public_id, "address"),
                "location_id": str(place.public_id),
                "address_1": place.address,
                "city": municipality.name,
                "state_province": municipality.prefecture,
                "postal_code": place.postal_code,
                "country": "JP",
                "address_type": "physical",
            }
        ]
        if place.address
        else []
    )
    return out


def service_at_location(resource: Resource, place: Place, municipality) -> dict:
    return {
        "id": _sub_id(resource.public_id, f"at-{place.public_id}"),
        "service_id": str(resource.public_id),
        "location_id": str(place.public_id),
        "location": location(place, municipality),
    }


def _eligibility(r: Resource) -> str:
    parts = []
    if r.care_levels_label:
        parts.append(f"対象: {r.care_levels_label}")
    if r.min_age:
        parts.append(f"{r.min_age}歳以上")
    if r.disability_ok:
        parts.append("障がいのある方も参加できます")
    if r.residents_only:
        parts.append("地区の住民のみ")
    if r.eligibility_note:
        parts.append(r.eligibility_note)
    return "。".join(parts)


def service(r: Resource, municipality, *, distance_m: float | None = None) -> dict:
    """A fully nested HSDS service (plus `locations` and `distance_m`, which the public search adds)."""
    places = list(r.places.all())
    categories = list(r.categories.all())
    out = _clean(
        {
            "id": str(r.public_id),
            "organization_id": str(r.organization.public_id) if r.organization_id else None,
            "name": r.name,
            "alternate_name": r.reading,
            "description": r.description,
            "url": r.url,
            "email": r.email,
            "status": STATUS[r.status],
            "fees_description": "無料" if r.is_free and not r.cost else r.cost,
            "eligibility_description": _eligibility(r),
            "minimum_age": r.min_age,
            "application_process": r.how_to_join,
            "accreditations": None,
            "alert": "休止中" if r.status == "paused" else None,
            "last_modified": r.updated_at.isoformat() if isinstance(r.updated_at, datetime) else None,
        }
    )
    out["description"] = r.description
    out["organization"] = organization(r.organization, municipality) if r.organization_id else None
    out["phones"] = (
        [{"id": _sub_id(r.public_id, "phone"), "service_id": str(r.public_id), "number": r.phone}]
        if r.phone
        else []
    )
    out["schedules"] = [schedule(s, r) for s in r.schedules.all()]
    out["service_areas"] = [
        {
            "id": _sub_id(r.public_id, f"area-{a.pk}"),
            "service_id": str(r.public_id),
            "name": a.name,
            "extent_type": "area",
        }
        for a in r.service_areas.all()
    ]
    out["service_at_locations"] = [service_at_location(r, p, municipality) for p in places]
    out["cost_options"] = (
        [
            {
                "id": _sub_id(r.public_id, "cost"),
                "service_id": str(r.public_id),
                "option": r.cost or "無料",
                "currency": "JPY",
            }
        ]
        if r.cost or r.is_free
        else []
    )
    out["attributes"] = [
        {
            "id": _sub_id(r.public_id, f"term-{c.public_id}"),
            "link_id": str(r.public_id),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": str(c.public_id),
            "taxonomy_term": taxonomy_term(c, municipality),
        }
        for c in categories
    ]
    out["locations"] = [
        _clean(
            {
                "id": str(p.public_id),
                "name": p.name,
                "address": p.address,
                "latitude": p.latitude,
                "longitude": p.longitude,
            }
        )
        for p in places
    ]
    if distance_m is not None:
        out["distance_m"] = round(distance_m)
    return out


def strict(item: dict) -> dict:
    """A service as HSDS itself has it: without the search's `locations`/`distance_m` or a null organisation."""
    item = {k: v for k, v in item.items() if k not in ("locations", "distance_m")}
    if item.get("organization") is None:
        item.pop("organization", None)
    return item


def prefetch(qs):
    """Everything `service()` reads, in four queries. Each relation gets its own queryset: without one,
    Django builds a scoped, filtered queryset per resource and relation only to drop it, which cost
    more than the queries themselves on a page of 50."""
    from sasaeai.core.models import Area

    return qs.select_related("organization", "organization__type").prefetch_related(
        Prefetch("places", queryset=Place.objects.all()),
        Prefetch("categories", queryset=Category.objects.select_related("parent")),
        Prefetch("service_areas", queryset=Area.objects.all()),
        Prefetch("schedules", queryset=Schedule.objects.select_related("place")),
    )


def export_document(municipality, resources) -> dict:
    """The whole published directory as one HSDS JSON document."""
    resources = list(prefetch(resources))
    org_ids = {r.organization_id for r in resources if r.organization_id}
    place_ids = {p.pk for r in resources for p in r.places.all()}
    services = [strict(service(r, municipality)) for r in resources]
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(),
        "municipality": {"code": municipality.code, "name": municipality.name},
        "taxonomies": [taxonomy(municipality)],
        "taxonomy_terms": [
            taxonomy_term(c, municipality)
            for c in Category.objects.select_related("parent").order_by("parent_id", "sort_order")
        ],
        "organizations": [
            organization(o, municipality)
            for o in Organization.objects.filter(pk__in=org_ids).select_related("type")
        ],
        "locations": [location(p, municipality) for p in Place.objects.filter(pk__in=place_ids)],
        "services": services,
    }
