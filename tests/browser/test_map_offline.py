"""The standalone (inline) map in chromium with every network request aborted except file://.

It must show the bundled war (clusters and markers), open an event's details on a click, throw no
script error, and ask for nothing from the network. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventmap.mapping import LayerLimits, build_map
from eventmap.mapping.basemap import COLOURS as BASEMAP_COLOURS
from geo.naming import Naming

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
MARKS = ".marker-cluster, .em-marker, path.leaflet-interactive"

pytestmark = pytest.mark.browser


@pytest.fixture
def events(bundled_events: pd.DataFrame) -> pd.DataFrame:
    """The bundled war (loaded once per test run, in `tests/conftest.py`)."""
    return bundled_events


@pytest.fixture
def offline_page(file_page) -> Any:
    return file_page(viewport={"width": 1280, "height": 800}, timeout_ms=20_000)


def open_map(page, frame: pd.DataFrame, tmp_path: Path, **options: Any) -> None:
    path = tmp_path / "map.html"
    build_map(frame, naming=options.pop("naming", Naming.EN), asset_mode="inline", **options).save(str(path))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.EventMap && EventMap.layers.length > 0")
    if page.evaluate("() => EventMap.layers[0].emPayload.mode") == "points":
        page.wait_for_selector(MARKS)
    else:  # grid squares are drawn on a canvas
        page.wait_for_selector(".leaflet-overlay-pane canvas")


def events_on_map(page) -> int:
    return page.evaluate("() => EventMap.layers.reduce((n, g) => n + (g.emCluster ? g.emCluster.getLayers().length"
                         " : g.emPayload.grid.n.reduce((a, b) => a + b, 0)), 0)")


def open_first_popup(page) -> str:
    marker = page.locator(".em-marker").first
    if marker.count() == 0:  # everything clustered: open a cluster first
        page.locator(".marker-cluster").first.click()
        page.wait_for_selector(".em-marker")
    page.locator(".em-marker").first.click()
    popup = page.wait_for_selector(".leaflet-popup-content .em-popup")
    return popup.inner_text()


def save(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.wait_for_timeout(400)  # let popups and clusters finish their animations
    page.screenshot(path=str(path))
    return path


def test_bundled_war_works_offline(offline_page, events, tmp_path) -> None:
    page = offline_page
    open_map(page, events, tmp_path)
    located = int((events["latitude"].notna() & events["longitude"].notna()).sum())
    assert events_on_map(page) == located
    assert page.locator(".marker-cluster").count() > 0
    assert page.locator(".em-legend").is_visible()
    assert page.locator(".em-place-name").count() > 0
    text = open_first_popup(page)
    for label in ("Date", "Place", "Side", "Status", "Sources"):
        assert label in text
    assert page.locator(".leaflet-popup-content a[target=_blank][rel='noopener noreferrer']").count() > 0
    save(page, "map_offline")
    assert page.blocked == []
    assert page.errors == []
    assert page.dialogs == []


def test_arabic_map_in_armenian_naming(offline_page, events, tmp_path) -> None:
    page = offline_page
    open_map(page, events, tmp_path, lang="ar", naming=Naming.HY, label_size_px=20)
    assert page.locator(".em-legend[dir=rtl]").is_visible()
    names = page.eval_on_selector_all(".em-place-name", "els => els.map(e => e.textContent)")
    assert "Shushi" in names
    text = open_first_popup(page)
    assert "المصادر" in text or "التاريخ" in text
    save(page, "map_offline_ar")
    assert page.errors == []


def test_hostile_text_is_shown_not_run(offline_page, events, tmp_path) -> None:
    hostile = events.head(1).copy()
    for column in ("location", "side", "actor", "target", "description", "claimed_by", "disputed_by", "notes"):
        hostile[column] = "<script>alert(1)</script>"
    hostile["description_original"] = "<img src=x onerror=alert(1)>"
    hostile["sources"] = "javascript:alert(1); \"'><svg onload=alert(1)>; https://example.org/ok"
    page = offline_page
    open_map(page, hostile, tmp_path)
    text = open_first_popup(page)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.errors == []


def test_large_data_is_aggregated_with_a_note(offline_page, events, tmp_path) -> None:
    page = offline_page
    open_map(page, events, tmp_path, limits=LayerLimits(max_points=10, max_cells=30))
    located = int((events["latitude"].notna() & events["longitude"].notna()).sum())
    assert events_on_map(page) == located
    assert page.locator(".em-note").is_visible()
    save(page, "map_offline_aggregated")
    assert page.errors == []


LAND_AT_POINT = """([lat, lon]) => {
  // The fill of the topmost basemap shape under a point (basemap shapes take no pointer events, so
  // this asks the SVG geometry rather than elementsFromPoint).
  const leaflet = Object.values(window).find(v => v instanceof L.Map);
  const p = leaflet.latLngToLayerPoint([lat, lon]);
  const shapes = [...document.querySelectorAll('.leaflet-em-basemap-pane path')]
    .filter(e => e.getAttribute('fill') && e.getAttribute('fill') !== 'none');
  const under = shapes.filter(e => e.isPointInFill(new DOMPoint(p.x, p.y)));
  return under.length ? under[under.length - 1].getAttribute('fill') : null;
}"""


@pytest.mark.parametrize("zoom", [4, 7, 9])
def test_the_offline_basemap_shows_land_where_land_is(offline_page, events, tmp_path, zoom) -> None:
    """Zoomed in or out, Shusha and Yerevan lie on land-coloured ground, the Caspian on sea."""
    open_map(offline_page, events, tmp_path, center=(40.0, 46.5), zoom=zoom)
    offline_page.wait_for_timeout(300)
    for lat, lon in ((39.7601, 46.7499), (40.1777, 44.5126)):
        assert offline_page.evaluate(LAND_AT_POINT, [lat, lon]) == BASEMAP_COLOURS["land"], (lat, lon, zoom)
    if zoom <= 7:
        assert offline_page.evaluate(LAND_AT_POINT, [40.5, 50.9]) in (None, BASEMAP_COLOURS["sea"])


def test_the_legend_folds_while_an_event_is_open(offline_page, events, tmp_path) -> None:
    """The legend is a control (above popups): it makes room for the details, then comes back."""
    open_map(offline_page, events, tmp_path)
    legend_open = "() => document.querySelector('.em-legend-box details').open"
    assert offline_page.evaluate(legend_open) is True
    open_first_popup(offline_page)
    assert offline_page.evaluate(legend_open) is False
    offline_page.locator(".leaflet-popup-close-button").click()
    assert offline_page.evaluate(legend_open) is True
