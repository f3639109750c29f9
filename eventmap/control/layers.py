"""The territory layers the computation of control draws from (`geo/data/territory/`, see its README).

Units a change can name (`control_changes.csv`, column `units`):
- the admin-1 units of Azerbaijan and Armenia, by their `id` (ISO 3166-2 as Natural Earth gives it: `AZ-CAB`);
- `NKAO-1991`: the Nagorno-Karabakh Autonomous Oblast of 1991 (NE reference lines, polygonized);
- `LACHIN-CORRIDOR`: a schematic 5 km wide corridor (the width of the 10 Nov 2020 statement, item 6) along
  straight segments Goris - Lachin - Stepanakert, leaving out the Shusha city unit (the statement says the
  corridor bypasses Shusha). No source publishes the corridor's geometry: it is drawn, not surveyed.

`unit_catalogue()` reads names only (for validation, no geometry); `load_layers()` builds the shapely
geometries (cached per folder).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from base.errors import EventMapError

TERRITORY_DIR = Path(__file__).resolve().parents[2] / "geo" / "data" / "territory"
ADMIN1_FILE = "admin1_azerbaijan_armenia.geojson"
NKAO_FILE = "ne2017_nkao_1991_polygon.geojson"
DEFACTO_FILE = "ne2017_nagorno_karabakh_defacto_pre2020.geojson"

NKAO_UNIT = "NKAO-1991"
CORRIDOR_UNIT = "LACHIN-CORRIDOR"
LAND_COUNTRY = "Azerbaijan"  # the land whose control the war changed: every unit of this country
SHUSHA_CITY_UNIT = "AZ-X01~"
# Points of the schematic corridor (lat, lon), from the project's reference gazetteer (GeoNames / Wikipedia).
CORRIDOR_POINTS: tuple[tuple[str, float, float], ...] = (
    ("Goris", 39.5111, 46.3417),
    ("Lachin", 39.6408, 46.5469),
    ("Stepanakert", 39.8177, 46.7528),
)
CORRIDOR_WIDTH_KM = 5.0
_KM_PER_DEG_LAT = 110.574
_KM_PER_DEG_LON_EQUATOR = 111.320
_REFERENCE_LAT = 39.8  # the local projection's standard parallel (the war zone)


class TerritoryLayerError(EventMapError, ValueError):
    """A territory layer is missing or unreadable (the message names the file)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit a change can name: its id, its name in the layer and its country."""

    id: str
    name: str
    country: str


def _read_geojson(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TerritoryLayerError(f"{path.name}: territory layer not found in {str(path.parent)!r}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TerritoryLayerError(f"{path.name}: not a readable GeoJSON file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list) or not data["features"]:
        raise TerritoryLayerError(f"{path.name}: a GeoJSON FeatureCollection with features was expected")
    return data


@lru_cache(maxsize=4)
def unit_catalogue(directory: Path = TERRITORY_DIR) -> dict[str, Unit]:
    """Every unit id a change may name -> its `Unit` (admin-1 units, then the derived units)."""
    units: dict[str, Unit] = {}
    for feature in _read_geojson(Path(directory) / ADMIN1_FILE)["features"]:
        props = feature.get("properties") or {}
        units[str(props["id"])] = Unit(str(props["id"]), str(props.get("name", "")), str(props.get("country", "")))
    units[NKAO_UNIT] = Unit(NKAO_UNIT, "Nagorno-Karabakh Autonomous Oblast (circa 1991)", LAND_COUNTRY)
    units[CORRIDOR_UNIT] = Unit(CORRIDOR_UNIT, "Lachin corridor (schematic, 5 km wide)", LAND_COUNTRY)
    return units


# --- a local equirectangular projection, for distances in km ------------------------------------------------


def _to_km(coords: np.ndarray) -> np.ndarray:
    scale = _KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(_REFERENCE_LAT))
    return np.column_stack((coords[:, 0] * scale, coords[:, 1] * _KM_PER_DEG_LAT))


def _from_km(coords: np.ndarray) -> np.ndarray:
    scale = _KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(_REFERENCE_LAT))
    return np.column_stack((coords[:, 0] / scale, coords[:, 1] / _KM_PER_DEG_LAT))


def area_km2(geometry: BaseGeometry) -> float:
    """The area of a lon/lat geometry in km² (local projection: within about 1 % in the war zone)."""
    return float(shapely.transform(geometry, _to_km).area)


def circle(*, latitude: float, longitude: float, radius_km: float) -> BaseGeometry:
    """A circle of `radius_km` around a point, as a lon/lat polygon."""
    centre = shapely.transform(Point(longitude, latitude), _to_km)
    return shapely.transform(centre.buffer(radius_km, quad_segs=16), _from_km)


def corridor(points: tuple[tuple[str, float, float], ...] = CORRIDOR_POINTS, *,
             width_km: float = CORRIDOR_WIDTH_KM) -> BaseGeometry:
    """A band `width_km` wide along straight segments through `points` (name, lat, lon)."""
    line = shapely.transform(LineString([(lon, lat) for _, lat, lon in points]), _to_km)
    return shapely.transform(line.buffer(width_km / 2, quad_segs=8), _from_km)


# --- the layers as geometries ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layers:
    """The geometries the computation of control uses (lon/lat, WGS84)."""

    units: dict[str, BaseGeometry]  # unit id -> geometry (admin-1, NKAO-1991, LACHIN-CORRIDOR)
    land: BaseGeometry  # Azerbaijan's land: the union of its admin-1 units
    prewar_defacto: BaseGeometry  # the Armenian-held area before the war, clipped to `land`
    catalogue: dict[str, Unit]

    def unit(self, unit_id: str) -> BaseGeometry:
        try:
            return self.units[unit_id]
        except KeyError:
            raise TerritoryLayerError(f"unknown territory unit {unit_id!r}") from None


def _geometry(feature: dict, *, name: str) -> BaseGeometry:
    try:
        geometry = shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TerritoryLayerError(f"{name}: a feature has no usable geometry ({exc})") from None
    return geometry if geometry.is_valid else shapely.make_valid(geometry)


def _single_polygon_layer(directory: Path, filename: str) -> BaseGeometry:
    features = _read_geojson(directory / filename)["features"]
    return shapely.union_all([_geometry(f, name=filename) for f in features])


@lru_cache(maxsize=4)
def load_layers(directory: Path = TERRITORY_DIR) -> Layers:
    """Read the territory layers of `directory` and build every unit's geometry (cached)."""
    directory = Path(directory)
    catalogue = unit_catalogue(directory)
    units: dict[str, BaseGeometry] = {}
    for feature in _read_geojson(directory / ADMIN1_FILE)["features"]:
        units[str(feature["properties"]["id"])] = _geometry(feature, name=ADMIN1_FILE)
    land = shapely.union_all([units[u.id] for u in catalogue.values() if u.country == LAND_COUNTRY and u.id in units])
    if land.is_empty:
        raise TerritoryLayerError(f"{ADMIN1_FILE}: no unit of {LAND_COUNTRY!r}")
    units[NKAO_UNIT] = _single_polygon_layer(directory, NKAO_FILE).intersection(land)
    bypass = units.get(SHUSHA_CITY_UNIT)
    band = corridor().intersection(land)
    units[CORRIDOR_UNIT] = band.difference(bypass) if bypass is not None else band
    prewar = _single_polygon_layer(directory, DEFACTO_FILE).intersection(land)
    for geometry in (*units.values(), land, prewar):
        shapely.prepare(geometry)
    return Layers(units=units, land=land, prewar_defacto=prewar, catalogue=catalogue)
