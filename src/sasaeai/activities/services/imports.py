"""Import of past activity records from .xlsx/.csv: all rows or none, errors by row."""

import datetime

import tablib
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from sasaeai.core.models import Area, Municipality
from sasaeai.core.permissions import Access
from sasaeai.core.tabular import ImportReport, RowError, Table, map_columns, run_import

from ..models import ActivityKind
from .records import create_record, ensure_default_kinds

RECORD_COLUMNS = {
    "date": ["日付", "活動日", "実施日", "年月日"],
    "kind": ["種別", "活動種別", "区分", "種別コード"],
    "area": ["地区", "圏域", "地区名", "地区コード", "area_code"],
    "start_time": ["開始時刻", "時刻", "時間"],
    "duration_minutes": ["所要時間（分）", "所要時間", "分"],
    "coordinators": ["コーディネーター", "担当者", "担当", "coordinator"],
    "met_with": ["相手先", "訪問先", "団体・住民", "対応者"],
    "participants": ["参加者数", "参加人数", "人数"],
    "summary": ["内容", "概要", "活動内容", "摘要"],
    "follow_up_on": ["フォロー予定日", "次回予定"],
    "follow_up_note": ["フォロー内容"],
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y年%m月%d日")


def _date(raw: str, field: str, required: bool = False) -> datetime.date | None:
    raw = (raw or "").strip()
    if not raw:
        if required:
            raise ValidationError({field: _("This column is required.")})
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValidationError({field: _("“%(v)s” is not a date (use YYYY-MM-DD).") % {"v": raw}})


def _int(raw: str, field: str) -> int | None:
    raw = (raw or "").replace(",", "").strip()
    if not raw:
        return None
    try:
        return int(float(raw))
    except ValueError:
        raise ValidationError({field: _("“%(v)s” is not a number.") % {"v": raw}}) from None


def _time(raw: str) -> datetime.time | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for fmt in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.datetime.strptime(raw, fmt).time()
        except ValueError:
            continue
    raise ValidationError({"start_time": _("“%(v)s” is not a time (use HH:MM).") % {"v": raw}})


def import_records(
    municipality: Municipality,
    table: Table,
    *,
    actor,
    commit: bool,
    mapping: dict | None = None,
    access: Access | None = None,
) -> ImportReport:
    """Create one record per row. Kinds match by code or label, areas by code or name, coordinators
    by user name or full name (several separated by 、 or ,). A row outside the areas `access` (the
    importer's) may record in is a row error, by create_record's rule."""
    table = map_columns(table, RECORD_COLUMNS, mapping)
    missing = [c for c in ("date", "kind") if c not in table.headers]
    if missing:
        report = ImportReport(total=len(table.rows))
        report.errors.append(
            RowError(1, missing[0], _("The file has no column for %(c)s.") % {"c": missing[0]})
        )
        return report
    ensure_default_kinds(municipality)
    kinds = {}
    for kind in ActivityKind.objects.filter(municipality=municipality):
        kinds[kind.code.lower()] = kind
        kinds.setdefault(kind.label, kind)
    areas_by_code = {a.code: a for a in Area.objects.filter(municipality=municipality).exclude(code="")}
    areas_by_name: dict[str, list[Area]] = {}
    for a in Area.objects.filter(municipality=municipality):
        areas_by_name.setdefault(a.name, []).append(a)
    users = {}
    for u in get_user_model().objects.filter(staff_roles__municipality=municipality).distinct():
        users[u.username] = u
        if u.last_name:
            users.setdefault(u.last_name, u)

    def find_area(raw: str):
        raw = raw.strip()
        if not raw:
            return None
        if raw in areas_by_code:
            return areas_by_code[raw]
        found = areas_by_name.get(raw, [])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(
                {"area": _("Several areas are named “%(n)s”; use the area code.") % {"n": raw}}
            )
        raise ValidationError({"area": _("No area has the code or name “%(n)s”.") % {"n": raw}})

    def find_users(raw: str):
        names = [n.strip() for n in raw.replace("、", ",").replace("，", ",").split(",") if n.strip()]
        found = []
        for name in names:
            if name not in users:
                raise ValidationError({"coordinators": _("No staff member is called “%(n)s”.") % {"n": name}})
            found.append(users[name])
        return found

    def handle(row):
        raw_kind = row.get("kind", "").strip()
        kind = kinds.get(raw_kind.lower()) or kinds.get(raw_kind)
        if kind is None:
            raise ValidationError({"kind": _("There is no kind “%(k)s”.") % {"k": raw_kind}})
        data = {
            "date": _date(row.get("date", ""), "date", required=True),
            "kind": kind,
            "area": find_area(row.get("area", "")),
            "start_time": _time(row.get("start_time", "")),
            "duration_minutes": _int(row.get("duration_minutes", ""), "duration_minutes"),
            "participants": _int(row.get("participants", ""), "participants"),
            "met_with": row.get("met_with", ""),
            "summary": row.get("summary", ""),
            "follow_up_on": _date(row.get("follow_up_on", ""), "follow_up_on"),
            "follow_up_note": row.get("follow_up_note", "")[:200],
            "coordinators": find_users(row.get("coordinators", "")),
        }
        try:
            create_record(municipality, data, actor=actor, access=access)
        except PermissionDenied as exc:
            raise ValidationError({"area": str(exc)}) from exc
        return "created"

    return run_import(table.rows, handle, commit=commit)


TEMPLATE_HEADERS = ["日付", "種別", "地区", "開始時刻", "所要時間（分）", "担当者", "相手先", "参加者数", "内容", "フォロー予定日", "フォロー内容"]  # fmt: skip
TEMPLATE_EXAMPLE = ["2017-07-12", "訪問", "A01", "10:00", "60", "suzuki", "サロン世話人", "", "サロンの様子を確認", "", ""]  # fmt: skip


def import_template() -> tablib.Dataset:
    """An empty sheet with the columns the import reads, and one example row."""
    dataset = tablib.Dataset(headers=TEMPLATE_HEADERS, title="活動記録")
    dataset.append(TEMPLATE_EXAMPLE)
    return dataset
