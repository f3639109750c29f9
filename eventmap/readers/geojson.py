"""GeoJSON event files: a FeatureCollection (or a single Feature) of Points.

Each feature is one row: its `properties` (flattened like JSON records) plus `latitude` and `longitude`
from the Point's coordinates (`[longitude, latitude]`, as GeoJSON orders them), and the feature's `id`
as `id` when the properties have none. A feature without geometry has empty coordinates (its location is
geocoded); one that is not a Point (a line, a polygon) is kept as a row with a problem, never dropped.
`RawRow.line` is the feature's 1-based number.
"""

from __future__ import annotations

from collections.abc import Mapping

from base.errors import DataFileError
from base.problems import Problem
from base.reading import Table
from eventmap.readers.cells import TableKind, cell_text, check_rows, flatten, records_table

GEOJSON_TYPES = frozenset({"FeatureCollection", "Feature"})


def is_geojson(document: object) -> bool:
    """True for a parsed GeoJSON FeatureCollection or Feature."""
    return isinstance(document, Mapping) and document.get("type") in GEOJSON_TYPES


def _point(geometry: object) -> tuple[str, str] | str:
    """`(latitude, longitude)` of a Point geometry as text, or what is wrong with it."""
    if geometry is None:
        return "", ""  # an unlocated feature (GeoJSON allows it): placed by geocoding its location
    if not isinstance(geometry, Mapping):
        return f"the geometry is not an object (got {geometry!r})"
    kind = geometry.get("type")
    if kind != "Point":
        return f"the geometry is a {kind!r}, not a 'Point': only points can be placed on the map"
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return f"the Point's coordinates are not [longitude, latitude] (got {coordinates!r})"
    longitude, latitude = coordinates[0], coordinates[1]
    return cell_text(latitude), cell_text(longitude)


def read_geojson(document: Mapping[str, object], *, name: str, encoding: str = "", max_rows: int | None = None,
                 problems: list[Problem] | None = None) -> Table:
    """The features of a parsed GeoJSON document as a table (see the module's docstring)."""
    features = [document] if document.get("type") == "Feature" else document.get("features")
    if not isinstance(features, list):
        raise DataFileError(f"{name}: a GeoJSON FeatureCollection without a list of 'features'")
    check_rows(len(features), name=name, max_rows=max_rows, unit="features")
    if not features:
        raise DataFileError(f"{name}: the GeoJSON file holds no features")
    rows: list[tuple[int, dict[str, str] | None, str]] = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
            rows.append((number, None, f"feature {number} is not a GeoJSON Feature"))
            continue
        properties = feature.get("properties")
        values = flatten(properties) if isinstance(properties, Mapping) else {}
        if "id" not in values and feature.get("id") is not None:
            values = {"id": cell_text(feature.get("id")), **values}
        point = _point(feature.get("geometry"))
        if isinstance(point, str):
            rows.append((number, values or None, f"feature {number}: {point}"))
            continue
        values["latitude"], values["longitude"] = point
        rows.append((number, values, ""))
    return records_table(rows, kind=TableKind.GEOJSON, encoding=encoding, problems=problems)
