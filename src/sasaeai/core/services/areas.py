"""The area tree and its population figures: create, change, move, delete, import, export."""

from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..concurrency import check_and_bump
from ..models import Area, AreaPopulation, Layer, Municipality
from ..tabular import ImportReport, Table, map_columns, run_import

AREA_FIELDS = (
    "name",
    "reading",
    "code",
    "layer",
    "parent",
    "latitude",
    "longitude",
    "boundary",
    "sort_order",
)


def _validate(area: Area) -> None:
    errors: dict[str, str] = {}
    if not area.name.strip():
        errors["name"] = _("Enter a name.")
    if area.layer not in Layer.values:
        errors["layer"] = _("The layer must be 1, 2 or 3.")
    parent = area.parent
    if parent is not None:
        if parent.municipality_id != area.municipality_id:
            errors["parent"] = _("The parent area belongs to another municipality.")
        elif area.pk and parent.path.startswith(area.path or "\0"):
            errors["parent"] = _("An area cannot be moved under itself or its own sub-area.")
        elif area.layer not in (parent.layer, parent.layer + 1):
            errors["layer"] = _(
                "The layer must be the parent's layer or the next one (parent: layer %(n)s)."
            ) % {"n": parent.layer}
    elif area.layer != Layer.MUNICIPALITY:
        errors["parent"] = _("Only a 1st-layer area can be at the top; choose a parent area.")
    if (area.latitude is None) != (area.longitude is None):
        errors["longitude" if area.longitude is None else "latitude"] = _(
            "Enter both latitude and longitude."
        )
    if area.latitude is not None and not (20 <= area.latitude <= 46):
        errors["latitude"] = _("The latitude is outside Japan (20–46).")
    if area.longitude is not None and not (122 <= area.longitude <= 154):
        errors["longitude"] = _("The longitude is outside Japan (122–154).")
    if area.boundary is not None and not (isinstance(area.boundary, dict) and "type" in area.boundary):
        errors["boundary"] = _("The boundary must be a GeoJSON geometry or feature.")
    if area.code:
        clash = Area.objects.filter(municipality_id=area.municipality_id, code=area.code).exclude(pk=area.pk)
        if clash.exists():
            errors["code"] = _("Another area already uses this code.")
    if errors:
        raise ValidationError(errors)


def _rebuild_paths(area: Area) -> None:
    """Recompute the materialised path of `area` and of everything below it."""
    prefix = area.parent.path if area.parent_id else "/"
    new_path = f"{prefix}{area.pk}/"
    old_path = area.path
    if new_path == old_path:
        return
    Area.objects.filter(pk=area.pk).update(path=new_path)
    area.path = new_path
    if old_path:
        for child in Area.objects.filter(path__startswith=old_path).exclude(pk=area.pk):
            Area.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])


def create_area(municipality: Municipality, data: dict[str, Any], *, actor) -> Area:
    area = Area(municipality=municipality, **{k: v for k, v in data.items() if k in AREA_FIELDS})
    _validate(area)
    with transaction.atomic():
        area._history_user = actor
        area.save()
        _rebuild_paths(area)
    return area


def update_area(area: Area, data: dict[str, Any], *, actor, expected_version: int | None = None) -> Area:
    for key, value in data.items():
        if key in AREA_FIELDS:
            setattr(area, key, value)
    _validate(area)
    with transaction.atomic():
        check_and_bump(area, expected_version)
        area._history_user = actor
        area.save()
        _rebuild_paths(area)
    return area


def delete_area(area: Area, *, actor) -> None:
    if area.children.exists():
        raise ValidationError(_("This area has sub-areas. Delete or move them first."))
    if area.staff_roles.exists():
        raise ValidationError(_("Staff are assigned to this area. Change their roles first."))
    with transaction.atomic():
        for population in area.populations.all():
            population._history_user = actor
            population.delete()
        area._history_user = actor
        area.delete()


