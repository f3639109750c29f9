"""The WebGL point layer in chromium: every event drawn, a click picks the right one, no WebGL falls back.

- a standalone page of 100,000 synthetic events: the canvas holds coloured pixels, a click on a point opens
  its summary and reports "em-point:KEY:INDEX" for that point;
- without WebGL (``--disable-webgl``) the same page shows clusters and a notice;
- the dashboard on 20,000 events: a click on a point shows that event's card with its sources under the map,
  and a side filter redraws the points without remounting the map.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from eventframes import events_frame

from base.settings import Settings
from eventmap.filtering import Filters
from eventmap.mapping import build_event_layer, build_map
from eventmap.scene import Lang, SceneView, build_scene
from eventmap.schema import COLUMN_NAMES, STATUSES
from geo.naming import Naming

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
NO_WEBGL_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-webgl"]

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SIDES = ("Armenia", "Azerbaijan", "Artsakh")
POINTS_DRAWN = ("() => { const g = window.EventMap && EventMap.layers[0];"
                " return !!(g && g.emPoints && g.emPoints.drawCount > 0); }")
# How many pixels of the points' canvas are not transparent, after a redraw of every point.
PAINTED = """() => { const layer = EventMap.layers[0].emPoints; layer._draw(window.devicePixelRatio || 1, true);
  const gl = layer._gl; const w = gl.drawingBufferWidth;
  const h = gl.drawingBufferHeight; const px = new Uint8Array(4 * w * h);
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px); let n = 0;
  for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n; }"""
# The container point of the first event inside the middle of the map that a click there would pick.
PICKABLE = """([from, margin]) => { const layer = EventMap.layers[0].emPoints; const m = layer._map;
  const c = layer.emCols; const size = m.getSize();
  for (let i = from; i < c.lon.length; i++) { const p = m.latLngToContainerPoint([c.lat[i], c.lon[i]]);
    if (p.x > margin && p.y > margin && p.x < size.x - margin - 300 && p.y < size.y - margin && layer.pointAt(p) === i)
      return { x: p.x, y: p.y, i }; }
  return null; }"""


def synthetic_events(n: int, *, seed: int = 5) -> pd.DataFrame:
    """`n` events at distinct points over the region, three sides, every status, ids P0000000..."""
    rng = np.random.default_rng(seed)
    template = events_frame([{}], event_id=lambda i: "P")
    frame = template.loc[np.zeros(n, dtype=int)].reset_index(drop=True)
    return frame.assign(
        event_id=[f"P{i:07d}" for i in range(n)],
        date=pd.to_datetime("2020-09-27") + pd.to_timedelta(rng.integers(0, 45, n), unit="D"),
        latitude=rng.uniform(39.0, 40.6, n).round(5), longitude=rng.uniform(45.3, 48.2, n).round(5),
        side=np.array(SIDES, dtype=object)[rng.integers(0, len(SIDES), n)],
        status=np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)],
        sources=[f"https://example.org/report/{i}" for i in range(n)],
    )


def standalone_page(frame: pd.DataFrame, path: Path) -> Path:
    scene = build_scene(frame, full_frame=frame, filters=Filters(), view=SceneView(), lang=Lang.EN, naming=Naming.EN,
                        sides_config_path=Settings.from_env().sides_config_path)
    m = build_map(frame, naming=Naming.EN, with_events=False, scene=scene, asset_mode="inline", legend=False)
    build_event_layer(frame, naming=Naming.EN, scene=scene).add_to(m)
    m.save(str(path))
    return path


@pytest.fixture(scope="module")
def hundred_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path]:
    frame = synthetic_events(100_000)
    return frame, standalone_page(frame, tmp_path_factory.mktemp("points") / "map.html")


def test_one_hundred_thousand_points_are_drawn_and_picked(file_page, hundred_thousand, screenshot) -> None:
    frame, path = hundred_thousand
    page = file_page(viewport={"width": 1280, "height": 800}, timeout_ms=60_000)
    page.goto(path.as_uri())
    page.wait_for_function(POINTS_DRAWN)
    assert page.evaluate("() => EventMap.layers[0].emCols.lon.length") == 100_000
    assert page.evaluate(PAINTED) > 100_000, "the points cover the region"
    page.evaluate("""() => { window.emPicks = []; EventMap.layers[0].emPoints.on('click', (e) =>
        window.emPicks.push(e.sourceTarget.getTooltip().getContent())); }""")
    target = page.evaluate(PICKABLE, [50_000, 80])
    page.mouse.click(target["x"], target["y"])
    popup = page.wait_for_selector(".em-point-summary").inner_text()
    event = frame.iloc[target["i"]]
    assert event["date"].strftime("%Y-%m-%d") in popup
    assert event["side"] in popup
    key = page.evaluate("() => EventMap.layers[0].emPayload.key")
    assert page.evaluate("() => window.emPicks") == [f"em-point:{key}:{target['i']}"]
    assert page.errors == []
    assert page.blocked == []
    screenshot(page, "points_100k_picked", full_page=False)


def test_without_webgl_the_points_are_clustered_with_a_notice(browser, hundred_thousand, screenshot) -> None:
    _, path = hundred_thousand
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=NO_WEBGL_ARGS)
    try:
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(90_000)
        page.goto(path.as_uri())
        assert "WebGL" in page.wait_for_selector(".em-no-webgl").inner_text()
        page.wait_for_function("() => EventMap.layers[0].emCluster.getLayers().length === 100000", polling=500)
        page.wait_for_selector(".em-cluster")
        screenshot(page, "points_no_webgl_fallback", full_page=False)
    finally:
        chromium.close()


def filter_to_side(page, map_page, frame: pd.DataFrame, side: str) -> int:
    """Choose `side` in the sidebar's Side filter; once the map has drawn that side's points, their number."""
    sides = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Side")
    sides.locator("input").click()
    page.keyboard.type(side)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expected = int((frame["side"] == side).sum())
    map_page.wait_for_function(
        "(n) => { const g = window.EventMap && EventMap.layers[0];"
        " return !!(g && g.emPoints && g.emPoints.drawCount > 0 && g.emCols.lon.length === n); }",
        arg=expected, polling=250)
    return expected


@pytest.fixture(scope="module")
def points_app(start_app, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, pd.DataFrame]:
    frame = synthetic_events(20_000, seed=8)
    path = tmp_path_factory.mktemp("points-data") / "events.csv"
    written = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))
    written[[c for c in COLUMN_NAMES if c in written]].to_csv(path, index=False)
    return start_app(env={"EVENTMAP_DATA": str(path)}), frame


def test_the_dashboard_shows_the_card_of_a_clicked_point_and_redraws_on_a_side_filter(page, points_app,
                                                                                    screenshot) -> None:
    url, frame = points_app
    page.set_default_timeout(90_000)
    page.goto(url)
    map_handle = page.wait_for_selector(MAP_FRAME, state="attached")
    map_page = map_handle.content_frame()
    map_page.wait_for_function(POINTS_DRAWN, polling=250)
    box = map_handle.bounding_box()
    target = map_page.evaluate(PICKABLE, [0, 60])
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    card = page.locator(".em-card")
    card.wait_for()
    event = frame.iloc[target["i"]]
    assert f"https://example.org/report/{target['i']}" in card.inner_text()
    assert event["event_id"] in card.inner_text()
    screenshot(page, "points_dashboard_card")

    map_page = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    map_page.evaluate("() => { window.emSameMap = true; }")
    filter_to_side(page, map_page, frame, "Artsakh")
    assert map_page.evaluate("() => window.emSameMap") is True, "the map was not reloaded"
    sides_drawn = map_page.evaluate("() => Array.from(new Set(EventMap.layers[0].emCols.side))")
    palette = map_page.evaluate("() => EventMap.layers[0].emPayload.sides")
    assert [palette[i] for i in sides_drawn] == ["Artsakh"]
    screenshot(page, "points_dashboard_side_filter")


# Every gl.drawArrays call is recorded with whether Leaflet's zoom animation was running.
SPY_DRAWS = """() => { const layer = EventMap.layers[0].emPoints; const gl = layer._gl; const m = layer._map;
  window.emDraws = []; window.emScales = []; const draw = gl.drawArrays.bind(gl);
  gl.drawArrays = (...args) => { window.emDraws.push(!!m._animatingZoom); return draw(...args); };
  m.on('zoomanim', () => setTimeout(() => window.emScales.push(layer._container.style.transform), 0)); }"""
# The canvas's pixels as drawn now, then after a full redraw for the map's current view: equal when the
# redraw that followed the zoom put every point where the map now shows it.
SAME_AS_FRESH = """() => { const layer = EventMap.layers[0].emPoints; const gl = layer._gl;
  const w = gl.drawingBufferWidth; const h = gl.drawingBufferHeight;
  const read = () => { const px = new Uint8Array(4 * w * h); gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px; };
  const before = read(); layer._draw(window.devicePixelRatio || 1, true); const after = read();
  let painted = 0; let differ = 0;
  for (let i = 3; i < before.length; i += 4) { if (before[i] > 0) painted++; if (before[i] !== after[i]) differ++; }
  return { painted, differ }; }"""
# The canvas's top-left corner on the page against where the layer's bounds put it.
CANVAS_PLACE = """() => { const layer = EventMap.layers[0].emPoints; const m = layer._map;
  const r = layer._container.getBoundingClientRect(); const c = m.getContainer().getBoundingClientRect();
  const p = m.layerPointToContainerPoint(layer._bounds.min);
  return { dx: r.left - c.left - p.x, dy: r.top - c.top - p.y, transform: layer._container.style.transform }; }"""


def test_a_zoom_scales_the_drawn_points_and_redraws_them_once_in_place(file_page, hundred_thousand) -> None:
    frame, path = hundred_thousand
    page = file_page(viewport={"width": 1280, "height": 800}, timeout_ms=60_000)
    page.goto(path.as_uri())
    page.wait_for_function(POINTS_DRAWN)
    page.evaluate(SPY_DRAWS)
    zoom = page.evaluate("() => EventMap.layers[0].emPoints._map.getZoom()")
    page.evaluate("""() => { window.emPicks = []; EventMap.layers[0].emPoints.on('click', (e) =>
        window.emPicks.push(e.sourceTarget.getTooltip().getContent())); }""")
    page.mouse.move(560, 400)
    page.mouse.wheel(0, -240)  # a wheel step: an animated zoom around the pointer
    page.wait_for_function(f"""() => {{ const l = EventMap.layers[0].emPoints; const m = l._map;
        return m.getZoom() > {zoom} && !m._animatingZoom && !l.drawing; }}""")
    draws = page.evaluate("() => window.emDraws")
    assert draws, "the points are redrawn after the zoom"
    assert not any(draws), "no point is drawn during the zoom animation"
    scales = page.evaluate("() => window.emScales")
    assert scales, "the zoom was animated"
    assert all("scale(" in s and "scale(1)" not in s for s in scales), scales
    place = page.evaluate(CANVAS_PLACE)
    assert abs(place["dx"]) < 1, place
    assert abs(place["dy"]) < 1, place
    assert "scale(" not in place["transform"], place
    same = page.evaluate(SAME_AS_FRESH)
    assert same["painted"] > 50_000, same
    assert same["differ"] == 0, same
    target = page.evaluate(PICKABLE, [0, 80])
    page.mouse.click(target["x"], target["y"])
    popup = page.wait_for_selector(".em-point-summary").inner_text()
    event = frame.iloc[target["i"]]
    assert event["date"].strftime("%Y-%m-%d") in popup
    assert event["side"] in popup
    key = page.evaluate("() => EventMap.layers[0].emPayload.key")
    assert page.evaluate("() => window.emPicks") == [f"em-point:{key}:{target['i']}"]
    assert page.errors == []


# The columns' and the labels' files fetched by the map's page.
POINT_FETCHES = """() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/eventmap/points/"))
  .map((e) => e.name).sort()"""


def test_a_side_filter_sends_no_columns_and_a_click_on_a_filtered_point_selects_its_event(page, points_app,
                                                                                        screenshot) -> None:
    url, frame = points_app
    page.set_default_timeout(90_000)
    page.goto(url)
    map_handle = page.wait_for_selector(MAP_FRAME, state="attached")
    map_page = map_handle.content_frame()
    map_page.wait_for_function(POINTS_DRAWN, polling=250)
    fetched = map_page.evaluate(POINT_FETCHES)
    data = map_page.evaluate("() => EventMap.layers[0].emPayload.data")
    assert [name.rsplit("/app/static/", 1)[1] for name in fetched] == sorted(
        [data["url"].removeprefix("/app/static/"), data["labels"].removeprefix("/app/static/")])
    map_page.evaluate("() => { window.emSameMap = true; }")

    expected = filter_to_side(page, map_page, frame, "Armenia")
    assert map_page.evaluate("() => window.emSameMap") is True, "the map was not reloaded"
    payload = map_page.evaluate("() => { const P = EventMap.layers[0].emPayload;"
                                " return { filter: P.filter, n: P.n, columns: 'lon' in P }; }")
    assert payload["n"] == expected
    assert payload["filter"]["count"] == expected
    assert "sides" in payload["filter"]
    assert not {"mask", "only", "drop"} & set(payload["filter"])
    assert payload["columns"] is False
    assert map_page.evaluate(POINT_FETCHES) == fetched, "the columns and labels were fetched once"

    box = map_handle.bounding_box()
    target = map_page.evaluate(PICKABLE, [0, 60])
    whole = map_page.evaluate("(i) => EventMap.layers[0].emPayload.pickIndex[i]", target["i"])
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    card = page.locator(".em-card")
    card.wait_for()
    event = frame.iloc[whole]  # every event has a point: the whole data's index is the row
    assert event["side"] == "Armenia"
    assert event["event_id"] in card.inner_text()
    assert f"https://example.org/report/{whole}" in card.inner_text()
    map_page = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    map_page.wait_for_function(POINTS_DRAWN, polling=250)
    assert map_page.evaluate(POINT_FETCHES) == fetched, "selecting an event fetched no columns"
    assert page.blocked_requests == []
    screenshot(page, "points_dashboard_filtered_pick")
