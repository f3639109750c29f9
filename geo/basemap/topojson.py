"""A small TopoJSON reader and the geometry helpers that turn it into a light basemap.

TopoJSON (https://github.com/topojson/topojson-specification) stores each shared boundary once, as an
*arc*; geometries list the arcs they are made of (a negative index ``~i`` means arc ``i`` reversed).
A quantized topology stores arcs as integer deltas that `decode_arcs` turns back into longitudes and
latitudes. Because every arc knows how many geometries use it, the land borders (arcs of two
countries) and the coastlines (arcs of one) come out as separate lines, which the map draws in
different styles.

Only the standard library is used, so the basemap can be rebuilt anywhere Python runs.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]
BBox = tuple[float, float, float, float]  # (west, south, east, north)
WORLD_BOX: BBox = (-180.0, -90.0, 180.0, 90.0)


class TopologyError(ValueError):
    """The input is not a TopoJSON topology this reader understands."""


@dataclass(frozen=True, slots=True)
class Shape:
    """One geometry of a topology object: its polygons (rings of arc indices) and properties."""

    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]  # polygon -> ring -> signed arc indices


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Every arc of `topology` as absolute (lon, lat) points (delta-decoded and de-quantized)."""
    if topology.get("type") != "Topology":
        raise TopologyError(f"not a TopoJSON topology (type {topology.get('type')!r})")
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def shapes(topology: Mapping[str, Any], object_name: str) -> list[Shape]:
    """The (multi)polygons of the geometry collection `object_name`, with their `name` property."""
    try:
        collection = topology["objects"][object_name]
    except KeyError:
        known = sorted(topology.get("objects", {}))
        raise TopologyError(f"no object {object_name!r} in the topology (has {known})") from None
    result: list[Shape] = []
    polygons: tuple[tuple[tuple[int, ...], ...], ...]
    for geometry in collection.get("geometries", []):
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = (tuple(tuple(ring) for ring in geometry["arcs"]),)
        elif kind == "MultiPolygon":
            polygons = tuple(tuple(tuple(ring) for ring in polygon) for polygon in geometry["arcs"])
        elif kind is None:
            continue  # a null geometry
        else:
            raise TopologyError(f"unsupported geometry type {kind!r} in {object_name!r}")
        name = str((geometry.get("properties") or {}).get("name", geometry.get("id", "")))
        result.append(Shape(name=name, polygons=polygons))
    return result


def arc_points(arcs: Sequence[Sequence[Point]], index: int) -> list[Point]:
    """The points of the signed arc `index` (``~i`` is arc ``i`` reversed)."""
    return list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))


def stitch_ring(arcs: Sequence[Sequence[Point]], indices: Iterable[int]) -> Ring:
    """A closed ring from consecutive arcs; the first point of each following arc is the shared one."""
    ring: Ring = []
    for index in indices:
        points = arc_points(arcs, index)
        ring.extend(points if not ring else points[1:])
    return ring


def arc_use_count(shape_list: Iterable[Shape]) -> Counter[int]:
    """How many geometries use each arc (by unsigned index): 2 for a land border, 1 for a coast."""
    counts: Counter[int] = Counter()
    for shape in shape_list:
        used = {i if i >= 0 else ~i for polygon in shape.polygons for ring in polygon for i in ring}
        counts.update(used)
    return counts


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: drop points closer than `tolerance` degrees to the simplified line; keeps the ends."""
    if tolerance <= 0 or len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                dist = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if dist > worst:
                worst, worst_index = dist, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.extend([(first, worst_index), (worst_index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def clip_ring(ring: Sequence[Point], bbox: BBox) -> Ring:
    """Sutherland-Hodgman clipping of a polygon ring to a rectangle (for filled areas only)."""
    west, south, east, north = bbox
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    output: list[Point] = list(ring[:-1]) if ring and ring[0] == ring[-1] else list(ring)
    for inside, crossing in edges:
        source, output = output, []
        if not source:
            break
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    output.append(crossing(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(crossing(previous, current))
            previous = current
    if len(output) < 3:
        return []
    return [*output, output[0]]


def clip_line(points: Sequence[Point], bbox: BBox) -> list[list[Point]]:
    """The parts of a polyline inside a rectangle (Liang-Barsky on each segment)."""
    parts: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(points):
        segment = _clip_segment(a, b, bbox)
        if segment is None:
            if len(current) > 1:
                parts.append(current)
            current = []
            continue
        start, end = segment
        if not current or current[-1] != start:
            if len(current) > 1:
                parts.append(current)
            current = [start]
        current.append(end)
        if end != b:  # left the box
            parts.append(current)
            current = []
    if len(current) > 1:
        parts.append(current)
    return parts


def unwrap_ring(ring: Sequence[Point]) -> tuple[Ring, bool]:
    """`ring` with longitudes made continuous across the antimeridian, and whether anything moved.

    Natural Earth cuts land at ±180°, so a ring of Chukotka or Fiji steps from 179.9 to -180: drawn on a
    flat map, that step is a line across the whole world. Unwrapped, the ring runs on past 180 (to 190,
    say). A ring around a pole (Antarctica) cannot close that way and is returned as it is: its step lies
    along the map's bottom edge, out of sight.
    """
    unwrapped: Ring = [ring[0]] if ring else []
    offset = 0.0
    for (x0, _), (x1, y1) in itertools.pairwise(ring):
        step = x1 - x0
        if step > 180:
            offset -= 360
        elif step < -180:
            offset += 360
        unwrapped.append((x1 + offset, y1))
    if offset != 0:  # around a pole
        return list(ring), False
    return unwrapped, unwrapped != list(ring)


def unwrap_polygon(polygon: Sequence[Sequence[Point]]) -> list[list[Ring]]:
    """`polygon` (outer ring, holes) unwrapped across the antimeridian (`unwrap_ring`); a polygon that now
    reaches past ±180 comes with the part that a shift by 360 degrees brings onto the map, so it shows at
    both edges."""
    rings, moved = zip(*(unwrap_ring(ring) for ring in polygon), strict=True) if polygon else ((), ())
    result = [list(rings)]
    if any(moved):
        xs = [x for ring in rings for x, _ in ring]
        shift = -360.0 if max(xs) > 180 else 360.0
        # Only the part that the shift brings onto the map (all of Eurasia would come along with Chukotka).
        copy = [clip_ring([(x + shift, y) for x, y in ring], WORLD_BOX) for ring in rings]
        if len(copy[0]) >= 4:
            result.append([ring for ring in copy if len(ring) >= 4])
    return result


def ring_bbox(points: Iterable[Point]) -> BBox:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def intersects(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def rounded(points: Iterable[Point], digits: int) -> Iterator[list[float]]:
    """Points as JSON-ready [lon, lat] pairs rounded to `digits`, without consecutive duplicates."""
    last: list[float] | None = None
    for x, y in points:
        point = [round(x, digits), round(y, digits)]
        if point != last:
            yield point
        last = point


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _clip_segment(a: Point, b: Point, bbox: BBox) -> tuple[Point, Point] | None:
    west, south, east, north = bbox
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - west), (dx, east - a[0]), (-dy, a[1] - south), (dy, north - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    end = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return start, end
