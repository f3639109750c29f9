"""A class's map on a small screen, measured in chromium with no network.

- the dashboard at 1280×720 and 1920×1080, English and Arabic: at least 70% of the map shows before scrolling; the
  legends open folded to one-line chips (together at most 15% of the map), a chip opens the legend whole and
  inside the map; no two names meet or touch, no
  name lies over a marker or a cluster icon, and no basemap name (Natural Earth's places) lies over an event's
  name or a marker;
- the basemap's names: an Arabic map shows no Latin place name; the second "Agdam" (a village near Tovuz) is not
  named while Aghdam is on screen, and is named "Ağdam (Tovuz)" zoomed in on Tovuz;
- presentation in Arabic at 1280×720: the names keep apart, and the unfolded legend shows its last row.

Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from eventmap.mapping import build_map
from eventmap.mapping.assets import AssetMode
from eventmap.playback import build_playback_document
from geo.naming import Naming

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAX_LEGEND_SHARE = 0.15
MIN_GAP_PX = 2  # between two names' boxes: names that touch read as one

pytestmark = pytest.mark.browser

# The names on the map and what they meet: the share of the map the legend boxes cover, pairs of names that meet
# or touch, names over a marker or cluster icon, basemap names over an event's name or a marker.
MEASURE_JS = """(minGap) => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const shown = (e) => getComputedStyle(e).visibility !== 'hidden' && e.getBoundingClientRect().width > 0;
  const legends = [...document.querySelectorAll('.em-legend-box, .em-control-box')].filter(shown).map(box);
  let covered = 0, total = 0;
  for (let x = map.left; x < map.right; x += 4) for (let y = map.top; y < map.bottom; y += 4) {
    total++;
    if (legends.some((b) => b[0] <= x && x < b[2] && b[1] <= y && y < b[3])) covered++;
  }
  const named = (selector) => [...document.querySelectorAll(selector)].filter(shown)
    .map((e) => ({ text: e.textContent, box: box(e) }));
  const names = named('.em-place-name'), context = named('.em-context-name');
  const markers = [...document.querySelectorAll('.em-marker, .em-cluster')].filter(shown).map(box);
  const gap = (a, b) => Math.max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3]);
  const meet = (a, b) => gap(a, b) < -0.5;
  const close = [], overMarkers = [], contextOver = [];
  const all = names.concat(context);
  all.forEach((n, i) => all.slice(i + 1).forEach((m) => {
    if (gap(n.box, m.box) < minGap) close.push([n.text, m.text]);
  }));
  for (const n of names) if (markers.some((b) => meet(n.box, b))) overMarkers.push(n.text);
  for (const c of context) {
    if (names.some((n) => meet(c.box, n.box)) || markers.some((b) => meet(c.box, b))) contextOver.push(c.text);
  }
  const chips = [...document.querySelectorAll('.em-legend-box > details, .em-control-box > details')];
  return { share: covered / total, folded: chips.filter((d) => !d.open).length,
           names: names.map((n) => n.text), context: context.map((n) => n.text), close, overMarkers, contextOver,
           markers: markers.length };
}"""


def settled(frame: Any) -> dict:
    """The measures once the names stand (cluster icons and the events' layer arrive after the map: the names
    are placed again then); the last measures when they never settle."""
    with contextlib.suppress(PlaywrightTimeout):
        frame.wait_for_function(f"() => {{ const m = ({MEASURE_JS})({MIN_GAP_PX}); return m.close.length === 0 && "
                                "m.overMarkers.length === 0 && m.contextOver.length === 0; }", timeout=5000)
    return frame.evaluate(MEASURE_JS, MIN_GAP_PX)


def dashboard_map(page: Any, url: str) -> Any:
    page.goto(url)
    frame = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    frame.wait_for_selector(".em-marker, .em-cluster", timeout=60_000)
    frame.wait_for_function("() => document.querySelectorAll('.em-place-name').length > 0")
    page.wait_for_timeout(1200)  # cluster icons stand, names and legends settle
    return frame


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_dashboard_map_is_free_and_its_names_readable(app_url, page, screenshot, lang, width, height):
    page.set_viewport_size({"width": width, "height": height})
    frame = dashboard_map(page, f"{app_url}/?lang={lang}")
    measured = settled(frame)
    print(f"dashboard {lang} {width}x{height}: legends {measured['share']:.3f} of the map; "
          f"{len(measured['names'])} event names, {len(measured['context'])} basemap names")
    top = page.locator(MAP_FRAME).bounding_box()
    above_the_fold = (height - top["y"]) / top["height"]
    print(f"dashboard {lang} {width}x{height}: {above_the_fold:.2f} of the map shows before scrolling")
    assert above_the_fold >= 0.7, top  # the page's top is compact on a short window
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    screenshot(page, f"small-dashboard-{lang}-{width}x{height}", full_page=False)
    assert measured["markers"] > 0
    assert measured["folded"] == 2, measured  # both legends, folded to chips
    assert measured["share"] <= MAX_LEGEND_SHARE, measured
    assert measured["close"] == [], measured["close"]
    assert measured["overMarkers"] == [], measured
    assert measured["contextOver"] == [], measured
    # A chip opens its legend whole, inside the map; the names make room for it.
    frame.locator(".em-legend > summary").click()
    frame.wait_for_function("() => document.querySelector('.em-legend').open")
    inside = frame.evaluate("""() => {
      const map = document.querySelector('.leaflet-container').getBoundingClientRect();
      const r = document.querySelector('.em-legend-box').getBoundingClientRect();
      return r.top >= map.top && r.bottom <= map.bottom + 0.5 && r.left >= map.left && r.right <= map.right + 0.5;
    }""")
    assert inside
    assert settled(frame)["contextOver"] == []
    assert page.blocked_requests == []


@pytest.fixture(scope="module")
def zoomed_pages(bundled_events: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The war as standalone map pages: zoom 8 with Aghdam and Tovuz both on screen; zoom 10 on Tovuz; Arabic."""
    folder = tmp_path_factory.mktemp("small-screens")
    views = {"both": ((40.45, 46.3), 8, "en"), "tovuz": ((40.95, 45.6), 10, "en"), "ar": ((40.2, 46.6), 8, "ar")}
    paths = {}
    for key, (center, zoom, lang) in views.items():
        naming = Naming.AR if lang == "ar" else Naming.EN
        html = build_map(bundled_events, naming=naming, lang=lang, asset_mode=AssetMode.INLINE, center=center,
                         zoom=zoom, height="100vh").get_root().render()
        paths[key] = folder / f"{key}.html"
        paths[key].write_text(html, encoding="utf-8")
    return paths


