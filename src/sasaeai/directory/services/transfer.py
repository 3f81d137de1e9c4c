"""Import and export of organisations and resources (.xlsx/.csv), the way municipalities keep them.

Columns are recognised by Japanese or English headers (or an explicit mapping); every row goes
through the same services as the pages; the file is taken whole or not at all (core.tabular).
A row that names an existing organisation or resource (same normalised name, same provider)
updates it; the same one twice in one file is reported as a duplicate.
"""

import re
from datetime import date, time

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sasaeai.core.models import Area, Municipality
from sasaeai.core.tabular import ImportReport, RowError, Table, map_columns, run_import

from ..models import Category, Organization, OrganizationType, Place, Resource, ResourceStatus, Sector
from ..scheduling import DAY_CODES, DAY_KANJI
from .organizations import create_organization, find_duplicate_organization, update_organization
from .places import create_place
from .resources import create_resource, find_duplicate_resource, update_resource
from .text import normalise

ORGANIZATION_COLUMNS = {
    "name": ["名称", "団体名", "事業所名", "組織名"],
    "reading": ["ふりがな", "よみがな", "フリガナ", "読み"],
    "type": ["種別", "団体種別", "種類"],
    "sector": ["分類", "セクター", "区分"],
    "area": ["地区", "圏域", "地区コード"],
    "postal_code": ["郵便番号", "〒"],
    "address": ["住所", "所在地"],
    "phone": ["電話", "電話番号", "tel"],
    "email": ["メール", "メールアドレス", "e-mail"],
    "url": ["ホームページ", "url", "ウェブサイト"],
    "contact_person": ["担当者", "代表者", "連絡担当"],
    "notes": ["備考", "メモ"],
}
RESOURCE_COLUMNS = {
    "name": ["名称", "資源名", "活動名", "サービス名"],
    "reading": ["ふりがな", "よみがな", "フリガナ", "読み"],
    "description": ["内容", "説明", "活動内容"],
    "organization": ["団体", "団体名", "運営団体", "提供団体"],
    "area": ["地区", "圏域", "地区コード"],
    "categories": ["カテゴリ", "分類", "種別"],
    "status": ["状態", "ステータス"],
    "published": ["公開", "公開する"],
    "place": ["場所", "会場", "実施場所"],
    "address": ["住所", "所在地"],
    "latitude": ["緯度", "lat"],
    "longitude": ["経度", "lon", "lng"],
    "freq": ["頻度"],
    "byday": ["曜日"],
    "opens_at": ["開始時刻", "開始"],
    "closes_at": ["終了時刻", "終了"],
    "schedule_note": ["日程メモ", "日程", "開催日"],
    "cost": ["費用", "参加費", "料金"],
    "capacity": ["定員"],
    "phone": ["電話", "電話番号", "連絡先"],
    "accepts_care_need": ["要介護可", "要介護の方"],
    "how_to_join": ["参加方法", "申込方法"],
    "last_verified": ["最終確認日", "確認日"],
}
RESOURCE_EXPORT = [
    ("name", "名称"), ("reading", "ふりがな"), ("description", "内容"), ("organization", "団体"), ("area", "地区"),
    ("categories", "カテゴリ"), ("status", "状態"), ("published", "公開"), ("place", "場所"), ("address", "住所"),
    ("latitude", "緯度"), ("longitude", "経度"), ("freq", "頻度"), ("byday", "曜日"), ("opens_at", "開始時刻"),
    ("closes_at", "終了時刻"), ("schedule_note", "日程メモ"), ("cost", "費用"), ("capacity", "定員"), ("phone", "電話"),
    ("accepts_care_need", "要介護可"), ("how_to_join", "参加方法"), ("last_verified", "最終確認日"),
]  # fmt: skip
ORGANIZATION_EXPORT = [
    ("name", "名称"), ("reading", "ふりがな"), ("type", "種別"), ("sector", "分類"), ("area", "地区"),
    ("postal_code", "郵便番号"), ("address", "住所"), ("phone", "電話"), ("email", "メール"), ("url", "ホームページ"),
    ("contact_person", "担当者"), ("notes", "備考"),
]  # fmt: skip
FREQ_WORDS = {
    "毎週": "WEEKLY",
    "週": "WEEKLY",
    "毎月": "MONTHLY",
    "月": "MONTHLY",
    "毎日": "DAILY",
    "日": "DAILY",
}
FREQ_LABELS = {"WEEKLY": "毎週", "MONTHLY": "毎月", "DAILY": "毎日"}
YES = {"はい", "○", "〇", "1", "true", "yes", "公開", "可", "y"}
NO = {"いいえ", "×", "0", "false", "no", "非公開", "不可", "n", ""}


