"""The offline basemap: the shipped GeoJSON files, and the TopoJSON reader and build that make them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from base.settings import Settings
from geo.basemap import REGION_BBOX, REGION_PATH, WORLD_PATH
from geo.basemap.build import basemap_collection, build, main
from geo.basemap.topojson import (
    TopologyError,
    arc_use_count,
    clip_line,
    clip_ring,
    decode_arcs,
    shapes,
    simplify,
    stitch_ring,
    unwrap_polygon,
    unwrap_ring,
)


def point_in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def on_land(collection: dict, lon: float, lat: float) -> bool:
    for feature in collection["features"]:
        if feature["properties"]["kind"] != "land":
            continue
        for polygon in feature["geometry"]["coordinates"]:
            if point_in_ring(lon, lat, polygon[0]) and not any(point_in_ring(lon, lat, h) for h in polygon[1:]):
                return True
    return False


@pytest.fixture(scope="module")
def region() -> dict:
    return json.loads(REGION_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def world() -> dict:
    return json.loads(WORLD_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [REGION_PATH, WORLD_PATH])
def test_shipped_files_are_valid_geojson(path: Path) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "Natural Earth" in collection["source"]
    kinds = set()
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        kind = feature["properties"]["kind"]
        kinds.add(kind)
        geometry = feature["geometry"]
        expected = {"land": "MultiPolygon", "border": "MultiLineString", "coast": "MultiLineString",
                    "country_label": "Point"}[kind]
        assert geometry["type"] == expected
        if expected == "MultiPolygon":
            for polygon in geometry["coordinates"]:
                for ring in polygon:
                    assert len(ring) >= 4
                    assert ring[0] == ring[-1]
                    # Land across the antimeridian runs on past ±180 (one map, no seam), by less than a turn.
                    assert all(-360 < x < 360 and -90 <= y <= 90 for x, y in ring)
    assert {"land", "border"} <= kinds


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [("Yerevan", 44.51, 40.18), ("Baku", 49.87, 40.41), ("Stepanakert", 46.75, 39.82),
     ("Nakhchivan", 45.41, 39.21), ("Tbilisi", 44.79, 41.72), ("Shusha", 46.75, 39.76)],
)
def test_region_covers_armenia_and_azerbaijan(region, place, lon, lat) -> None:
    assert on_land(region, lon, lat), place


@pytest.mark.parametrize(("lon", "lat"), [(51.0, 40.5), (40.0, 43.0)])  # the Caspian, the Black Sea
def test_region_leaves_the_seas_open(region, lon, lat) -> None:
    assert not on_land(region, lon, lat)


def test_region_box_holds_the_conflict_region_and_names_its_countries(region) -> None:
    south, west, north, east = Settings().region_bbox
    r_west, r_south, r_east, r_north = region["bbox"]
    assert (r_west, r_south, r_east, r_north) == REGION_BBOX
    assert r_west <= west
    assert r_south <= south
    assert east <= r_east
    assert north <= r_north
    labels = {f["properties"]["name"] for f in region["features"] if f["properties"]["kind"] == "country_label"}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran", "Turkey"} <= labels


@pytest.mark.parametrize(("place", "lon", "lat"), [("Geneva", 6.14, 46.2), ("Moscow", 37.6, 55.75),
                                                    ("Ankara", 32.85, 39.93)])
def test_world_file_covers_places_beyond_the_region(world, place, lon, lat) -> None:
    assert on_land(world, lon, lat), place


def test_no_land_edge_crosses_the_map(world) -> None:
    """Land cut at ±180° (Chukotka, Fiji) is joined up: no edge steps across the world, except Antarctica's
    along the map's bottom edge."""
    steps = []
    for feature in world["features"]:
        geometry = feature["geometry"]
        lines = ([ring for polygon in geometry["coordinates"] for ring in polygon]
                 if geometry["type"] == "MultiPolygon" else geometry["coordinates"])
        for line in lines:
            steps += [(a, b) for a, b in itertools.pairwise(line) if abs(a[0] - b[0]) > 180 and abs(a[1]) < 80]
    assert steps == []


@pytest.mark.parametrize(("place", "lon", "lat"), [
    ("Chukotka, west of 180", 177.5, 65.0), ("Chukotka, east of 180", -175.0, 66.5),
    ("Vanua Levu, west of 180", 179.7, -16.6), ("Vanua Levu, east of 180", -179.95, -16.3),
])
def test_land_across_the_antimeridian_is_drawn_on_both_sides(world, place, lon, lat) -> None:
    assert on_land(world, lon, lat), place


def test_files_stay_small() -> None:
    assert REGION_PATH.stat().st_size < 100_000
    assert WORLD_PATH.stat().st_size < 150_000


# --- the TopoJSON reader, on a topology small enough to check by hand ------------------------------
# Two unit squares side by side, A (0..1) and B (1..2), quantized with scale 0.5 and translate (10, 20):
# arc 0 is their shared edge (x=1), arc 1 the rest of A, arc 2 the rest of B.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],                         # (1,0) -> (1,1)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],       # (1,1) -> (0,1) -> (0,0) -> (1,0)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],        # (1,0) -> (2,0) -> (2,1) -> (1,1)
    ],
    "objects": {
        "countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "A"}},
            {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"name": "B"}},
        ]},
        "land": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[1, 2]]}]},
    },
}


