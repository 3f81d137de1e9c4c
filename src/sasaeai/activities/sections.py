"""The annual report's own sections (other apps add theirs with `register_annual_section`)."""

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext as _

from sasaeai.core.fiscal import era_label, fiscal_year_bounds
from sasaeai.core.models import Area, Layer

from .models import ActivityKind, ActivityRecord
from .services.reports import ReportContext, ReportSection, register_annual_section


@register_annual_section("comparison", order=10)
def comparison_with_previous_year(ctx: ReportContext) -> ReportSection:
    previous = {row["kind"]: row["total"] for row in ctx.previous["rows"]}
    rows = []
    for row in ctx.monthly["rows"]:
        before = previous.get(row["kind"], 0)
        diff = row["total"] - before
        rows.append([row["label"], row["unit"], before, row["total"], f"{diff:+d}" if diff else "±0"])
    return ReportSection(
        key="comparison",
        title=_("Comparison with the previous year"),
        headers=[
            _("Kind"),
            _("Unit"),
            era_label(ctx.fiscal_year - 1),
            era_label(ctx.fiscal_year),
            _("Difference"),
        ],  # fmt: skip
        rows=rows,
    )


@register_annual_section("councils", order=20)
def council_meetings_held(ctx: ReportContext) -> ReportSection:
    council_kinds = ActivityKind.objects.filter(
        municipality=ctx.municipality, code__in=("council_l1", "council_l2")
    ).values_list("pk", flat=True)
    # Pick the first 500 by date from (date, id) pairs: ordering in SQL would make the planner walk
    # the date index over every record of the city instead of the few council meetings.
    held = ctx.records().filter(kind_id__in=list(council_kinds)).order_by().values_list("date", "pk")
    first_ids = [pk for _date, pk in sorted(held)[:500]]
    records = (
        ActivityRecord.objects.filter(pk__in=first_ids).select_related("kind", "area").order_by("date", "id")
    )
    rows = [
        [r.date_wareki, r.kind.label, r.area.name if r.area else "—", r.participants if r.participants is not None else "—",
         (r.summary or "").splitlines()[0][:80] if r.summary else ""]
        for r in records
    ]  # fmt: skip
    return ReportSection(
        key="councils",
        title=_("Council meetings held"),
        headers=[_("Date"), _("Kind"), _("Area"), _("Participants"), _("Summary")],
        rows=rows,
        note="" if rows else _("No council meeting was recorded in this year."),
    )


@register_annual_section("areas", order=30)
def activities_by_area(ctx: ReportContext) -> ReportSection | None:
    """Totals per 2nd-layer area: counted per area in SQL, then folded up the (small) area tree."""
    per_area = dict(
        ctx.records().order_by().values_list("area_id").annotate(n=Count("id")).values_list("area_id", "n")
    )
    if not per_area:
        return None
    areas = list(Area.objects.filter(municipality=ctx.municipality).order_by("path"))
    districts = [a for a in areas if a.layer == Layer.DAILY_LIFE_AREA]
    by_id = {a.pk: a for a in areas}
    totals = {d.pk: 0 for d in districts}
    elsewhere = per_area.get(None, 0)
    for area_id, n in per_area.items():
        if area_id is None:
            continue
        area = by_id.get(area_id)
        owner = next((d for d in districts if area and area.path.startswith(d.path)), None)
        if owner is None:
            elsewhere += n
        else:
            totals[owner.pk] += n
    rows = [[d.name, totals[d.pk]] for d in districts]
    rows.append([_("Whole municipality / no area"), elsewhere])
    return ReportSection(
        key="areas", title=_("Records by daily-life area"), headers=[_("Area"), _("Records")], rows=rows
    )


def _resource_model():
    try:
        model = apps.get_model("directory", "Resource")
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if {"created_at", "ended_on"} <= names else None


@register_annual_section("resources", order=40)
def resources_added_and_ended(ctx: ReportContext) -> ReportSection | None:
    model = _resource_model()
    if model is None:
        return None
    first, last = fiscal_year_bounds(ctx.fiscal_year)
    qs = model.objects.filter(municipality=ctx.municipality)
    area = ctx.filters.get("area")
    if area is not None and "area" in {f.name for f in model._meta.get_fields()}:
        qs = qs.filter(area__path__startswith=area.path)
    added = qs.filter(created_at__date__gte=first, created_at__date__lte=last).count()
    ended = qs.filter(ended_on__gte=first, ended_on__lte=last).count()
    return ReportSection(
        key="resources",
        title=_("Resources added and ended"),
        headers=[_("Added"), _("Ended")],
        rows=[[added, ended]],
    )
