"""Import, export, the printable map (PDF) and the HSDS JSON export."""

import json
import time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sasaeai.core import audit
from sasaeai.core import permissions as perms
from sasaeai.core.tabular import TableError, export_response
from sasaeai.core.tenancy import requires
from sasaeai.core.uploads import uploaded_table

from .. import hsds, mapsheet
from ..forms import ImportForm, MapSheetForm
from ..models import Category, Resource
from ..services import transfer
from ..services.search import public_resources

IMPORTERS = {"organizations": transfer.import_organizations, "resources": transfer.import_resources}
EXPORTERS = {"organizations": transfer.export_organizations, "resources": transfer.export_resources}


@requires(perms.DIRECTORY_VIEW)
def transfer_page(request, code):
    return render(
        request,
        "directory/transfer.html",
        {
            "map_form": MapSheetForm(initial={"size": "A4"}),
            "import_form": ImportForm(),
            "can_import": request.access.can(perms.DIRECTORY_CHANGE, None),
        },
    )


# Imports touch the whole municipality: area-scoped staff cannot run them.
@requires(perms.DIRECTORY_CHANGE, everywhere=True)
def import_view(request, code):
    """Upload → preview with row-level errors and the column mapping → commit.

    The same code runs for every step; a changed mapping is previewed again before it can be committed.
    """
    form = ImportForm(request.POST or None, request.FILES or None)
    report, token, kind = None, None, request.POST.get("kind", "resources")
    columns = []
    if request.method == "POST":
        if kind not in IMPORTERS:
            raise Http404
        commit = request.POST.get("action") == "commit"
        try:
            step = uploaded_table(request, form)
        except TableError as exc:
            messages.error(request, str(exc))
            return redirect("directory:import", code=code)
        if step is None:
            return render(request, "directory/import.html", {"form": form})
        table, token, filename = step
        # A column set to "do not import" maps to a field no importer reads.
        mapping = {
            header: request.POST.get(f"map-{i}") or "_ignore"
            for i, header in enumerate(table.headers)
            if f"map-{i}" in request.POST
        }
        report = IMPORTERS[kind](
            request.municipality, table, actor=request.user, commit=commit, mapping=mapping
        )
        if report.committed:
            audit.record(
                f"directory.{kind}.imported", actor=request.user, municipality=request.municipality, request=request,
                data={"file": filename, "created": report.created, "updated": report.updated, "mapping": mapping},
            )  # fmt: skip
            messages.success(
                request,
                _("Imported: %(c)s created, %(u)s updated.") % {"c": report.created, "u": report.updated},
            )
            return redirect(
                "directory:organization_list" if kind == "organizations" else "directory:resource_list",
                code=code,
            )
        columns = transfer.column_choices(kind, table.headers, mapping)
    return render(
        request,
        "directory/import.html",
        {"form": form, "report": report, "token": token, "kind": kind, "columns": columns},
    )


@requires(perms.DIRECTORY_VIEW)
def export_view(request, code):
    kind, fmt = request.GET.get("kind", "resources"), request.GET.get("format", "xlsx")
    if kind not in EXPORTERS or fmt not in ("xlsx", "csv"):
        raise Http404
    if kind == "organizations":
        # Contact persons and notes only for PERSONAL_VIEW (the same rule as the page and the API).
        dataset = transfer.export_organizations(request.municipality, access=request.access)
    else:
        dataset = EXPORTERS[kind](request.municipality)
    audit.record(
        f"directory.{kind}.exported", actor=request.user, municipality=request.municipality, request=request,
        data={"format": fmt, "rows": len(dataset),
              "personal": kind == "organizations" and request.access.has(perms.PERSONAL_VIEW)},
    )  # fmt: skip
    return export_response(dataset, f"{kind}-{request.municipality.code}", fmt)


def render_map_sheet(request, resources, area, categories, size, title) -> HttpResponse:
    """The PDF for the resources located in `area`'s subtree and (any of) `categories`."""
    from ..services.search import SearchParams, filter_resources

    started = time.monotonic()
    qs = filter_resources(resources, SearchParams(area=area))
    if categories:
        ids = set()
        for c in categories:
            ids |= {c.pk, *Category.objects.filter(parent=c).values_list("pk", flat=True)}
        qs = qs.filter(
            pk__in=Resource.categories.through.objects.filter(category_id__in=ids).values("resource_id")
        )
    qs = (
        qs.select_related("organization")
        .prefetch_related("schedules", "places")
        .order_by("search_reading", "search_name", "pk")
    )
    context = mapsheet.build_sheet(qs[:400], area, categories, size, title)
    pdf = mapsheet.render_pdf(context)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="map-{area.pk}-{size}.pdf"'
    response["X-Render-Seconds"] = f"{time.monotonic() - started:.2f}"
    return response


@requires(perms.DIRECTORY_VIEW)
def map_pdf(request, code):
    form = MapSheetForm(request.GET or None)
    if not form.is_valid():
        return render(
            request, "directory/transfer.html", {"map_form": form, "import_form": ImportForm()}, status=400
        )
    d = form.cleaned_data
    scope = request.GET.get("scope", "all")
    resources = public_resources() if scope == "public" else Resource.objects.exclude(status="ended")
    return render_map_sheet(
        request, resources, d["area"], list(d["categories"]), d["size"], d.get("title") or ""
    )


@requires(perms.DIRECTORY_VIEW)
def hsds_export(request, code):
    document = hsds.export_document(request.municipality, public_resources())
    audit.record(
        "directory.hsds.exported", actor=request.user, municipality=request.municipality, request=request
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="hsds-{request.municipality.code}.json"'
    return response
