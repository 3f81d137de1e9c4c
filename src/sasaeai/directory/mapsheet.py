"""The printable 地域情報マップ: numbered markers drawn as SVG on the area outline, a numbered list beside.

No tiles: the map is a plain background with the area's outline (GeoJSON boundary of the area
and its sub-areas when they have one), so it prints the same on a closed network.
WeasyPrint renders the HTML to PDF with the IPAex Gothic font embedded.
"""

import base64
import math
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from sasaeai.core.models import Area

from .scheduling import describe_schedule

SIZES = {"A4": (297, 210), "A3": (420, 297)}  # landscape, millimetres


@dataclass
class Entry:
    number: int
    name: str
    when: str
    place: str
    contact: str
    x: float | None = None
    y: float | None = None


def _rings(geometry) -> list[list[tuple[float, float]]]:
    """Outer rings (lon, lat) of a GeoJSON Polygon/MultiPolygon/Feature/FeatureCollection."""
    if not isinstance(geometry, dict):
        return []
    kind = geometry.get("type")
    if kind == "FeatureCollection":
        return [r for f in geometry.get("features", []) for r in _rings(f)]
    if kind == "Feature":
        return _rings(geometry.get("geometry"))
    if kind == "Polygon":
        return [[(p[0], p[1]) for p in geometry["coordinates"][0]]]
    if kind == "MultiPolygon":
        return [[(p[0], p[1]) for p in poly[0]] for poly in geometry["coordinates"]]
    return []


class Projection:
    """Equirectangular projection of a lat/lon box onto a width × height SVG, keeping the aspect."""

    def __init__(self, points: list[tuple[float, float]], width: float, height: float, margin: float = 24):
        lons = [p[0] for p in points] or [0.0]
        lats = [p[1] for p in points] or [0.0]
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        span_x = max((self.east - self.west) * self.kx, 1e-4)
        span_y = max(self.north - self.south, 1e-4)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.ox = (width - span_x * self.scale) / 2
        self.oy = (height - span_y * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(self.ox + (lon - self.west) * self.kx * self.scale, 1),
            round(self.oy + (self.north - lat) * self.scale, 1),
        )


def _label(numbers: list[int]) -> str:
    """[3, 4, 5, 7] → "3–5,7"."""
    parts, start = [], None
    numbers = sorted(numbers)
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ",".join(parts)


def build_sheet(resources, area: Area, categories, size: str, title: str) -> dict:
    """Everything the template needs: outline paths, markers and the numbered list."""
    resources = list(resources)
    width, height = (560, 470) if size == "A4" else (800, 690)
    subtree = list(Area.objects.filter(path__startswith=area.path))
    outlines = [r for a in subtree for r in _rings(a.boundary)]
    # Number the list place by place, so that one marker stands for a run of numbers (集会所: 3–7).
    rows = []
    for resource in resources:
        places = list(resource.places.all())
        rows.append((places[0].name if places else "", resource, places))
    rows.sort(key=lambda row: (row[1].latitude is None, row[0], row[1].search_reading, row[1].search_name))
    entries, located = [], []
    for number, (place_name, resource, _places) in enumerate(rows, start=1):
        schedules = list(resource.schedules.all())
        when = "、".join(describe_schedule(s) for s in schedules) or resource.schedule_note
        contact = resource.phone or (resource.organization.phone if resource.organization else "")
        entry = Entry(number, resource.name, when, place_name, contact)
        entries.append(entry)
        if resource.latitude is not None:
            located.append((entry, resource))
    children = [a for a in subtree if a.parent_id == area.pk and a.latitude is not None]
    points = [(r.longitude, r.latitude) for _e, r in located] + [p for ring in outlines for p in ring]
    points += [(a.longitude, a.latitude) for a in children]
    if not points and area.latitude is not None:
        points = [(area.longitude, area.latitude)]
    projection = Projection(points, width, height)
    groups: dict[tuple, list[int]] = {}
    for entry, resource in located:
        entry.x, entry.y = projection(resource.longitude, resource.latitude)
        groups.setdefault((entry.x, entry.y), []).append(entry.number)
    markers = []
    for (x, y), numbers in groups.items():
        label = _label(numbers)
        w = round(4.6 * len(label) + 8, 1)
        markers.append(
            {
                "x": x,
                "y": y,
                "label": label,
                "wide": len(numbers) > 1,
                "rx": round(x - w / 2, 1),
                "ry": round(y - 7.5, 1),
                "w": w,
            }
        )
    labels = [
        {
            "name": a.name,
            "x": projection(a.longitude, a.latitude)[0],
            "y": projection(a.longitude, a.latitude)[1],
        }
        for a in children
    ]
    paths = [
        "M " + " L ".join(f"{x},{y}" for x, y in (projection(lon, lat) for lon, lat in ring)) + " Z"
        for ring in outlines
    ]
    return {
        "title": title or f"{area.name} 地域情報マップ",
        "area": area,
        "categories": categories,
        "size": size,
        "page_width": SIZES[size][0],
        "page_height": SIZES[size][1],
        "svg_width": width,
        "svg_height": height,
        "paths": paths,
        "entries": entries,
        "markers": markers,
        "labels": labels,
        "printed_on": timezone.localdate(),
    }


def render_pdf(context: dict) -> bytes:
    """The sheet as PDF. The map goes in as an SVG image, not inline markup: WeasyPrint parses and
    styles inline SVG elements like HTML ones, which made a 200-marker sheet twice as slow."""
    from weasyprint import HTML

    svg = render_to_string("directory/map_sheet.svg", context)
    context = {**context, "svg_base64": base64.b64encode(svg.encode()).decode()}
    html = render_to_string("directory/map_sheet.html", context)
    return HTML(string=html).write_pdf()