FIELD_LABELS = {
    "organizations": dict(ORGANIZATION_EXPORT),
    "resources": dict(RESOURCE_EXPORT) | {"organization": "団体", "place": "場所"},
}
COLUMN_ALIASES = {"organizations": ORGANIZATION_COLUMNS, "resources": RESOURCE_COLUMNS}


def column_choices(kind: str, headers: list[str], mapping: dict[str, str] | None = None) -> list[dict]:
    """For the mapping step: each header of the file, the field it goes to (explicit or recognised)."""
    aliases = COLUMN_ALIASES[kind]
    lookup = {n.strip().lower(): f for f, names in aliases.items() for n in [f, *names]}
    rows = []
    for i, header in enumerate(headers):
        chosen = (mapping or {}).get(header)
        if chosen is None:
            chosen = lookup.get(header.strip().lower(), "")
        rows.append(
            {"index": i, "header": header, "field": chosen, "choices": list(FIELD_LABELS[kind].items())}
        )
    return rows


def _yes_no(row: dict, key: str, default: bool = False) -> bool:
    raw = (row.get(key) or "").strip().lower()
    if raw == "":
        return default
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise ValidationError({key: _("Write はい or いいえ (got “%(v)s”).") % {"v": raw}})


def _number(row: dict, key: str, kind=float):
    raw = (row.get(key) or "").replace(",", "").strip()
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        raise ValidationError({key: _("“%(value)s” is not a number.") % {"value": raw}}) from None


def _time(row: dict, key: str) -> time | None:
    raw = (row.get(key) or "").strip().replace("：", ":")
    if not raw:
        return None
    match = re.match(r"^(\d{1,2})(?::|時)(\d{2})?", raw)
    if not match:
        raise ValidationError({key: _("Write a time like 10:00 (got “%(v)s”).") % {"v": raw}})
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValidationError({key: _("Write a time like 10:00 (got “%(v)s”).") % {"v": raw}})
    return time(hour, minute)


def _date(row: dict, key: str) -> date | None:
    raw = (row.get(key) or "").strip().replace("/", "-")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10]) if len(raw) >= 10 else date(*map(int, raw.split("-")))
    except (ValueError, TypeError):
        raise ValidationError({key: _("Write a date like 2024-04-01 (got “%(v)s”).") % {"v": raw}}) from None


def parse_days(text: str) -> str:
    """ "水", "月・水・金", "第2・第4火", "2TU,4TU" or "最終金" → RFC 5545 BYDAY ("WE", "2TU,4TU" …)."""
    text = (text or "").strip().upper().replace("曜日", "").replace("曜", "")
    if not text:
        return ""
    if re.fullmatch(
        r"([+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*", text.replace(" ", "")
    ):
        return text.replace(" ", "")
    items, pending = [], []
    for token in re.split(r"[・,、/\s]+", text):
        if not token:
            continue
        match = re.fullmatch(r"(?:第([1-5])|(最終))?([月火水木金土日])?", token)
        if not match or not (match.group(1) or match.group(2) or match.group(3)):
            raise ValueError(token)
        nth = int(match.group(1)) if match.group(1) else (-1 if match.group(2) else None)
        if match.group(3) is None:
            pending.append(nth)
            continue
        code = DAY_CODES[DAY_KANJI.index(match.group(3))]
        for n in [*pending, nth]:
            items.append(f"{n}{code}" if n is not None else code)
        pending = []
    if pending:
        raise ValueError(text)
    return ",".join(items)


def _find_area(municipality, value: str, key: str = "area"):
    if not value:
        return None
    area = Area.objects.filter(municipality=municipality, code=value).first()
    if area is None:
        matches = list(Area.objects.filter(municipality=municipality, name=value)[:2])
        if len(matches) != 1:
            raise ValidationError({key: _("No single area is named or coded “%(v)s”.") % {"v": value}})
        area = matches[0]
    return area


