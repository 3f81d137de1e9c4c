"""The printable 地域情報マップ: numbered markers drawn as SVG on the area outline, a numbered list beside.

No tiles: the map is a plain background with the area's outline (GeoJSON boundary of the area
and its sub-areas when they have one), so it prints the same on a closed network.
WeasyPrint renders the HTML to PDF with the IPAex Gothic font embedded.
"""

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


def build_sheet(resources, area: Area, categories, size: str, title: str) -> dict:
    """Everything the template needs: outline paths, markers and the numbered list."""
    resources = list(resources)
    width, height = (560, 470) if size == "A4" else (800, 690)
    outlines = [r for a in Area.objects.filter(path__startswith=area.path) for r in _rings(a.boundary)]
    entries = []
    for number, resource in enumerate(resources, start=1):
        schedules = list(resource.schedules.all())
        places = list(resource.places.all())
        when = "、".join(describe_schedule(s) for s in schedules) or resource.schedule_note
        contact = resource.phone or (resource.organization.phone if resource.organization else "")
        entries.append(Entry(number, resource.name, when, places[0].name if places else "", contact))
    located = [(e, r) for e, r in zip(entries, resources, strict=True) if r.latitude is not None]
    points = [(r.longitude, r.latitude) for _e, r in located] + [p for ring in outlines for p in ring]
    if not points and area.latitude is not None:
        points = [(area.longitude, area.latitude)]
    projection = Projection(points, width, height)
    for entry, resource in located:
        entry.x, entry.y = projection(resource.longitude, resource.latitude)
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
        "markers": [e for e in entries if e.x is not None],
        "printed_on": timezone.localdate(),
    }


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("directory/map_sheet.html", context)
    return HTML(string=html).write_pdf()
