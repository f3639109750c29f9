"""The offline basemap in the pictures: sea, land, land borders, coastlines and country names.

The geometry is the map helper's `geo/basemap/*.geojson` (Natural Earth): the detailed
`region.geojson` when the picture lies inside its box, the coarse `world-110m.geojson` otherwise.
Each file is read and projected to Web Mercator once per process (it is small).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from base.errors import ExportError
from eventmap.export.viewport import EARTH_RADIUS_M, MAX_LATITUDE, Extent, project

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

NATURAL_EARTH = "Natural Earth"
SEA = "#d7e6f0"
LAND = "#f5f2ea"
BORDER = "#7d7d7d"
COAST = "#9db7c9"
COUNTRY_LABEL = "#9a9a9a"


@dataclass(frozen=True)
class BasemapShapes:
    """A basemap file's geometry in EPSG:3857 metres."""

    land: tuple[np.ndarray, ...]  # closed rings (N×2)
    land_codes: tuple[np.ndarray, ...]  # matplotlib Path codes of each ring
    borders: tuple[np.ndarray, ...]  # lines (N×2)
    coasts: tuple[np.ndarray, ...]
    outline_land: bool  # draw the land's edge (the world file has no separate coastline)
    country_labels: tuple[tuple[str, float, float], ...]  # (name, x, y)
    source: str
    bbox: tuple[float, float, float, float] | None  # (west, south, east, north) in degrees


def _project_array(points: list[list[float]]) -> np.ndarray:
    coords = np.asarray(points, dtype=float)[:, :2]
    lon = coords[:, 0]
    lat = np.clip(coords[:, 1], -MAX_LATITUDE, MAX_LATITUDE)
    x = EARTH_RADIUS_M * np.radians(lon)
    y = EARTH_RADIUS_M * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return np.column_stack([x, y])


def _ring_codes(n: int) -> np.ndarray:
    from matplotlib.path import Path as MplPath

    codes = np.full(n, MplPath.LINETO, dtype=np.uint8)
    codes[0] = MplPath.MOVETO
    codes[-1] = MplPath.CLOSEPOLY
    return codes


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> BasemapShapes:
    try:
        document: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"{path}: cannot read the offline basemap ({exc})") from exc
    land: list[np.ndarray] = []
    borders: list[np.ndarray] = []
    coasts: list[np.ndarray] = []
    labels: list[tuple[str, float, float]] = []
    outline = False
    for feature in document.get("features", []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        kind = props.get("kind", "")
        gtype = geometry.get("type")
        coords = geometry.get("coordinates") or []
        if gtype in {"Polygon", "MultiPolygon"}:
            polygons = [coords] if gtype == "Polygon" else coords
            land.extend(_project_array(ring) for polygon in polygons for ring in polygon if len(ring) >= 3)
            outline = outline or bool(props.get("outlined"))
        elif gtype in {"LineString", "MultiLineString"}:
            lines = [coords] if gtype == "LineString" else coords
            target = coasts if kind == "coast" else borders
            target.extend(_project_array(line) for line in lines if len(line) >= 2)
        elif gtype == "Point" and kind == "country_label" and props.get("name"):
            x, y = project(coords[1], coords[0])
            labels.append((str(props["name"]), x, y))
    bbox = document.get("bbox")
    return BasemapShapes(
        land=tuple(land),
        land_codes=tuple(_ring_codes(len(r)) for r in land),
        borders=tuple(borders),
        coasts=tuple(coasts),
        outline_land=outline,
        country_labels=tuple(labels),
        source=str(document.get("source", NATURAL_EARTH)),
        bbox=tuple(bbox) if bbox and len(bbox) == 4 else None,
    )


def load_basemap(path: Path) -> BasemapShapes:
    """The shapes of a basemap GeoJSON file (cached while the file is unchanged)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ExportError(f"{path}: offline basemap missing ({exc})") from exc
    return _load(str(path), mtime)


def basemap_for(extent: Extent) -> Path:
    """The detailed regional file when `extent` lies inside its box, else the world file."""
    from geo.basemap import REGION_BBOX, REGION_PATH, WORLD_PATH

    west, south, east, north = REGION_BBOX
    x0, y0 = project(south, west)
    x1, y1 = project(north, east)
    inside = x0 <= extent.xmin and extent.xmax <= x1 and y0 <= extent.ymin and extent.ymax <= y1
    return REGION_PATH if inside and REGION_PATH.is_file() else WORLD_PATH


def draw_basemap(ax: Axes, shapes: BasemapShapes, *, line_scale: float, country_names: dict[str, str],
                 font_family: list[str], font_size: float) -> list[Text]:
    """Sea (the axes' background), land, coastlines, borders and country names on `ax`; returns the names."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    ax.set_facecolor(SEA)
    if shapes.land:
        path = MplPath(np.concatenate(shapes.land), np.concatenate(shapes.land_codes))
        ax.add_patch(PathPatch(path, facecolor=LAND, edgecolor=COAST if shapes.outline_land else "none",
                               linewidth=0.8 * line_scale, zorder=1))
    if shapes.coasts:
        ax.add_collection(LineCollection(shapes.coasts, colors=COAST, linewidths=0.8 * line_scale, zorder=2))
    if shapes.borders:
        ax.add_collection(LineCollection(shapes.borders, colors="white", linewidths=3.0 * line_scale, zorder=2))
        ax.add_collection(LineCollection(shapes.borders, colors=BORDER, linewidths=1.1 * line_scale,
                                         linestyles=(0, (6, 2, 1.5, 2)), zorder=2))
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    names: list[Text] = []
    for name, x, y in shapes.country_labels:
        if x0 < x < x1 and y0 < y < y1:
            names.append(ax.text(x, y, country_names.get(name, name).upper(), color=COUNTRY_LABEL,
                                 parse_math=False, fontsize=font_size, family=font_family, ha="center",
                                 va="center", zorder=3, fontweight="bold", alpha=0.9))
    return names
