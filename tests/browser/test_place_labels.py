"""Place names that never lie, measured in chromium with no network at 1280×720, 1440×900 and 1920×1080: on the
map page (markers in clusters) and on the playback page (the first day, the last day, a story step), no two
names intersect, no name lies over a marker or a cluster icon, Yerevan and Baku are named, and the place a
story step is about keeps its name. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventmap.filtering import Filters
from eventmap.mapping import build_map
from eventmap.mapping.assets import AssetMode
from eventmap.playback import build_playback_document, ready_made_stories
from eventmap.scene import Lang, SceneView, build_scene
from geo.naming import Naming

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1280, 720), (1440, 900), (1920, 1080)]
CAPITALS = {"Yerevan", "Baku"}
ARTICLE = "article-2020-10-09"

pytestmark = pytest.mark.browser

# The names on screen and what they cover: pairs of names that intersect, names over a marker or cluster icon.
LABELS_JS = """() => {
  const visible = (e) => getComputedStyle(e).visibility !== 'hidden';
  const names = [...document.querySelectorAll('.em-place-name')].filter(visible).map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent, box: [r.left, r.top, r.right, r.bottom] };
  }).filter((n) => n.box[2] > 0 && n.box[3] > 0 && n.box[0] < innerWidth && n.box[1] < innerHeight);
  const markers = [...document.querySelectorAll('.em-marker, .em-cluster, path.pb-marker')]
    .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => [r.left, r.top, r.right, r.bottom]);
  const meet = (a, b) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
  const pairs = [], covered = [];
  names.forEach((n, i) => {
    names.slice(i + 1).forEach((m) => { if (meet(n.box, m.box)) pairs.push([n.text, m.text]); });
    if (markers.some((box) => meet(n.box, box))) covered.push(n.text);
  });
  return { shown: names.map((n) => n.text), pairs, covered, markers: markers.length };
}"""


@pytest.fixture(scope="module")
def pages(bundled_events: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole war as a map page and as a playback page with the article's story (English names)."""
    folder = tmp_path_factory.mktemp("labels")
    scene = build_scene(bundled_events, full_frame=bundled_events, filters=Filters(), view=SceneView(),
                        lang=Lang.EN, naming=Naming.EN, sides_config_path=PROJECT_ROOT / "sides.toml")
    leaflet = build_map(bundled_events, naming=Naming.EN, lang="en", asset_mode=AssetMode.INLINE, scene=scene,
                        height="100vh").get_root().render()
    playback = build_playback_document(bundled_events, naming=Naming.EN, lang="en", asset_mode="inline",
                                       scene=scene, story=ready_made_stories()[ARTICLE])
    paths = {"map": folder / "map.html", "playback": folder / "playback.html"}
    paths["map"].write_text(leaflet, encoding="utf-8")
    paths["playback"].write_text(playback, encoding="utf-8")
    return paths


def check_names(page: Any) -> dict:
    measured = page.evaluate(LABELS_JS)
    assert measured["markers"] > 0
    assert measured["pairs"] == [], measured
    assert measured["covered"] == [], measured
    return measured


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_names_on_the_map_page(file_page, pages, screenshot, width, height):
    page = file_page(viewport={"width": width, "height": height})
    page.goto(pages["map"].as_uri())
    page.wait_for_function("window.EventMap && EventMap.layers.length === 1", timeout=60_000)
    page.wait_for_timeout(800)  # the cluster icons stand, the names are placed again
    measured = check_names(page)
    assert set(measured["shown"]) >= CAPITALS
    screenshot(page, f"labels-map-{width}x{height}", full_page=False)
    page.evaluate("""() => { window.clustersStand = false;
      EventMap.layers[0].emCluster.once('animationend', () => { window.clustersStand = true; });
      EventMap.layers[0]._map.zoomIn(1, {animate: false}); }""")
    page.wait_for_function("window.clustersStand", timeout=10_000)  # markercluster's animation has ended
    page.wait_for_timeout(600)  # and the names are placed again once all is still
    check_names(page)
    assert page.errors == []
    assert page.blocked == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_names_on_the_playback_page(file_page, pages, screenshot, width, height):
    page = file_page(viewport={"width": width, "height": height})
    page.goto(pages["playback"].as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    page.wait_for_timeout(300)
    assert set(check_names(page)["shown"]) >= CAPITALS  # the first day
    page.keyboard.press("End")  # the last day: every event so far
    page.wait_for_timeout(300)
    assert set(check_names(page)["shown"]) >= CAPITALS
    screenshot(page, f"labels-playback-{width}x{height}", full_page=False)
    assert page.errors == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_place_of_a_story_step_keeps_its_name(file_page, pages, bundled_events, width, height):
    page = file_page(viewport={"width": width, "height": height})
    page.goto(pages["playback"].as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    story = ready_made_stories()[ARTICLE]
    for _ in range(4):  # to Shusha, 8 October
        page.keyboard.press("PageDown")
    page.wait_for_timeout(2000)  # the flight to the place ends
    place = bundled_events.set_index("event_id").loc[story.event_ids[3], "location"]
    assert place == "Shusha"
    named = page.locator(".em-place", has=page.locator(".em-place-name", has_text=place))
    assert named.get_attribute("data-placed") in {"beside", "leader"}
    assert page.errors == []
