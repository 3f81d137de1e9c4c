"""Report downloads: one registry of formats (xlsx, csv, pdf) for the monthly and annual reports.

The workbook keeps numbers as numbers and prints zero as "—" through its number format, as the
municipalities' own tables do; the CSV carries plain numbers for reuse; the PDF is WeasyPrint with
IPAex Gothic, the font Debian installs for Japanese.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sasaeai.core.fiscal import FISCAL_MONTHS, fiscal_year_label

ZERO_AS_DASH = '#,##0;-#,##0;"—"'
THIN = Side(style="thin", color="888888")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF4")
FONT_NAME = "IPAexゴシック"


@dataclass(frozen=True)
class Exporter:
    extension: str
    content_type: str
    render: Callable  # (report, meta) -> bytes


def _download(content: bytes, filename: str, exporter: Exporter) -> HttpResponse:
    response = HttpResponse(content, content_type=exporter.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{exporter.extension}"
    return response


def month_headers() -> list[str]:
    return [f"{m}月" for m in FISCAL_MONTHS]


def _title(report: dict, meta: dict, what: str) -> str:
    parts = [meta.get("municipality_name", ""), fiscal_year_label(report["fiscal_year"]), what]
    return " ".join(p for p in parts if p)


# --- xlsx -------------------------------------------------------------------------------------


def _sheet_setup(ws, landscape=True):
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def _write_monthly(ws, report: dict, meta: dict, start_row: int = 1) -> int:
    """Write the monthly table at `start_row`; returns the next free row."""
    title = _title(report, meta, _("Monthly activity report"))
    ws.cell(row=start_row, column=1, value=title).font = Font(name=FONT_NAME, bold=True, size=14)
    if meta.get("filter_text"):
        ws.cell(row=start_row + 1, column=1, value=meta["filter_text"]).font = Font(name=FONT_NAME, size=9)
    header_row = start_row + 2
    headers = [_("Kind"), _("Unit"), *month_headers(), _("Total")]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center")
    row_no = header_row
    for row in report["rows"]:
        row_no += 1
        values = [row["label"], row["unit"], *row["months"], row["total"]]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row_no, column=col, value=value)
            cell.border = BOX
            cell.font = Font(name=FONT_NAME, bold=col == len(values))
            if col > 2:
                cell.number_format = ZERO_AS_DASH
                cell.alignment = Alignment(horizontal="right")
            elif col == 2:
                cell.alignment = Alignment(horizontal="center")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 5
    for col in range(3, 3 + 13):
        ws.column_dimensions[get_column_letter(col)].width = 7
    return row_no + 2


def monthly_xlsx(report: dict, meta: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Monthly report")
    _sheet_setup(ws)
    _write_monthly(ws, report, meta)
    ws.print_title_rows = "3:3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def annual_xlsx(report: dict, meta: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Annual report")
    _sheet_setup(ws)
    row = _write_monthly(ws, report["monthly"], meta)
    for section in report["sections"]:
        ws.cell(row=row, column=1, value=section.title).font = Font(name=FONT_NAME, bold=True, size=12)
        row += 1
        for col, text in enumerate(section.headers, start=1):
            cell = ws.cell(row=row, column=col, value=text)
            cell.font = Font(name=FONT_NAME, bold=True)
            cell.fill = HEAD_FILL
            cell.border = BOX
        for values in section.rows:
            row += 1
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.border = BOX
                cell.font = Font(name=FONT_NAME)
        if section.note:
            row += 1
            ws.cell(row=row, column=1, value=section.note).font = Font(name=FONT_NAME, italic=True)
        row += 2
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- csv --------------------------------------------------------------------------------------


def monthly_csv(report: dict, meta: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Kind code"), _("Kind"), _("Unit"), *month_headers(), _("Total")])
    for row in report["rows"]:
        writer.writerow([row["kind"], row["label"], row["unit"], *row["months"], row["total"]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel then reads it as UTF-8


# --- pdf --------------------------------------------------------------------------------------


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported late: loading it takes a moment

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def monthly_pdf(report: dict, meta: dict) -> bytes:
    return _pdf("activities/pdf/monthly.html", {"report": report, "meta": meta, "months": month_headers()})


def annual_pdf(report: dict, meta: dict) -> bytes:
    return _pdf("activities/pdf/annual.html", {"report": report, "meta": meta, "months": month_headers()})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHLY_EXPORTERS = {
    "xlsx": Exporter("xlsx", XLSX, monthly_xlsx),
    "csv": Exporter("csv", "text/csv; charset=utf-8", monthly_csv),
    "pdf": Exporter("pdf", "application/pdf", monthly_pdf),
}
ANNUAL_EXPORTERS = {
    "xlsx": Exporter("xlsx", XLSX, annual_xlsx),
    "pdf": Exporter("pdf", "application/pdf", annual_pdf),
}


def export(exporters: dict[str, Exporter], fmt: str, report: dict, meta: dict, filename: str) -> HttpResponse:
    exporter = exporters[fmt]
    return _download(exporter.render(report, meta), filename, exporter)