def open_map(file_page, path: Path) -> Any:
    page = file_page(viewport={"width": 1280, "height": 720})
    page.goto(path.as_uri())
    page.wait_for_function("window.EventMap && EventMap.layers.length === 1", timeout=60_000)
    page.wait_for_timeout(1000)
    return page


def test_the_second_agdam_is_not_named_while_aghdam_is_on_screen(file_page, zoomed_pages, screenshot):
    page = open_map(file_page, zoomed_pages["both"])
    measured = settled(page)
    assert "Aghdam" in measured["names"], measured
    assert not any(name.startswith("Ağdam") for name in measured["context"]), measured
    assert measured["context"], "no basemap name at zoom 8"
    assert measured["close"] == [], measured
    assert measured["contextOver"] == [], measured
    screenshot(page, "small-twins-zoom8", full_page=False)
    page = open_map(file_page, zoomed_pages["tovuz"])
    measured = settled(page)
    assert "Ağdam (Tovuz)" in measured["context"], measured  # zoomed in on Tovuz, Aghdam off screen: named
    screenshot(page, "small-twins-tovuz", full_page=False)
    assert page.errors == []


def test_an_arabic_map_shows_no_latin_basemap_name(file_page, zoomed_pages):
    page = open_map(file_page, zoomed_pages["ar"])
    measured = settled(page)
    latin = [name for name in measured["context"] + measured["names"] if any("a" <= c.lower() <= "z" for c in name)]
    assert latin == [], measured
    assert measured["close"] == [], measured
    assert measured["contextOver"] == [], measured
    assert page.errors == []


@pytest.fixture(scope="module")
def arabic_presentation(bundled_events: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small-present") / "present-ar.html"
    path.write_text(build_playback_document(bundled_events, naming="ar", lang="ar", asset_mode="inline"),
                    encoding="utf-8")
    return path


def test_arabic_presentation_at_1280x720_keeps_names_apart_and_shows_the_legend_whole(
        file_page, arabic_presentation, screenshot):
    page = file_page(viewport={"width": 1280, "height": 720})
    page.goto(arabic_presentation.as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    page.wait_for_timeout(1000)
    for _ in range(20):  # the first three weeks, day by day: the names are placed again each day
        measured = page.evaluate(MEASURE_JS.replace(".em-marker, .em-cluster", "path.pb-marker, .em-cluster"),
                                 MIN_GAP_PX)
        assert measured["close"] == [], measured
        assert measured["overMarkers"] == [], measured
        page.keyboard.press("ArrowRight")
    page.locator(".pb-legend-toggle").click()
    rows = page.evaluate("""() => {
      const legend = document.getElementById('pb-legend');
      const box = legend.getBoundingClientRect();
      const rows = [...legend.querySelectorAll('.pb-legend-row')].filter((e) => e.checkVisibility());
      const last = rows[rows.length - 1].getBoundingClientRect();
      return { scroll: legend.scrollHeight, client: legend.clientHeight, last: [last.top, last.bottom],
               box: [box.top, box.bottom], window: innerHeight };
    }""")
    # the names make room for the unfolded legend
    page.wait_for_function("""() => {
      const legend = document.getElementById('pb-legend').getBoundingClientRect();
      return [...document.querySelectorAll('.em-place-name')].filter((e) => getComputedStyle(e).visibility !== 'hidden')
        .every((e) => {
          const r = e.getBoundingClientRect();
          return !(r.left < legend.right && legend.left < r.right && r.top < legend.bottom && legend.top < r.bottom);
        });
    }""", timeout=3000)
    assert rows["scroll"] <= rows["client"] + 1, rows  # nothing to scroll: every row shows
    assert rows["box"][0] <= rows["last"][0], rows
    assert rows["last"][1] <= rows["box"][1] + 0.5, rows
    screenshot(page, "small-present-ar-1280x720-legend", full_page=False)
    assert page.errors == []
