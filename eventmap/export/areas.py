"""A scene's area layers (districts ...) on a picture: the same polygons, lines and colours as the web map."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from eventmap.export.viewport import project
from eventmap.scene import AreaLayer

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

AREA_ZORDER = 2.5  # over the land and the borders, under country names, markers and labels


def _rings(geometry: dict[str, Any]) -> Iterable[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def area_rings(area: AreaLayer) -> list[np.ndarray]:
    """Every ring of the layer's polygons in Web Mercator metres."""
    rings = []
    for feature in area.geojson["features"]:
        for ring in _rings(feature["geometry"]):
            rings.append(np.array([project(lat, lon) for lon, lat, *_ in ring]))
    return rings


def draw_areas(ax: Axes, areas: Iterable[AreaLayer]) -> list[Artist]:
    """Draw the shown area layers (a line of N px on the web map is N/96 inch on the picture)."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    artists: list[Artist] = []
    for area in areas:
        if not area.shown:
            continue
        dash = [float(v) for v in area.dash.split(",")] if area.dash else None
        collection = PolyCollection(
            area_rings(area), facecolors=[to_rgba(area.fill, area.fill_opacity)],
            edgecolors=[to_rgba(area.stroke, 0.9)], linewidths=area.weight * 72 / 96,
            linestyles=[(0, tuple(dash))] if dash else ["solid"], zorder=AREA_ZORDER)
        collection.set_gid(f"area-{area.key.value}")
        artists.append(ax.add_collection(collection, autolim=False))
    return artists
