"""Monthly and annual reports, counted in the database (GROUP BY kind, month), never record by record."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from sasaeai.core.fiscal import FISCAL_MONTHS, era_label, fiscal_year_label
from sasaeai.core.models import Area, Layer, Municipality

from ..models import ActivityRecord
from .records import kinds_for


def _area_obj(municipality: Municipality, area) -> Area | None:
    if area is None or isinstance(area, Area):
        return area
    return Area.objects.filter(municipality=municipality, pk=area).first() or Area(path="/-/")


def _user_id(coordinator) -> int | None:
    if coordinator is None:
        return None
    return coordinator if isinstance(coordinator, int) else coordinator.pk


def report_records(
    municipality: Municipality,
    fiscal_year: int | list[int] | None = None,
    *,
    area=None,
    coordinator=None,
    layer=None,
) -> QuerySet:
    """The records a report counts: one fiscal year, optionally an area subtree, a coordinator, a layer.

    A record without an area counts as municipality-wide work, i.e. as layer 1.
    """
    qs = ActivityRecord.objects.filter(municipality=municipality)
    if isinstance(fiscal_year, list):
        qs = qs.filter(fiscal_year__in=fiscal_year)
    elif fiscal_year is not None:
        qs = qs.filter(fiscal_year=fiscal_year)
    # Area conditions become `area_id IN (a few ids)`: the area tree is small, the records are
    # many, and the (fiscal_year, area, kind, month) index then answers without a join.
    areas = Area.objects.filter(municipality=municipality)
    area = _area_obj(municipality, area)
    if area is not None:
        qs = qs.filter(
            area_id__in=list(areas.filter(path__startswith=area.path).values_list("pk", flat=True))
        )
    user_id = _user_id(coordinator)
    if user_id is not None:
        qs = qs.filter(coordinator_links__user_id=user_id)
    if layer is not None:
        layer = int(layer)
        q = Q(area_id__in=list(areas.filter(layer=layer).values_list("pk", flat=True)))
        if layer == Layer.MUNICIPALITY:
            q |= Q(area__isnull=True)
        qs = qs.filter(q)
    return qs


def monthly_counts(records: QuerySet) -> dict[tuple[int, int], int]:
    """{(kind_id, calendar month): count} in one grouped query."""
    rows = records.order_by().values_list("kind_id", "month").annotate(n=Count("id"))
    return {(kind_id, month): n for kind_id, month, n in rows}


def _build_rows(municipality: Municipality, counts: dict[tuple[int, int], int]) -> list[dict[str, Any]]:
    used_kind_ids = {kind_id for kind_id, _month in counts}
    rows = []
    for kind in kinds_for(municipality, active_only=False):
        if not kind.is_active and kind.pk not in used_kind_ids:
            continue
        months = [counts.get((kind.pk, m), 0) for m in FISCAL_MONTHS]
        rows.append(
            {
                "kind": kind.code,
                "label": kind.label,
                "unit": kind.unit,
                "months": months,
                "total": sum(months),
            }
        )
    return rows


def monthly_report(
    municipality: Municipality, fiscal_year: int, *, area=None, coordinator=None, layer=None
) -> dict[str, Any]:
    """{"fiscal_year", "era_label", "rows": [{"kind", "label", "unit", "months": [Apr … Mar], "total"}]}.

    Rows are the kinds in use, in their order, plus any retired kind that still has records this year.
    """
    counts = monthly_counts(
        report_records(municipality, fiscal_year, area=area, coordinator=coordinator, layer=layer)
    )
    return {
        "fiscal_year": fiscal_year,
        "era_label": era_label(fiscal_year),
        "rows": _build_rows(municipality, counts),
    }


def monthly_reports(
    municipality: Municipality, fiscal_years: list[int], **filters
) -> dict[int, dict[str, Any]]:
    """Several years' monthly reports from one grouped query (one pass over the records)."""
    records = report_records(municipality, list(fiscal_years), **filters)
    grouped = records.order_by().values_list("fiscal_year", "kind_id", "month").annotate(n=Count("id"))
    by_year: dict[int, dict[tuple[int, int], int]] = {y: {} for y in fiscal_years}
    for year, kind_id, month, n in grouped:
        by_year[year][(kind_id, month)] = n
    return {
        year: {"fiscal_year": year, "era_label": era_label(year), "rows": _build_rows(municipality, counts)}
        for year, counts in by_year.items()
    }


# --- annual report: the monthly table plus sections from a registry ---------------------------


@dataclass
class ReportSection:
    """A titled table that the page, the PDF and the workbook all render the same way."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


@dataclass
class ReportContext:
    municipality: Municipality
    fiscal_year: int
    filters: dict[str, Any]
    monthly: dict[str, Any]
    previous: dict[str, Any] = field(default_factory=dict)

    def records(self, fiscal_year: int | None = None) -> QuerySet:
        year = self.fiscal_year if fiscal_year is None else fiscal_year
        return report_records(self.municipality, year, **self.filters)


_SECTIONS: list[tuple[int, str, Any]] = []


def register_annual_section(key: str, order: int = 50):
    """Add a section to the annual report: `func(ctx: ReportContext) -> ReportSection | None`.

    The needs app registers "needs heard and resolved" and "referrals" this way.
    """

    def decorator(func):
        _SECTIONS[:] = [s for s in _SECTIONS if s[1] != key]
        _SECTIONS.append((order, key, func))
        return func

    return decorator


def annual_report(
    municipality: Municipality, fiscal_year: int, *, area=None, coordinator=None, layer=None
) -> dict[str, Any]:
    filters = {"area": _area_obj(municipality, area), "coordinator": coordinator, "layer": layer}
    reports = monthly_reports(municipality, [fiscal_year, fiscal_year - 1], **filters)
    ctx = ReportContext(
        municipality=municipality,
        fiscal_year=fiscal_year,
        filters=filters,
        monthly=reports[fiscal_year],
        previous=reports[fiscal_year - 1],
    )
    sections = []
    for _order, _key, func in sorted(_SECTIONS, key=lambda s: (s[0], s[1])):
        section = func(ctx)
        if section is not None:
            sections.append(section)
    return {
        "fiscal_year": fiscal_year,
        "era_label": ctx.monthly["era_label"],
        "label": fiscal_year_label(fiscal_year),
        "monthly": ctx.monthly,
        "sections": sections,
    }


def coordinator_choices(municipality: Municipality) -> list:
    """Users who appear on records of this municipality or hold a coordinator role, by name."""
    from sasaeai.core.models import StaffRole

    with_roles = StaffRole.objects.filter(municipality=municipality).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=set(with_roles)).order_by("last_name", "username"))
