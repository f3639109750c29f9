"""Naming a point: the nearest place of the village index, and "12 km NE of Barda".

`nearest_place(lat, lon, index=...)` looks in a grid of 0.5° cells around the point (the cells
within `max_km`), so that naming 10,000 points takes well under a second; `nearest_places` does
many at once. `describe_point` says where a point is in words: the place's name when it is
within `near_km` (1 km), else "<distance> km <compass point> of <place>".
`haversine_km` is the great-circle distance used throughout `geo`, vectorised over numpy arrays.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from geo.placeindex import PlaceIndex

EARTH_RADIUS_KM = 6371.0088
CELL_DEG = 0.5
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def haversine_km(lat: float | np.ndarray, lon: float | np.ndarray,
                 lats: float | np.ndarray, lons: float | np.ndarray) -> np.ndarray:
    """Great-circle distances in km between (lat, lon) and each (lats, lons), in degrees."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dphi, dlmb = p2 - p1, np.radians(np.asarray(lons) - np.asarray(lon))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The initial bearing from point 1 to point 2, degrees clockwise from north (0..360)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass_point(bearing: float) -> str:
    """One of the 8 compass points (N, NE, ... NW) for a bearing in degrees."""
    return COMPASS[int(((bearing % 360.0) + 22.5) // 45.0) % 8]


@dataclass(frozen=True, slots=True)
class NearestPlace:
    """The place nearest a point, and where the point is from it."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    distance_km: float
    bearing: str  # compass point from the place to the point: 'NE'
    lat: float
    lon: float
    population: int = 0

    def describe(self, *, near_km: float = 1.0) -> str:
        """`Barda` within `near_km`, else `12 km NE of Barda`."""
        if self.distance_km < near_km:
            return self.name
        return f"{self.distance_km:.0f} km {self.bearing} of {self.name}"


class PlaceGrid:
    """The places of an index bucketed by 0.5° cell, for nearest-place queries."""

    def __init__(self, index: PlaceIndex, *, min_population: int = 0) -> None:
        self.index = index
        keep = np.flatnonzero(index.population >= min_population)
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        rows = np.floor(index.lat[keep] / CELL_DEG).astype(np.int64)
        cols = np.floor(index.lon[keep] / CELL_DEG).astype(np.int64)
        for i, r, c in zip(keep.tolist(), rows.tolist(), cols.tolist(), strict=True):
            cells[(r, c)].append(i)
        self.cells = {cell: np.array(ids, dtype=np.int64) for cell, ids in cells.items()}

    def _around(self, lat: float, lon: float, reach: int) -> np.ndarray:
        r, c = math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)
        found = [self.cells[(r + dr, c + dc)] for dr in range(-reach, reach + 1) for dc in range(-reach, reach + 1)
                 if (r + dr, c + dc) in self.cells]
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def nearest(self, lat: float, lon: float, *, max_km: float = 100.0) -> NearestPlace | None:
        """The nearest place within `max_km` of the point, or None."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        reach = 1
        # every point within `reach * ring_km` of (lat, lon) lies in the cells searched
        ring_km = 111.0 * CELL_DEG * max(math.cos(math.radians(min(abs(lat) + CELL_DEG, 89.0))), 0.01)
        limit = max(1, math.ceil(max_km / ring_km))
        while True:
            ids = self._around(lat, lon, reach)
            if len(ids):
                distances = haversine_km(lat, lon, self.index.lat[ids], self.index.lon[ids])
                best = int(np.argmin(distances))
                if distances[best] <= reach * ring_km or reach >= limit:
                    break
            if reach >= limit:
                return None
            reach += 1
        if distances[best] > max_km:
            return None
        i = int(ids[best])
        place = self.index.place(i)
        return NearestPlace(name=place.name, country=place.country, admin1=place.admin1,
                            distance_km=float(distances[best]),
                            bearing=compass_point(bearing_deg(place.lat, place.lon, lat, lon)),
                            lat=place.lat, lon=place.lon, population=place.population)


def nearest_place(lat: float, lon: float, *, grid: PlaceGrid, max_km: float = 100.0) -> NearestPlace | None:
    """The place of `grid` nearest (lat, lon) within `max_km`, or None."""
    return grid.nearest(lat, lon, max_km=max_km)


def nearest_places(points: Iterable[tuple[float, float]], *, grid: PlaceGrid,
                   max_km: float = 100.0) -> list[NearestPlace | None]:
    """`nearest_place` of each point (each distinct point computed once)."""
    memo: dict[tuple[float, float], NearestPlace | None] = {}
    out: list[NearestPlace | None] = []
    for lat, lon in points:
        key = (round(float(lat), 5), round(float(lon), 5))
        if key not in memo:
            memo[key] = grid.nearest(key[0], key[1], max_km=max_km)
        out.append(memo[key])
    return out


def describe_point(lat: float, lon: float, *, grid: PlaceGrid, near_km: float = 1.0,
                   max_km: float = 100.0) -> str:
    """`Barda` or `12 km NE of Barda`; "" when no place is within `max_km`."""
    place = grid.nearest(lat, lon, max_km=max_km)
    return place.describe(near_km=near_km) if place else ""