def set_population(area: Area, year: int, figures: dict[str, int], *, actor) -> tuple[AreaPopulation, bool]:
    errors = {}
    if not (1900 <= int(year) <= 2200):
        errors["year"] = _("Enter a year between 1900 and 2200.")
    for key in ("total", "aged_65_plus", "aged_75_plus", "elderly_single_households"):
        value = figures.get(key, 0)
        if value is None or int(value) < 0:
            errors[key] = _("Enter a number of 0 or more.")
    if not errors:
        if figures["aged_65_plus"] > figures["total"]:
            errors["aged_65_plus"] = _("People aged 65 and over cannot outnumber the total population.")
        if figures["aged_75_plus"] > figures["aged_65_plus"]:
            errors["aged_75_plus"] = _("People aged 75 and over cannot outnumber those aged 65 and over.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        population = AreaPopulation.objects.filter(area=area, year=year).first()
        created = population is None
        if created:
            population = AreaPopulation(municipality_id=area.municipality_id, area=area, year=year)
        for key, value in figures.items():
            setattr(population, key, int(value))
        population._history_user = actor
        if not created:
            check_and_bump(population, None)
        population.save()
    return population, created


def in_tree_order(areas) -> list[Area]:
    """Depth first, siblings by their order then name: the way a municipality lists its areas."""
    areas = list(areas)
    children: dict[int | None, list[Area]] = {}
    ids = {a.pk for a in areas}
    for a in areas:
        children.setdefault(a.parent_id if a.parent_id in ids else None, []).append(a)
    ordered: list[Area] = []

    def walk(parent_id):
        for a in sorted(children.get(parent_id, []), key=lambda x: (x.sort_order, x.reading or x.name, x.pk)):
            ordered.append(a)
            walk(a.pk)

    walk(None)
    return ordered


def latest_population(area: Area) -> AreaPopulation | None:
    return area.populations.order_by("-year").first()


def subtree_population(area: Area, year: int) -> dict[str, int]:
    """Sum of the leaf figures under `area` (or its own figures when it is a leaf)."""
    from django.db.models import Sum

    rows = AreaPopulation.objects.filter(
        area__path__startswith=area.path, year=year, area__children__isnull=True
    )
    totals = rows.aggregate(
        total=Sum("total"),
        aged_65_plus=Sum("aged_65_plus"),
        aged_75_plus=Sum("aged_75_plus"),
        elderly_single_households=Sum("elderly_single_households"),
    )
    return {k: v or 0 for k, v in totals.items()}


# --- import / export --------------------------------------------------------------------------

AREA_COLUMNS = {
    "code": ["地区コード", "コード", "area_code"],
    "name": ["名称", "地区名", "圏域名", "area", "area_name"],
    "reading": ["ふりがな", "よみがな", "読み", "フリガナ"],
    "layer": ["階層", "層"],
    "parent_code": ["親地区コード", "親コード", "parent"],
    "parent_name": ["親地区名", "親地区", "上位地区"],
    "latitude": ["緯度", "lat"],
    "longitude": ["経度", "lon", "lng"],
    "year": ["年", "年度", "基準年"],
    "total": ["総人口", "人口"],
    "aged_65_plus": ["65歳以上", "65歳以上人口", "高齢者人口"],
    "aged_75_plus": ["75歳以上", "75歳以上人口", "後期高齢者人口"],
    "elderly_single_households": ["高齢単身世帯", "高齢者単身世帯", "独居高齢者世帯"],
}
EXPORT_HEADERS = [
    ("code", "地区コード"),
    ("name", "名称"),
    ("reading", "ふりがな"),
    ("layer", "階層"),
    ("parent_code", "親地区コード"),
    ("parent_name", "親地区名"),
    ("latitude", "緯度"),
    ("longitude", "経度"),
    ("year", "年"),
    ("total", "総人口"),
    ("aged_65_plus", "65歳以上"),
    ("aged_75_plus", "75歳以上"),
    ("elderly_single_households", "高齢単身世帯"),
]


def _number(row: dict, key: str, kind=float, required=False):
    raw = (row.get(key) or "").replace(",", "")
    if raw == "":
        if required:
            raise ValidationError({key: _("This column is required.")})
        return None
    try:
        return kind(raw)
    except ValueError:
        raise ValidationError({key: _("“%(value)s” is not a number.") % {"value": raw}}) from None


def import_areas(
    municipality: Municipality, table: Table, *, actor, commit: bool, mapping: dict | None = None
) -> ImportReport:
    """Upsert areas (by code, else by name under the same parent) and their population rows."""
    table = map_columns(table, AREA_COLUMNS, mapping)
    if "name" not in table.headers:
        report = ImportReport(total=len(table.rows))
        from ..tabular import RowError

        report.errors.append(RowError(1, "name", _("The file has no name column (名称).")))
        return report

    def find_parent(row):
        if row.get("parent_code"):
            parent = Area.objects.filter(municipality=municipality, code=row["parent_code"]).first()
            if parent is None:
                raise ValidationError(
                    {"parent_code": _("No area has the code “%(c)s”.") % {"c": row["parent_code"]}}
                )
            return parent
        if row.get("parent_name"):
            matches = list(Area.objects.filter(municipality=municipality, name=row["parent_name"])[:2])
            if not matches:
                raise ValidationError(
                    {"parent_name": _("No area is named “%(n)s”.") % {"n": row["parent_name"]}}
                )
            if len(matches) > 1:
                raise ValidationError(
                    {
                        "parent_name": _("Several areas are named “%(n)s”; use the parent's code.")
                        % {"n": row["parent_name"]}
                    }
                )
            return matches[0]
        return None

    def handle(row):
        layer = _number(row, "layer", int, required=True)
        parent = find_parent(row)
        data = {
            "name": row.get("name", ""),
            "reading": row.get("reading", ""),
            "code": row.get("code", ""),
            "layer": layer,
            "parent": parent,
            "latitude": _number(row, "latitude"),
            "longitude": _number(row, "longitude"),
        }
        if data["code"]:
            existing = Area.objects.filter(municipality=municipality, code=data["code"]).first()
        else:
            existing = Area.objects.filter(
                municipality=municipality, name=data["name"], parent=parent
            ).first()
        if existing:
            area = update_area(existing, data, actor=actor)
            outcome = "updated"
        else:
            area = create_area(municipality, data, actor=actor)
            outcome = "created"
        if row.get("year"):
            figures = {
                "total": _number(row, "total", int, required=True),
                "aged_65_plus": _number(row, "aged_65_plus", int, required=True),
                "aged_75_plus": _number(row, "aged_75_plus", int, required=True),
                "elderly_single_households": _number(row, "elderly_single_households", int) or 0,
            }
            set_population(area, _number(row, "year", int), figures, actor=actor)
        return outcome

    return run_import(table.rows, handle, commit=commit)


def export_areas(municipality: Municipality) -> tablib.Dataset:
    """One row per area and year (an area without figures gets one row with empty figures)."""
    dataset = tablib.Dataset(headers=[label for _key, label in EXPORT_HEADERS], title="地区")
    areas = in_tree_order(Area.objects.filter(municipality=municipality).select_related("parent"))
    populations: dict[int, list[AreaPopulation]] = {}
    for p in AreaPopulation.objects.filter(municipality=municipality).order_by("year"):
        populations.setdefault(p.area_id, []).append(p)
    for area in areas:
        base = {
            "code": area.code,
            "name": area.name,
            "reading": area.reading,
            "layer": area.layer,
            "parent_code": area.parent.code if area.parent else "",
            "parent_name": area.parent.name if area.parent else "",
            "latitude": area.latitude if area.latitude is not None else "",
            "longitude": area.longitude if area.longitude is not None else "",
        }
        for population in populations.get(area.pk) or [None]:
            row = dict(base)
            for key in ("year", "total", "aged_65_plus", "aged_75_plus", "elderly_single_households"):
                row[key] = getattr(population, key) if population else ""
            dataset.append([row[key] for key, _label in EXPORT_HEADERS])
    return dataset
