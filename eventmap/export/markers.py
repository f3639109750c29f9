"""Where the markers go and how they look: size for the number of events, spreading of events that share
a point, colours faded for the playback. Pure numpy; the drawing is `eventmap.export.png.MapFigure`'s.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from eventmap.export.viewport import Viewport, project
from eventmap.styling import StatusStyle

MARKER_PT = 12.0  # marker size (points) on a picture laid out for a 7.5-inch short side
MAX_RING = 10  # events spread on one ring around a point; more go on a spiral
MAX_SPREAD = 60  # more events than this at one point are stacked on it
CROWD = 300  # above this many events in the picture, markers get smaller and inexact places get no circle


def marker_size(events_in_view: int) -> float:
    """Marker size in points: `MARKER_PT` up to `CROWD` events in the picture, smaller (down to a third)
    for more, so that ten thousand events do not paint the map over."""
    if events_in_view <= CROWD:
        return MARKER_PT
    return max(MARKER_PT / 3, MARKER_PT * math.sqrt(CROWD / events_in_view))


def ring_offsets(count: int) -> np.ndarray:
    """Offsets, in marker diameters, that spread `count` markers sharing one point without overlap.

    Up to `MAX_RING` on one ring (neighbours 1.2 diameters apart), more on a sunflower spiral (Vogel),
    which stays compact for a few dozen events at one town.
    """
    if count <= 1:
        return np.zeros((max(count, 0), 2))
    i = np.arange(count)
    if count <= MAX_RING:
        radius = max(0.7, 0.6 / math.sin(math.pi / count))
        angles = np.pi / 2 - 2 * np.pi * i / count
        return np.column_stack([np.cos(angles), np.sin(angles)]) * radius
    spread = 0.7 * np.sqrt(i + 0.5)  # neighbours at least 1.08 diameters apart
    turns = i * math.pi * (3 - math.sqrt(5))  # the golden angle
    return np.column_stack([np.cos(turns) * spread, np.sin(turns) * spread])


def marker_positions(frame: pd.DataFrame, viewport: Viewport, *, marker_px: float, merge_px: float) -> np.ndarray:
    """(x, y) in metres for each row with coordinates.

    Events at one point are spread around it (`ring_offsets`) so that each stays visible; so are small
    groups whose points lie less than `merge_px` apart on the picture (Stepanakert and Nagorno-Karabakh's
    centre), as long as the merged group fits on one ring. A marker alone stays exactly on its point, and
    more than `MAX_SPREAD` events at one point are stacked on it (a spiral would cover the map).
    """
    lat = frame["latitude"].to_numpy(dtype=float)
    lon = frame["longitude"].to_numpy(dtype=float)
    xy = np.array([project(a, b) for a, b in zip(lat, lon, strict=True)]).reshape(-1, 2)
    keys = pd.Series(list(zip(np.round(lat, 5), np.round(lon, 5), strict=True)), dtype=object)
    groups = sorted(keys.groupby(keys, sort=False).indices.values(), key=lambda rows: (-len(rows), rows[0]))
    merge_m = merge_px * viewport.metres_per_pixel
    clusters: list[tuple[np.ndarray, list[int]]] = []  # (centre in metres, rows)
    grid: dict[tuple[int, int], list[int]] = {}  # cell of merge_m → clusters whose centre is in it
    for rows in groups:
        point = xy[rows[0]]
        cell = (int(point[0] // merge_m), int(point[1] // merge_m))
        near = None
        if len(rows) < MAX_RING:
            neighbours = (c for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                          for c in grid.get((cell[0] + dx, cell[1] + dy), ()))
            near = next((c for c in neighbours if len(clusters[c][1]) + len(rows) <= MAX_RING
                         and np.hypot(*(clusters[c][0] - point)) < merge_m), None)
        if near is None:
            grid.setdefault(cell, []).append(len(clusters))
            clusters.append((point.copy(), list(rows)))
        else:
            clusters[near][1].extend(rows)
    diameter_m = marker_px * viewport.metres_per_pixel
    for centre, rows in clusters:
        if 1 < len(rows) <= MAX_SPREAD:
            xy[rows] = centre + ring_offsets(len(rows)) * diameter_m
    return xy


def marker_colours(style: StatusStyle, colours: Sequence[str], alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGBA face and edge colours for markers of one status style, faded by `alphas`."""
    from matplotlib.colors import to_rgba_array

    base = to_rgba_array(colours)
    alpha = np.clip(alphas, 0, 1) * style.opacity
    if style.filled:
        face = base.copy()
        face[:, 3] = style.fill_opacity * alpha
        edge = to_rgba_array(["#222222"] * len(colours)) if not style.dash else base.copy()
    else:
        face = np.tile([1.0, 1.0, 1.0, 0.75], (len(colours), 1))
        face[:, 3] *= alpha
        edge = base.copy()
    edge[:, 3] = alpha
    return face, edge
