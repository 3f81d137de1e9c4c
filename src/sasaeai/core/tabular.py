"""Spreadsheets in and out (.xlsx and .csv), the way municipalities keep their lists.

Reading goes through tablib/openpyxl; CSV files from Japanese Excel are often Shift_JIS (cp932),
so both encodings are tried. Imports run every row inside one transaction and roll it back when
any row fails (or for a preview), so a file is taken whole or not at all.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

MAX_ROWS = 50_000


class TableError(ValueError):
    """The file itself cannot be read (wrong type, encoding, empty)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[dict[str, str]]


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("The CSV file is neither UTF-8 nor Shift_JIS."))


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(raw: bytes, filename: str) -> Table:
    name = filename.lower()
    if name.endswith(".csv"):
        reader = csv.reader(io.StringIO(_decode(raw)))
        matrix = [row for row in reader]
    elif name.endswith(".xlsx"):
        try:
            dataset = tablib.Dataset().load(io.BytesIO(raw), format="xlsx")
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise TableError(_("The Excel file could not be read.")) from exc
        matrix = [list(dataset.headers or [])] + [list(r) for r in dataset]
    else:
        raise TableError(_("Upload a .xlsx or .csv file."))
    matrix = [[_clean(v) for v in row] for row in matrix if any(_clean(v) for v in row)]
    if not matrix:
        raise TableError(_("The file has no rows."))
    if len(matrix) - 1 > MAX_ROWS:
        raise TableError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    headers = matrix[0]
    rows = [dict(zip(headers, row + [""] * (len(headers) - len(row)), strict=False)) for row in matrix[1:]]
    return Table(headers=headers, rows=rows)


def map_columns(
    table: Table, aliases: dict[str, Iterable[str]], mapping: dict[str, str] | None = None
) -> Table:
    """Rename the file's headers to field names: an explicit mapping first, then known aliases."""
    lookup = {}
    for field_name, names in aliases.items():
        for n in [field_name, *names]:
            lookup[n.strip().lower()] = field_name
    for header, field_name in (mapping or {}).items():
        if field_name:
            lookup[header.strip().lower()] = field_name
    renamed = [lookup.get(h.strip().lower(), h) for h in table.headers]
    rows = [{renamed[i]: row.get(h, "") for i, h in enumerate(table.headers)} for row in table.rows]
    return Table(headers=renamed, rows=rows)


@dataclass
class RowError:
    row: int  # spreadsheet row number, the header being row 1
    field: str
    message: str


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _messages(exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [(f, str(m)) for f, errs in exc.message_dict.items() for m in errs]
    return [("", str(m)) for m in exc.messages]


def run_import(rows: list[dict], handle_row: Callable[[dict], str], *, commit: bool) -> ImportReport:
    """Apply `handle_row` to each row in one transaction; keep it only if `commit` and no row failed.

    `handle_row` returns "created" or "updated" and raises ValidationError for a bad row.
    """
    report = ImportReport(total=len(rows))
    with transaction.atomic():
        for index, row in enumerate(rows, start=2):
            try:
                with transaction.atomic():
                    outcome = handle_row(row)
            except ValidationError as exc:
                report.errors.extend(RowError(index, f, m) for f, m in _messages(exc))
                continue
            if outcome == "created":
                report.created += 1
            else:
                report.updated += 1
        if report.errors or not commit:
            transaction.set_rollback(True)
        else:
            report.committed = True
    return report


def export_response(dataset: tablib.Dataset, filename: str, fmt: str) -> HttpResponse:
    """A download of `dataset` as .xlsx or .csv (UTF-8 with BOM, which Excel opens correctly)."""
    if fmt == "xlsx":
        content = dataset.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        content = "\ufeff" + dataset.export("csv")
        content_type = "text/csv; charset=utf-8"
    else:
        raise ValueError(fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{fmt}"
    return response
