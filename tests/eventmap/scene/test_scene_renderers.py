"""The same scene drawn by the Leaflet map, the playback page and the PNG: the same events, side colours,
extent, labels and area layers (the renderers decide none of them)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from scenes import base_options, colour_pixels, draw_three_ways, embedded, leaflet_events, scene_of

from eventmap.filtering import Filters, apply_filters
from eventmap.mapping.scene_parts import area_options, label_rows
from eventmap.scene import AreaKey, Lang

DISTRICT_STROKE = "#6A3D9A"
CASES = {
    "all": Filters(),
    "three days": Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 10)),
    "armenia": Filters(sides=("Armenia",)),
}


@pytest.fixture(scope="module", params=list(CASES))
def drawn(request, bundled_events: pd.DataFrame):
    filters = CASES[request.param]
    scene = scene_of(bundled_events, filters)
    return scene, apply_filters(bundled_events, filters), draw_three_ways(apply_filters(bundled_events, filters), scene)


def test_same_events(drawn) -> None:
    scene, _, three = drawn
    assert leaflet_events(three.leaflet)["n"] == len(scene.marks)
    data = embedded(three.playback, "pb-data")
    assert sorted(i for i, lat in zip((d[0] for d in data["detail"]), data["lat"], strict=True) if lat is not None) \
        == sorted(scene.marks.ids)
    assert three.picture.events_drawn == len(scene.marks)


def test_same_side_colours(drawn) -> None:
    scene, _, three = drawn
    palette = scene.palette.as_dict()
    legend = {entry.text: entry.colour for entry in scene.legend.sides}
    payload = leaflet_events(three.leaflet)
    assert dict(zip(payload["sides"], payload["colours"], strict=True)) == legend
    assert {name: colour for name, colour in embedded(three.playback, "pb-data")["sides"]} == {
        side: palette[side] for side in {e.side for e in scene.legend.sides}}
    for colour in legend.values():  # each shown side's colour is drawn in the picture (markers and legend)
        assert colour_pixels(three.pixels, colour) > 20, colour


def test_same_extent(drawn) -> None:
    scene, _, three = drawn
    bounds = scene.extent.bounds.as_leaflet()
    assert f".fitBounds({bounds}".replace(" ", "") in re.sub(r"\s", "", three.leaflet)
    assert embedded(three.playback, "pb-config")["bounds"] == bounds
    picture = three.picture
    (south, west), (north, east) = bounds
    left, bottom = picture.image_pixel(south, west)
    right, top = picture.image_pixel(north, east)
    map_width = picture.viewport.width_px
    map_height = picture.viewport.height_px
    # The whole extent is in the picture, and it fills the picture's width or height (within a few pixels).
    assert picture.map_left - 1 <= left < right <= picture.map_left + map_width + 1
    assert picture.map_top - 1 <= top < bottom <= picture.map_top + map_height + 1
    assert min(abs((right - left) - map_width), abs((bottom - top) - map_height)) <= 3


def test_same_labels_and_areas(drawn) -> None:
    scene, _, three = drawn
    for page in (three.leaflet, three.playback):
        options = base_options(page)
        assert options["labels"] == label_rows(scene)
        assert options["areas"] == area_options(scene.areas)
    assert colour_pixels(three.pixels, DISTRICT_STROKE, tolerance=40) > 2_000  # the district lines
    assert "Districts" in three.picture.attribution


def test_nothing_matches_draws_no_label_and_no_legend(bundled_events: pd.DataFrame) -> None:
    filters = Filters(sides=("Armenia",), text="no such words anywhere")
    scene = scene_of(bundled_events, filters, lang=Lang.AR, areas=frozenset())
    three = draw_three_ways(apply_filters(bundled_events, filters), scene)
    options = base_options(three.leaflet)
    assert options["labels"] == []
    assert options["legend"] is None
    assert options["areas"] == []
    assert embedded(three.playback, "pb-data")["sides"] == []
    assert scene.empty is not None
    assert colour_pixels(three.pixels, DISTRICT_STROKE, tolerance=40) < 50  # no district lines when not asked


def test_districts_only_when_asked(bundled_events: pd.DataFrame) -> None:
    with_districts = scene_of(bundled_events, Filters(), areas=frozenset({AreaKey.DISTRICTS}))
    without = scene_of(bundled_events, Filters(), areas=frozenset())
    assert [a.key for a in with_districts.areas] == [AreaKey.DISTRICTS]
    assert without.areas == ()
