"""Place names on the pictures: the events' places first, then the main towns of the gazetteer.

Names are shown in the chosen naming (`geo.naming.display_name`: "Shusha", "Shushi", "Shusha / Shushi").
Each label tries a few positions around its point, first beside it, then a little farther with a leader line
to the point, and takes the first that overlaps no marker, no label already placed and nothing else in the
way (legend, scale bar). A label that finds no room is left out: a name over another place's marker would
say the wrong thing. Labels come in priority order (capitals, then the places with most events, then towns).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from eventmap.export.text import shown
from eventmap.export.viewport import Viewport, project
from geo.naming import Naming

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

EVENT_LABEL_PT = 11.0
TOWN_LABEL_PT = 9.5
EVENT_INK = "#111111"
TOWN_INK = "#4d4d4d"
TOWN_TYPES = ("capital", "city", "town")  # gazetteer place types shown as context, in order of importance
REACHES = (1.0, 1.8, 2.8)  # distances from the point in clearances; beyond the first, a leader line

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels (y up)


@dataclass(frozen=True, slots=True)
class PlaceLabel:
    key: str  # casefolded name shown, to avoid labelling one place twice
    text: str
    lat: float
    lon: float
    is_event_place: bool
    weight: float  # higher first


def _display(name: str, naming: Naming, country: str = "") -> str:
    from geo.naming import display_name

    return display_name(name, naming, country=country or None)


def event_place_labels(located: pd.DataFrame, *, naming: Naming) -> list[PlaceLabel]:
    """One label per place that has events, most events first."""
    if located.empty:
        return []
    groups = (located.assign(_lat=located["latitude"].astype(float), _lon=located["longitude"].astype(float))
              .groupby("location", sort=False)
              .agg(lat=("_lat", "median"), lon=("_lon", "median"), n=("_lat", "size"), country=("country", "first")))
    labels = []
    for location, row in groups.iterrows():
        text = _display(str(location), naming, str(row["country"])) if location else ""
        if text:
            labels.append(PlaceLabel(text.casefold(), text, float(row["lat"]), float(row["lon"]), True,
                                     float(row["n"])))
    return sorted(labels, key=lambda p: (-p.weight, p.text))


def town_labels(viewport: Viewport, *, naming: Naming, limit: int, exclude: Iterable[str] = ()) -> list[PlaceLabel]:
    """The gazetteer's capitals, cities and towns inside the picture (not those in `exclude`)."""
    try:
        from geo.gazetteer import default_gazetteer

        places = default_gazetteer().places.values()
    except (ImportError, OSError, ValueError):
        return []
    excluded = set(exclude)
    extent = viewport.extent
    found: list[PlaceLabel] = []
    for place in places:
        kind = next((k for k in TOWN_TYPES if place.place_type.startswith(k)), None)
        if kind is None or place.lat is None or place.lon is None:
            continue
        x, y = project(place.lat, place.lon)
        if not (extent.xmin < x < extent.xmax and extent.ymin < y < extent.ymax):
            continue
        text = _display(place.name_en, naming, place.country)
        if text.casefold() in excluded or place.name_en.casefold() in excluded:
            continue
        found.append(PlaceLabel(text.casefold(), text, place.lat, place.lon, False, 3.0 - TOWN_TYPES.index(kind)))
    return sorted(found, key=lambda p: (-p.weight, p.text))[:limit]


def _overlap(box: Box, others: np.ndarray) -> float:
    """Total area of `box` covered by the boxes `others` (an N×4 array)."""
    if not len(others):
        return 0.0
    w = np.minimum(box[2], others[:, 2]) - np.maximum(box[0], others[:, 0])
    h = np.minimum(box[3], others[:, 3]) - np.maximum(box[1], others[:, 1])
    return float((np.clip(w, 0, None) * np.clip(h, 0, None)).sum())


# Candidate anchors: (dx, dy) direction from the point, and the text alignment that goes with it.
Across = Literal["left", "center", "right"]
Upright = Literal["bottom", "center", "top"]
_CANDIDATES: tuple[tuple[tuple[float, float], Across, Upright], ...] = (
    ((1, 0), "left", "center"), ((-1, 0), "right", "center"), ((0, 1), "center", "bottom"),
    ((0, -1), "center", "top"), ((0.8, 0.8), "left", "bottom"), ((0.8, -0.8), "left", "top"),
    ((-0.8, 0.8), "right", "bottom"), ((-0.8, -0.8), "right", "top"),
)