def _status(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ResourceStatus.ACTIVE
    for code, label in ResourceStatus.choices:
        if value in (
            code,
            str(label),
            {"preparing": "準備中", "active": "活動中", "paused": "休止中", "ended": "終了"}[code],
        ):
            return code
    raise ValidationError(
        {"status": _("The status must be 準備中, 活動中, 休止中 or 終了 (got “%(v)s”).") % {"v": value}}
    )


def _check_headers(table: Table) -> ImportReport | None:
    if "name" not in table.headers:
        report = ImportReport(total=len(table.rows))
        report.errors.append(RowError(1, "name", _("The file has no name column (名称).")))
        return report
    return None


def import_organizations(
    municipality: Municipality, table: Table, *, actor, commit: bool, mapping: dict | None = None
) -> ImportReport:
    table = map_columns(table, ORGANIZATION_COLUMNS, mapping)
    missing = _check_headers(table)
    if missing:
        return missing
    seen: dict[str, int] = {}
    types = {t.name: t for t in OrganizationType.objects.filter(municipality=municipality)}
    sectors = {str(label): code for code, label in Sector.choices} | {
        "地縁組織": "community",
        "関係機関": "institution",
        "多様な主体": "diverse",
    }
    row_numbers = iter(range(2, len(table.rows) + 2))

    def handle(row):
        number = next(row_numbers)
        key = normalise(row.get("name"))
        if key and key in seen:
            raise ValidationError({"name": _("Duplicate of row %(n)s in this file.") % {"n": seen[key]}})
        seen[key] = number
        org_type = None
        if row.get("type"):
            org_type = types.get(row["type"])
            if org_type is None:
                raise ValidationError(
                    {
                        "type": _("Unknown organisation type “%(v)s”; add it to the list first.")
                        % {"v": row["type"]}
                    }
                )
        sector = row.get("sector", "")
        if sector and sector not in sectors and sector not in Sector.values:
            raise ValidationError({"sector": _("The sector must be 地縁組織, 関係機関 or 多様な主体.")})
        data = {
            k: row.get(k, "")
            for k in (
                "name",
                "reading",
                "postal_code",
                "address",
                "phone",
                "email",
                "url",
                "contact_person",
                "notes",
            )
        }
        data.update(
            {
                "type": org_type,
                "sector": sectors.get(sector, sector),
                "area": _find_area(municipality, row.get("area", "")),
            }
        )
        existing = find_duplicate_organization(municipality, data["name"])
        if existing:
            update_organization(existing, data, actor=actor)
            return "updated"
        create_organization(municipality, data, actor=actor)
        return "created"

    return run_import(table.rows, handle, commit=commit)


def import_resources(
    municipality: Municipality, table: Table, *, actor, commit: bool, mapping: dict | None = None
) -> ImportReport:
    table = map_columns(table, RESOURCE_COLUMNS, mapping)
    missing = _check_headers(table)
    if missing:
        return missing
    categories = {normalise(c.name): c for c in Category.objects.filter(municipality=municipality)}
    seen: dict[tuple, int] = {}
    row_numbers = iter(range(2, len(table.rows) + 2))

    def handle(row):
        number = next(row_numbers)
        organization = None
        if row.get("organization"):
            organization = find_duplicate_organization(municipality, row["organization"])
            if organization is None:
                raise ValidationError(
                    {
                        "organization": _("No organisation is named “%(v)s”; import the organisations first.")
                        % {"v": row["organization"]}
                    }
                )
        key = (normalise(row.get("name")), organization.pk if organization else None)
        if key[0] and key in seen:
            raise ValidationError({"name": _("Duplicate of row %(n)s in this file.") % {"n": seen[key]}})
        seen[key] = number
        chosen = []
        for raw in re.split(r"[、,;/]+", row.get("categories", "")):
            if raw.strip():
                category = categories.get(normalise(raw))
                if category is None:
                    raise ValidationError({"categories": _("Unknown category “%(v)s”.") % {"v": raw.strip()}})
                chosen.append(category)
        area = _find_area(municipality, row.get("area", ""))
        data = {
            "name": row.get("name", ""),
            "reading": row.get("reading", ""),
            "description": row.get("description", ""),
            "organization": organization,
            "area": area,
            "categories": chosen,
            "status": _status(row.get("status")),
            "published": _yes_no(row, "published"),
            "cost": row.get("cost", ""),
            "capacity": _number(row, "capacity", int),
            "phone": row.get("phone", ""),
            "accepts_care_need": _yes_no(row, "accepts_care_need"),
            "how_to_join": row.get("how_to_join", ""),
            "schedule_note": row.get("schedule_note", ""),
            "last_verified": _date(row, "last_verified"),
        }
        freq_raw = (row.get("freq") or "").strip()
        try:
            byday = parse_days(row.get("byday", ""))
        except ValueError:
            raise ValidationError(
                {
                    "byday": _("Write days like 水, 月・木, 第2・第4火 or WE (got “%(v)s”).")
                    % {"v": row.get("byday")}
                }
            ) from None
        if freq_raw or byday:
            freq = FREQ_WORDS.get(freq_raw, freq_raw.upper()) or (
                "MONTHLY" if re.search(r"\d", byday) else "WEEKLY"
            )
            data["schedules"] = [
                {
                    "freq": freq,
                    "byday": byday,
                    "opens_at": _time(row, "opens_at"),
                    "closes_at": _time(row, "closes_at"),
                }
            ]
        if row.get("place"):
            place = Place.objects.filter(municipality=municipality, name=row["place"]).first()
            if place is None:
                place = create_place(
                    municipality,
                    {
                        "name": row["place"], "address": row.get("address", ""), "area": area,
                        "latitude": _number(row, "latitude"), "longitude": _number(row, "longitude"),
                    },
                    actor=actor,
                )  # fmt: skip
            data["places"] = [place]
        existing = find_duplicate_resource(municipality, data["name"], organization)
        if existing:
            update_resource(existing, data, actor=actor)
            return "updated"
        create_resource(municipality, data, actor=actor)
        return "created"

    return run_import(table.rows, handle, commit=commit)


def export_organizations(municipality: Municipality, *, access=None) -> tablib.Dataset:
    """Every organisation; the personal fields (担当者, 備考) only where `access` may see them."""
    from .organizations import personal_value

    dataset = tablib.Dataset(headers=[label for _k, label in ORGANIZATION_EXPORT], title="団体")
    for org in Organization.objects.filter(municipality=municipality).select_related("type", "area"):
        values = {
            k: personal_value(access, org, k)
            for k, _l in ORGANIZATION_EXPORT
            if k not in ("type", "sector", "area")
        }
        values.update(
            {"type": org.type.name if org.type else "", "sector": org.get_sector_display() if org.sector else "",
             "area": org.area.code or org.area.name if org.area else ""}
        )  # fmt: skip
        dataset.append([values[k] for k, _l in ORGANIZATION_EXPORT])
    return dataset


def export_resources(municipality: Municipality, queryset=None) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[label for _k, label in RESOURCE_EXPORT], title="社会資源")
    qs = queryset if queryset is not None else Resource.objects.filter(municipality=municipality)
    status_labels = {"preparing": "準備中", "active": "活動中", "paused": "休止中", "ended": "終了"}
    qs = qs.select_related("organization", "area").prefetch_related("categories", "places", "schedules")
    for r in qs.order_by("pk"):
        places = list(r.places.all())
        schedules = list(r.schedules.all())
        first = schedules[0] if schedules else None
        place = places[0] if places else None
        values = {
            "name": r.name, "reading": r.reading, "description": r.description,
            "organization": r.organization.name if r.organization else "",
            "area": (r.area.code or r.area.name) if r.area else "",
            "categories": "、".join(c.name for c in r.categories.all()),
            "status": status_labels[r.status], "published": "はい" if r.published else "いいえ",
            "place": place.name if place else "", "address": place.address if place else "",
            "latitude": place.latitude if place and place.latitude is not None else "",
            "longitude": place.longitude if place and place.longitude is not None else "",
            "freq": FREQ_LABELS.get(first.freq, "") if first else "", "byday": first.byday if first else "",
            "opens_at": first.opens_at.strftime("%H:%M") if first and first.opens_at else "",
            "closes_at": first.closes_at.strftime("%H:%M") if first and first.closes_at else "",
            "schedule_note": r.schedule_note, "cost": r.cost, "capacity": r.capacity if r.capacity is not None else "",
            "phone": r.phone, "accepts_care_need": "はい" if r.accepts_care_need else "いいえ",
            "how_to_join": r.how_to_join, "last_verified": r.last_verified.isoformat() if r.last_verified else "",
        }  # fmt: skip
        dataset.append([values[k] for k, _l in RESOURCE_EXPORT])
    return dataset