def test_arcs_are_delta_decoded_and_transformed() -> None:
    arcs = decode_arcs(TINY)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_rings_follow_reversed_arcs_and_close() -> None:
    arcs = decode_arcs(TINY)
    ring = stitch_ring(arcs, [2, -1])
    assert ring == [(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)]


def test_shared_arcs_are_borders_and_single_ones_coasts() -> None:
    uses = arc_use_count(shapes(TINY, "countries"))
    assert uses == {0: 2, 1: 1, 2: 1}
    collection = basemap_collection(TINY, bbox=(10.5, 19.0, 13.0, 22.0), tolerance=0, digits=3, labels=False)
    by_kind = {f["properties"]["kind"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert by_kind["border"] == [[[11.0, 20.0], [11.0, 21.0]]]
    assert [10.5, 21.0] in by_kind["coast"][0]  # clipped at the box's west edge
    land = by_kind["land"][0][0]
    assert min(x for x, _ in land) == 10.5


def test_unknown_input_is_refused() -> None:
    with pytest.raises(TopologyError, match="'FeatureCollection'"):
        decode_arcs({"type": "FeatureCollection"})
    with pytest.raises(TopologyError, match="no object 'rivers'"):
        shapes(TINY, "rivers")


@pytest.mark.parametrize(
    ("ring", "expected"),
    [
        ([(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(1, 1), (3, 1), (3, 3), (1, 3)]),  # covers the box
        ([(1.5, 1.5), (2.5, 1.5), (2.5, 2.5), (1.5, 2.5), (1.5, 1.5)],
         [(1.5, 1.5), (2.5, 1.5), (2.5, 2.5), (1.5, 2.5)]),  # inside
        ([(5, 5), (6, 5), (6, 6), (5, 5)], []),  # outside
    ],
)
def test_clip_ring(ring, expected) -> None:
    clipped = clip_ring(ring, (1, 1, 3, 3))
    assert sorted(clipped[:-1]) == sorted(expected)
    if clipped:
        assert clipped[0] == clipped[-1]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ([(0, 2), (4, 2)], [[(1, 2), (3, 2)]]),
        ([(0, 2), (2, 2), (2, 5), (2.5, 5), (2.5, 2)], [[(1, 2), (2, 2), (2, 3)], [(2.5, 3), (2.5, 2)]]),
        ([(5, 5), (6, 6)], []),
    ],
)
def test_clip_line(line, expected) -> None:
    assert clip_line(line, (1, 1, 3, 3)) == expected


def test_simplify_keeps_ends_and_corners() -> None:
    line = [(0, 0), (1, 0.001), (2, 0), (2, 2)]
    assert simplify(line, 0.01) == [(0, 0), (2, 0), (2, 2)]
    assert simplify(line, 0) == line


def test_build_writes_both_files_from_an_atlas_folder(tmp_path) -> None:
    atlas = tmp_path / "atlas"
    atlas.mkdir()
    for name in ("countries-10m.json", "countries-110m.json"):
        (atlas / name).write_text(json.dumps(TINY), encoding="utf-8")
    out = tmp_path / "out"
    sizes = build(atlas=atlas, bbox=(10.5, 19.0, 13.0, 22.0), out_dir=out)
    assert set(sizes) == {out / REGION_PATH.name, out / WORLD_PATH.name}
    region = json.loads((out / REGION_PATH.name).read_text(encoding="utf-8"))
    assert region["bbox"] == [10.5, 19.0, 13.0, 22.0]
    assert main(["--atlas", str(atlas), "--out", str(tmp_path / "again")]) == 0


@pytest.mark.parametrize(("ring", "expected", "moved"), [
    ([(0, 0), (1, 0), (1, 1), (0, 0)], [(0, 0), (1, 0), (1, 1), (0, 0)], False),
    # Fiji-like: a ring that steps from 179 to -180 and back
    ([(178, 0), (180, 0), (-180, 1), (-179, 1), (-180, 2), (180, 2), (178, 0)],
     [(178, 0), (180, 0), (180, 1), (181, 1), (180, 2), (180, 2), (178, 0)], True),
    # Antarctica-like: around the pole, left as it is
    ([(-180, -80), (0, -70), (180, -80), (-180, -80)], [(-180, -80), (0, -70), (180, -80), (-180, -80)], False),
])
def test_unwrap_ring(ring, expected, moved) -> None:
    assert unwrap_ring(ring) == (expected, moved)


def test_a_polygon_across_the_antimeridian_gets_its_far_part_on_the_other_side() -> None:
    outer = [(179, 0), (-179, 0), (-179, 1), (179, 1), (179, 0)]
    parts = unwrap_polygon([outer])
    assert parts == [[[(179, 0), (181, 0), (181, 1), (179, 1), (179, 0)]],
                     [[(-180.0, 0.0), (-179.0, 0), (-179.0, 1), (-180.0, 1.0), (-180.0, 0.0)]]]
    assert unwrap_polygon([[(0, 0), (1, 0), (1, 1), (0, 0)]]) == [[[(0, 0), (1, 0), (1, 1), (0, 0)]]]