def place_labels(ax: Axes, labels: list[PlaceLabel], *, viewport: Viewport, obstacles: list[Box],
                 family: list[str], lang: str, clearance_px: float) -> list[Artist]:
    """Put each label where it fits; returns the text artists (and town dots) added to `ax`."""
    from matplotlib import patheffects
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = ax.figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):  # the pictures are drawn on Agg (`eventmap.export.png`)
        raise TypeError(f"place labels need an Agg canvas to measure text (got {type(canvas).__name__})")
    renderer = canvas.get_renderer()
    frame_box = ax.get_window_extent(renderer)
    bounds: Box = (frame_box.x0 + 2, frame_box.y0 + 2, frame_box.x1 - 2, frame_box.y1 - 2)
    taken = np.asarray(obstacles, dtype=float).reshape(-1, 4)
    placed = np.empty((0, 4))
    artists: list[Artist] = []
    dpi = ax.figure.dpi
    halo = [patheffects.withStroke(linewidth=3.2, foreground="white")]
    for place in labels:
        x, y = project(place.lat, place.lon)
        px, py = ax.transData.transform((x, y))
        if not (bounds[0] <= px <= bounds[2] and bounds[1] <= py <= bounds[3]):
            continue
        size = EVENT_LABEL_PT if place.is_event_place else TOWN_LABEL_PT
        offset = clearance_px if place.is_event_place else 4 * dpi / 72
        text = ax.text(x, y, shown(place.text, lang), parse_math=False, fontsize=size, family=family,
                       fontweight="bold" if place.is_event_place else "normal",
                       color=EVENT_INK if place.is_event_place else TOWN_INK, zorder=15, path_effects=halo)
        best: tuple[float, Box, tuple[tuple[float, float], Across, Upright], float] | None = None
        for reach in REACHES:
            for (dx, dy), ha, va in _CANDIDATES:
                text.set_horizontalalignment(ha)
                text.set_verticalalignment(va)
                at = ax.transData.inverted().transform((px + dx * offset * reach, py + dy * offset * reach))
                text.set_position((float(at[0]), float(at[1])))
                ext = text.get_window_extent(renderer)
                box: Box = (ext.x0 - 1, ext.y0 - 1, ext.x1 + 1, ext.y1 + 1)
                outside = box[0] < bounds[0] or box[2] > bounds[2] or box[1] < bounds[1] or box[3] > bounds[3]
                cost = _overlap(box, taken) + 30 * _overlap(box, placed) + (1e9 if outside else 0)
                if best is None or cost < best[0]:
                    best = (cost, box, (text.get_position(), ha, va), reach)
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        cost, box, (position, ha, va), reach = best
        if cost > 0:
            text.remove()
            continue
        text.set_position(position)
        text.set_horizontalalignment(ha)
        text.set_verticalalignment(va)
        placed = np.vstack([placed, box])
        artists.append(text)
        if reach > 1:
            artists.extend(_leader(ax, (px, py), box, halo=halo))
        if not place.is_event_place:
            artists.extend(ax.plot([x], [y], marker="o", markersize=3.2, color=TOWN_INK, markeredgecolor="white",
                                   markeredgewidth=0.8, linestyle="none", zorder=14))
            r = 3
            taken = np.vstack([taken, (px - r, py - r, px + r, py + r)])
    return artists


def _leader(ax: Axes, point: tuple[float, float], box: Box, *, halo: list) -> list[Artist]:
    """A thin line from a place's point to the nearest edge of its label, moved away from the point."""
    px, py = point
    ex, ey = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
    inverse = ax.transData.inverted()
    (x0, y0), (x1, y1) = inverse.transform((px, py)), inverse.transform((ex, ey))
    return list(ax.plot([x0, x1], [y0, y1], color=EVENT_INK, linewidth=0.9, solid_capstyle="butt", zorder=14,
                        path_effects=halo))


def marker_boxes_display(ax: Axes, positions: np.ndarray, *, half_px: float) -> list[Box]:
    """Display-pixel boxes around markers at `positions` (data coordinates)."""
    if not len(positions):
        return []
    points = ax.transData.transform(positions)
    return [(x - half_px, y - half_px, x + half_px, y + half_px) for x, y in points]
