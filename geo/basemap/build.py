"""Rebuilds the offline basemap files in this folder from Natural Earth.

Natural Earth (public domain) comes as TopoJSON in the npm package ``world-atlas`` 2.0.2 (ISC),
fetched with ``npm pack`` and checked against the registry's sha512 integrity, or read from a
tarball or unpacked folder given with ``--atlas``. Two files are written:

- ``region.geojson``: the conflict region (default lon 38..52, lat 36..44, the Caucasus) at 1:10m,
  clipped to the box and simplified: the land (to fill), land borders and coastlines as separate
  lines (to stroke), and a label point per country.
- ``world-110m.geojson``: the whole world at 1:110m (for other conflicts), simplified to about
  0.1 degree: the land (filled and outlined) and land borders.

Usage: ``python -m geo.basemap.build [--atlas PATH] [--bbox W S E N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import itertools
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from base.atomic import write_atomic
from geo.basemap import REGION_BBOX, REGION_PATH, WORLD_PATH
from geo.basemap.topojson import (
    BBox,
    Point,
    Shape,
    arc_points,
    arc_use_count,
    clip_line,
    clip_ring,
    decode_arcs,
    intersects,
    ring_bbox,
    rounded,
    shapes,
    simplify,
    stitch_ring,
    unwrap_polygon,
)

ATLAS_PACKAGE = "world-atlas@2.0.2"
ATLAS_INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
SOURCE_NOTE = "Natural Earth (public domain) via the npm package world-atlas 2.0.2 (ISC); built by geo/basemap/build.py"
# Countries whose clipped land is smaller than this (square degrees) get no label.
MIN_LABEL_AREA = 1.0
# ... and so do countries whose label point would be closer than this (degrees) to the region's edge.
LABEL_EDGE_MARGIN = 0.75


def load_atlas_file(atlas: Path | None, filename: str) -> dict[str, Any]:
    """`filename` (e.g. ``countries-50m.json``) from a world-atlas tarball or folder, or from npm."""
    if atlas is not None and atlas.is_dir():
        return json.loads((atlas / filename).read_text(encoding="utf-8"))
    data = atlas.read_bytes() if atlas is not None else _npm_pack_atlas()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        member = tar.extractfile(f"package/{filename}")
        if member is None:
            raise FileNotFoundError(f"package/{filename} not in the world-atlas tarball")
        return json.loads(member.read())


_npm_cache: dict[str, bytes] = {}


def _npm_pack_atlas() -> bytes:
    if ATLAS_PACKAGE in _npm_cache:
        return _npm_cache[ATLAS_PACKAGE]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", ATLAS_PACKAGE], cwd=tmp, check=True,  # noqa: S603, S607
                       capture_output=True)
        data = next(Path(tmp).glob("world-atlas-*.tgz")).read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != ATLAS_INTEGRITY:
        raise ValueError(f"world-atlas integrity mismatch: expected {ATLAS_INTEGRITY}, got {digest}")
    _npm_cache[ATLAS_PACKAGE] = data
    return data


def basemap_collection(topology: dict[str, Any], *, bbox: BBox | None, tolerance: float, digits: int,
                       labels: bool) -> dict[str, Any]:
    """A GeoJSON FeatureCollection within `bbox`: the land (fill only), land borders, coastlines, and
    optionally one label point per country."""
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    land_shapes = shapes(topology, "land")
    countries = shapes(topology, "countries")
    if bbox is not None:
        land_shapes = [s for s in land_shapes if _shape_touches(arcs, s, bbox)]
        countries = [s for s in countries if _shape_touches(arcs, s, bbox)]
    land = [poly for shape in land_shapes for poly in _land_polygons(arcs, shape, bbox)]
    if bbox is None:  # the whole world: land cut at ±180° is joined up again (no line across the map)
        land = [part for poly in land for part in unwrap_polygon(poly)]
    # Unclipped land is outlined by its own edge; clipped land would show the box's edge, so the
    # coastline then comes as separate lines.
    features: list[dict[str, Any]] = [{
        "type": "Feature", "properties": {"kind": "land", "outlined": bbox is None},
        "geometry": {"type": "MultiPolygon",
                     "coordinates": [[list(rounded(ring, digits)) for ring in poly] for poly in land]},
    }]
    uses = arc_use_count(shapes(topology, "countries"))
    for kind, wanted in (("border", 2), ("coast", 1)) if bbox is not None else (("border", 2),):
        lines: list[list[list[float]]] = []
        for index, count in sorted(uses.items()):
            if min(count, 2) != wanted:
                continue
            parts = [arc_points(arcs, index)] if bbox is None else clip_line(arc_points(arcs, index), bbox)
            lines.extend(line for part in parts if len(line := list(rounded(part, digits))) > 1)
        if lines:
            features.append({"type": "Feature", "properties": {"kind": kind},
                             "geometry": {"type": "MultiLineString", "coordinates": lines}})
    if labels and bbox is not None:
        for shape in countries:
            label = _label_point(_land_polygons(arcs, shape, bbox), bbox)
            if label is not None:
                features.append({"type": "Feature", "properties": {"kind": "country_label", "name": shape.name},
                                 "geometry": {"type": "Point", "coordinates": [round(label[0], 2),
                                                                               round(label[1], 2)]}})
    collection: dict[str, Any] = {"type": "FeatureCollection", "source": SOURCE_NOTE, "features": features}
    if bbox is not None:
        collection["bbox"] = list(bbox)
    return collection


def _shape_touches(arcs: Sequence[Sequence[Point]], shape: Shape, bbox: BBox) -> bool:
    points = [p for polygon in shape.polygons for i in polygon[0] for p in arc_points(arcs, i)]
    return bool(points) and intersects(ring_bbox(points), bbox)


def _land_polygons(arcs: Sequence[Sequence[Point]], shape: Shape, bbox: BBox | None) -> list[list[list[Point]]]:
    polygons: list[list[list[Point]]] = []
    for polygon in shape.polygons:
        rings = [stitch_ring(arcs, ring) for ring in polygon]
        if bbox is not None:
            rings = [clip_ring(ring, bbox) for ring in rings]
        rings = [ring for ring in rings if len(ring) >= 4]
        if rings and len(rings[0]) >= 4:
            polygons.append(rings)
    return polygons


def _label_point(polygons: Sequence[Sequence[Sequence[Point]]], bbox: BBox) -> Point | None:
    """The centroid of the largest outer ring, when it is large enough to carry a label and not at the edge."""
    best_area, best = 0.0, None
    for polygon in polygons:
        area, cx, cy = _ring_centroid(polygon[0])
        if abs(area) > best_area:
            best_area, best = abs(area), (cx, cy)
    if best is None or best_area < MIN_LABEL_AREA:
        return None
    west, south, east, north = bbox
    margin = LABEL_EDGE_MARGIN
    inside = west + margin <= best[0] <= east - margin and south + margin <= best[1] <= north - margin
    return best if inside else None


def _ring_centroid(ring: Sequence[Point]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def build(*, atlas: Path | None, bbox: BBox, out_dir: Path | None = None) -> dict[Path, int]:
    """Writes both files; returns their paths and sizes in bytes."""
    region_path = REGION_PATH if out_dir is None else out_dir / REGION_PATH.name
    world_path = WORLD_PATH if out_dir is None else out_dir / WORLD_PATH.name
    region = basemap_collection(load_atlas_file(atlas, "countries-10m.json"), bbox=bbox, tolerance=0.004,
                                digits=3, labels=True)
    world = basemap_collection(load_atlas_file(atlas, "countries-110m.json"), bbox=None, tolerance=0.1,
                               digits=1, labels=False)
    sizes: dict[Path, int] = {}
    for path, collection in ((region_path, region), (world_path, world)):
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        write_atomic(path, text + "\n")
        sizes[path] = len(text.encode("utf-8")) + 1
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.basemap.build", description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, help="world-atlas tarball or unpacked folder (default: npm pack)")
    parser.add_argument("--bbox", type=float, nargs=4, metavar=("WEST", "SOUTH", "EAST", "NORTH"),
                        default=REGION_BBOX, help="region box in degrees (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    for path, size in build(atlas=args.atlas, bbox=tuple(args.bbox), out_dir=args.out).items():
        print(f"{path}: {size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
