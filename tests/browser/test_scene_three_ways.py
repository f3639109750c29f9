"""One scene, three renderers, in a real browser: the Leaflet map page and the playback page open offline and
show the scene's events, side colours, extent (within a few pixels), labels and legend; the districts layer draws
the same 89 areas on both and switches off from the layer control; the PNG of the same scene draws the same
events in the same colours over the same extent (within a few pixels), with labels from the scene's.
On the bundled data and on a 10,000-event file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from eventframes import events_frame
from scenes import colour_pixels, draw_three_ways, scene_of

from eventmap.filtering import Filters, apply_filters
from eventmap.loading import load_events

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 720}
DISTRICTS = 89
SIDES = ("Azerbaijan", "Armenia", "Artsakh", "Russia", "Turkey", "Mediators", "Protesters", "Volunteers")


def ten_thousand() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 10_000
    days = pd.Timestamp("2020-09-27") + pd.to_timedelta(rng.integers(0, 45, n), unit="D")
    records = [{"latitude": float(lat), "longitude": float(lon), "side": SIDES[s], "date": day.date().isoformat(),
                "location": f"Place {p}", "status": ("confirmed", "claimed", "disputed", "denied")[c]}
               for lat, lon, s, day, p, c in zip(rng.uniform(39.0, 40.8, n), rng.uniform(45.0, 48.5, n),
                                                 rng.integers(0, len(SIDES), n), days, rng.integers(0, 400, n),
                                                 rng.integers(0, 4, n), strict=True)]
    return events_frame(records, event_id=lambda i: f"T{i:05d}")


CASES = {
    "bundled, three days": (lambda: load_events(PROJECT_ROOT / "events.csv").events,
                            Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 10))),
    "10,000 events, Armenia": (ten_thousand, Filters(sides=("Armenia",))),
}

CORNERS_JS = """([map, bounds]) => {
  const b = L.latLngBounds(bounds);
  const sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
  const size = map.getSize();
  return {left: sw.x, bottom: sw.y, right: ne.x, top: ne.y, width: size.x, height: size.y, zoom: map.getZoom()};
}"""


def check_extent(page, map_expr: str, bounds: list[list[float]], *, pad: tuple[float, float, float, float]) -> None:
    """The scene's extent is inside the map's padded area and centred in it (within 3 px), at the largest zoom
    that holds it (Leaflet zooms by whole steps: one step more would not hold it)."""
    box = page.evaluate(f"(b) => ({CORNERS_JS})([{map_expr}, b])", bounds)
    left_pad, top_pad, right_pad, bottom_pad = pad
    inner_w, inner_h = box["width"] - left_pad - right_pad, box["height"] - top_pad - bottom_pad
    assert left_pad - 3 <= box["left"] < box["right"] <= box["width"] - right_pad + 3, box
    assert top_pad - 3 <= box["top"] < box["bottom"] <= box["height"] - bottom_pad + 3, box
    assert abs((box["left"] + box["right"]) / 2 - (left_pad + inner_w / 2)) <= 3, box
    assert abs((box["top"] + box["bottom"]) / 2 - (top_pad + inner_h / 2)) <= 3, box
    span_w, span_h = box["right"] - box["left"], box["bottom"] - box["top"]
    assert max(2 * span_w / inner_w, 2 * span_h / inner_h) > 1, box  # one zoom step more would not hold it


@pytest.mark.browser
@pytest.mark.parametrize("case", list(CASES))
def test_one_scene_three_renderers(case: str, tmp_path: Path, file_page, screenshot) -> None:
    load, filters = CASES[case]
    events = load()
    shown = apply_filters(events, filters)
    scene = scene_of(events, filters)
    three = draw_three_ways(shown, scene, size=(VIEWPORT["width"], VIEWPORT["height"]))
    bounds = scene.extent.bounds.as_leaflet()
    palette = set(scene.palette.colours)
    label_texts = {label.text for label in scene.labels}
    slug = case.split(",")[0].replace(" ", "-")

    # --- the Leaflet map page
    (tmp_path / "map.html").write_text(three.leaflet, encoding="utf-8")
    page = file_page(viewport=VIEWPORT)
    page.goto((tmp_path / "map.html").as_uri())
    page.wait_for_function("window.EventMap && EventMap.layers.length === 1 && EventMap.layers[0].emCluster"
                           f" && EventMap.layers[0].emCluster.getLayers().length === {len(scene.marks)}",
                           timeout=60_000)
    map_expr = "EventMap.layers[0]._map"
    check_extent(page, map_expr, bounds, pad=(30, 30, 260, 30))
    colours = page.evaluate("EventMap.layers[0].emPayload.colours")
    assert set(colours) <= palette
    assert set(page.locator(".em-place-name").all_text_contents()) == label_texts
    legend_sides = [entry.text for entry in scene.legend.sides]
    side_names = page.locator(".em-legend-section").first.locator(".em-legend-row span[dir='auto']")
    shown_sides = side_names.all_text_contents()
    assert shown_sides == legend_sides
    assert page.locator(".leaflet-em-areas-pane path").count() == DISTRICTS
    screenshot(page, f"scene-map-{slug}", full_page=False)
    page.get_by_label("Districts").uncheck()
    assert page.locator(".leaflet-em-areas-pane path").count() == 0
    page.get_by_label("Districts").check()
    assert page.locator(".leaflet-em-areas-pane path").count() == DISTRICTS
    assert page.errors == []
    assert page.blocked == []

    # --- the playback page
    (tmp_path / "playback.html").write_text(three.playback, encoding="utf-8")
    page = file_page(viewport=VIEWPORT)
    page.goto((tmp_path / "playback.html").as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    config_map = "window[JSON.parse(document.getElementById('pb-config').textContent).mapVar]"
    panel = page.evaluate("document.getElementById('pb-title').offsetWidth") + 40
    check_extent(page, config_map, bounds, pad=(panel, 40, 40, 40))
    page.keyboard.press("End")  # the last day, everything so far
    page.wait_for_function(f"+document.getElementById('pb-root').getAttribute('data-visible') === {len(scene.marks)}",
                           timeout=60_000)
    strokes = set(page.evaluate("""() => Array.from(document.querySelectorAll('path.pb-marker'),
        p => p.getAttribute('stroke')).concat(Array.from(document.querySelectorAll('path.pb-marker'),
        p => p.getAttribute('fill')))"""))
    assert {s.upper() for s in strokes if s and s.startswith("#") and s.upper() not in {"#111111", "#FFFFFF"}} \
        <= {c.upper() for c in palette}
    assert set(page.locator(".em-place-name").all_text_contents()) == label_texts
    assert page.locator(".leaflet-em-areas-pane path").count() == DISTRICTS
    playback_sides = page.locator("#pb-legend .pb-legend-column").first.locator(".pb-legend-row span")
    assert playback_sides.all_text_contents() == legend_sides  # the scene's legend, in its order
    screenshot(page, f"scene-playback-{slug}", full_page=False)
    assert page.errors == []
    assert page.blocked == []

    # --- the picture
    for entry in scene.legend.sides:
        assert colour_pixels(three.pixels, entry.colour) > 20, entry
    picture = three.picture
    assert picture.events_drawn == len(scene.marks)
    (left, bottom), (right, top) = (picture.image_pixel(b[0], b[1]) for b in bounds)
    map_w, map_h = picture.viewport.width_px, picture.viewport.height_px
    assert picture.map_left - 3 <= left < right <= picture.map_left + map_w + 3
    assert picture.map_top - 3 <= top < bottom <= picture.map_top + map_h + 3
    assert abs((left + right) / 2 - (picture.map_left + map_w / 2)) <= 3  # centred, and filling one side
    assert abs((top + bottom) / 2 - (picture.map_top + map_h / 2)) <= 3
    assert max((right - left) / map_w, (bottom - top) / map_h) >= 0.98
    # The picture names the scene's places where a name finds room; among 1,250 markers drawn one by one
    # (the 10,000-event case) none does, and a name over another place's marker would lie.
    assert bool(picture.labels) == case.startswith("bundled")
    assert set(picture.labels) <= label_texts
