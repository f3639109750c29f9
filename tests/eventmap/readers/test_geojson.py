"""GeoJSON: Points as latitude and longitude; features without a point are rows with a problem, not dropped."""

from __future__ import annotations

import json

import pytest

from base.errors import DataFileError
from eventmap.readers.geojson import is_geojson, read_geojson


def feature(geometry: object, **properties: object) -> dict[str, object]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


POINT = {"type": "Point", "coordinates": [46.7499, 39.7601]}  # GeoJSON: longitude first


@pytest.mark.parametrize(
    ("geometry", "point", "defect"),
    [
        (POINT, ("39.7601", "46.7499"), ""),
        ({"type": "Point", "coordinates": [46.75, 39.76, 1200]}, ("39.76", "46.75"), ""),  # altitude ignored
        (None, ("", ""), ""),  # no geometry: the location is geocoded
        ({"type": "LineString", "coordinates": [[46, 39], [47, 40]]}, None,
         "feature 2: the geometry is a 'LineString', not a 'Point': only points can be placed on the map"),
        ({"type": "Polygon", "coordinates": []}, None,
         "feature 2: the geometry is a 'Polygon', not a 'Point': only points can be placed on the map"),
        ({"type": "Point", "coordinates": [46.75]}, None,
         "feature 2: the Point's coordinates are not [longitude, latitude] (got [46.75])"),
        ("POINT (46 39)", None, "feature 2: the geometry is not an object (got 'POINT (46 39)')"),
    ],
)
def test_points(geometry: object, point: tuple[str, str] | None, defect: str) -> None:
    features = [feature(POINT, event_id="E0"), feature(geometry, event_id="E1")]
    table = read_geojson({"type": "FeatureCollection", "features": features}, name="f")
    assert table.header == ["event_id", "latitude", "longitude"]
    row = table.rows[1]
    assert (row.line, row.cells, row.defect) == (2, ["E1", *(point or ("", ""))], defect)


def test_every_feature_is_a_row_and_the_feature_id_is_kept() -> None:
    document = {"type": "FeatureCollection", "features": [
        {**feature(POINT, name="Shusha"), "id": 17}, {"type": "Topology"}, feature(POINT, id="own", name="x")]}
    table = read_geojson(document, name="f")
    assert table.header == ["id", "name", "latitude", "longitude"]
    assert [(row.line, row.cells, row.defect) for row in table.rows] == [
        (1, ["17", "Shusha", "39.7601", "46.7499"], ""),
        (2, ["", "", "", ""], "feature 2 is not a GeoJSON Feature"),
        (3, ["own", "x", "39.7601", "46.7499"], "")]
    assert (table.kind, table.line_unit) == ("geojson", "record")


def test_a_single_feature() -> None:
    table = read_geojson(feature(POINT, name="Shusha"), name="f")
    assert [row.cells for row in table.rows] == [["Shusha", "39.7601", "46.7499"]]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"type": "FeatureCollection"}, "f: a GeoJSON FeatureCollection without a list of 'features'"),
        ({"type": "FeatureCollection", "features": []}, "f: the GeoJSON file holds no features"),
    ],
)
def test_unusable_geojson(document: dict[str, object], message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_geojson(document, name="f")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [('{"type": "FeatureCollection", "features": []}', True), ('{"type": "Feature"}', True),
     ('{"type": "Point"}', False), ("[]", False), ('{"features": []}', False)],
)
def test_is_geojson(text: str, expected: bool) -> None:
    assert is_geojson(json.loads(text)) is expected
