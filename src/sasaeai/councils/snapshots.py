"""Meeting materials made of live figures, frozen when taken (a registry: other apps add kinds).

    register_snapshot(SnapshotKind("needs.table", _("Needs–resources table"), build_table))

`build(meeting)` returns JSON-able data; it is stored on the material and never recomputed.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SnapshotKind:
    code: str
    label: str
    build: Callable  # (meeting) -> dict
    available: Callable[[], bool] = field(default=lambda: True)
    # A template that draws the frozen data (context: data, kind); None draws it as a generic tree.
    template: str | None = None


_KINDS: dict[str, SnapshotKind] = {}


def register_snapshot(kind: SnapshotKind) -> None:
    _KINDS[kind.code] = kind


def snapshot_kinds() -> list[SnapshotKind]:
    return [k for k in _KINDS.values() if k.available()]


def get_snapshot_kind(code: str) -> SnapshotKind | None:
    kind = _KINDS.get(code)
    return kind if kind is not None and kind.available() else None


# --- the kinds this app knows ------------------------------------------------------------------


def _activities_services():
    try:
        module = importlib.import_module("sasaeai.activities.services")
    except ImportError:
        return None
    return module if hasattr(module, "monthly_report") else None


def build_monthly_report(meeting) -> dict:
    """The activity report of the meeting's fiscal year (the council's area for layers 2–3).

    Taken after the meeting (e.g. when the minutes are written), the months after the meeting's
    month are left out, so that the material shows what the council could have seen.
    """
    council = meeting.council
    area = council.area if council.layer > 1 else None
    report = _activities_services().monthly_report(meeting.municipality, meeting.fiscal_year, area=area)
    as_of = min(timezone.localdate(), meeting.date)
    shown = (as_of.month - 4) % 12 + 1  # months of the fiscal year up to and including as_of's
    for row in report.get("rows", []):
        row["months"] = [n if i < shown else 0 for i, n in enumerate(row["months"])]
        row["total"] = sum(row["months"])
    return {
        "fiscal_year": meeting.fiscal_year,
        "area": str(council.area),
        "as_of": as_of.isoformat(),
        "report": report,
    }


def build_open_action_items(meeting) -> dict:
    from .models import ActionItem

    items = ActionItem.objects.filter(
        council=meeting.council, status__in=ActionItem.OPEN_STATUSES
    ).select_related("meeting")
    return {
        "as_of": timezone.localdate().isoformat(),
        "items": [
            {
                "title": a.title,
                "owner": a.owner,
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "status": str(a.get_status_display()),
                "from_meeting": a.meeting.title if a.meeting else None,
            }
            for a in items
        ],
    }


register_snapshot(
    SnapshotKind(
        "activities.monthly_report",
        _("Monthly activity report"),
        build_monthly_report,
        available=lambda: _activities_services() is not None,
        template="councils/snapshots/monthly_report.html",
    )
)
register_snapshot(
    SnapshotKind(
        "councils.open_action_items",
        _("Open action items"),
        build_open_action_items,
        template="councils/snapshots/open_action_items.html",
    )
)


def as_tree(value, key: str = "") -> dict:
    """Turn snapshot JSON into nodes a template can draw: a table for a list of like dicts."""
    if isinstance(value, dict):
        return {"key": key, "kind": "dict", "children": [as_tree(v, str(k)) for k, v in value.items()]}
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            columns = list(dict.fromkeys(k for v in value for k in v))
            if all(not isinstance(v.get(c), (dict, list)) for v in value for c in columns):
                rows = [["" if v.get(c) is None else v.get(c) for c in columns] for v in value]
                return {"key": key, "kind": "table", "columns": columns, "rows": rows}
        return {"key": key, "kind": "list", "children": [as_tree(v) for v in value]}
    return {"key": key, "kind": "scalar", "value": "—" if value is None else value}
