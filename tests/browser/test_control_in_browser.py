"""Territorial control in a real browser: the dashboard's map shows the control of the timeline's last day (and
changes with it), an area's card lists its changes with their sources, the switch takes the layer away; the
playback page switches the areas as the day moves across 8 November. Screenshots saved."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
CHANGES_JS = """() => [...document.querySelectorAll('.leaflet-em-control-pane path[data-changes]')]
  .map(p => p.getAttribute('data-changes')).filter(Boolean).join(' ').split(' ')"""


def control_frame(page, url: str):
    page.goto(url)
    frame = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    frame.wait_for_selector(".em-control-box", timeout=60_000)
    frame.wait_for_selector(".leaflet-em-control-pane path[data-changes]", state="attached")
    return frame


def test_the_map_shows_control_of_the_last_day_with_cards_and_a_switch(page, app_url, screenshot) -> None:
    frame = control_frame(page, f"{app_url}/?to=2020-10-20")
    assert "20 October 2020" in frame.locator(".em-control-legend summary").inner_text()
    changes = set(frame.evaluate(CHANGES_JS))
    assert {"C01", "C06", "C11"} <= changes
    assert not {"C13", "C17", "C19"} & changes  # Shusha, Aghdam, Lachin: later
    assert frame.locator("path.em-control-hatched").count() >= 3  # claims, drawn apart
    legend = frame.locator(".em-control-legend")
    if legend.get_attribute("open") is None:  # folded to a chip on a small map: the reader opens it
        legend.locator("summary").click()
    assert "district level" in frame.locator(".em-control-caveat").inner_text()
    frame.locator('path[data-changes="C11"]').dispatch_event("click")
    card = frame.locator(".leaflet-popup .em-control-card")
    card.wait_for()
    assert "Claimed by" in card.inner_text()
    assert card.locator("a[href^='https://']").count() >= 1
    screenshot(page, "control-dashboard-2020-10-20")

    frame = control_frame(page, f"{app_url}/?to=2020-12-01")
    assert {"C13", "C17", "C18", "C19", "C15"} <= set(frame.evaluate(CHANGES_JS))
    assert frame.locator('path[data-status="peacekeeping"]').count() >= 1
    screenshot(page, "control-dashboard-2020-12-01")

    page.get_by_text("Territorial control", exact=True).first.click()  # the switch over the map
    frame = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    deadline = time.monotonic() + 30
    while frame.locator(".em-control-box").count() and time.monotonic() < deadline:
        time.sleep(0.5)
        frame = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    assert frame.locator(".em-control-box").count() == 0
    assert "control=0" in page.url
    assert not page.blocked_requests


def test_playback_switches_control_as_the_day_moves(page, app_url, screenshot) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?present=1")
    page.wait_for_selector("iframe", state="attached", timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument &&"
        " f.contentDocument.querySelector(\"#pb-root[data-ready='true']\"))", timeout=60_000)
    frame = next(f for f in page.frames if f.evaluate("!!document.getElementById('pb-root')"))
    root = frame.locator("#pb-root")
    frame.evaluate("window.eventmapPlayback.goTo('2020-11-07')")
    assert root.get_attribute("data-control-day") == "2020-10-25"
    before = set(frame.evaluate(CHANGES_JS))
    assert "C13" not in before
    frame.evaluate("window.eventmapPlayback.goTo('2020-11-08')")
    assert root.get_attribute("data-control-day") == "2020-11-08"
    after = set(frame.evaluate(CHANGES_JS))
    assert after - before == {"C13"}  # Shusha
    screenshot(page, "control-playback-2020-11-08")
    frame.evaluate("window.eventmapPlayback.goTo('2020-12-01')")
    assert {"C17", "C18", "C19"} <= set(frame.evaluate(CHANGES_JS))
    assert frame.locator(".em-control-box").count() == 1  # one legend, the day's
    assert not page.blocked_requests


def test_zoomed_in_offline_the_basemap_has_rivers_lakes_and_places(page, app_url, screenshot) -> None:
    page.goto(f"{app_url}/?control=0&lat=40.2&lon=45.5&zoom=9&basemap=osm")
    frame = page.wait_for_selector(MAP_FRAME, state="attached").content_frame()
    frame.wait_for_selector(".em-context-name", state="attached", timeout=60_000)
    names = frame.locator(".em-context-name").all_inner_texts()
    assert "Gavar" in names  # Natural Earth's English name
    assert frame.locator(".leaflet-em-basemap-pane path").count() > 0
    notice = frame.locator(".em-tiles-failed")
    notice.wait_for()  # every tile request is blocked: the page says so
    assert "cannot be loaded" in notice.inner_text()
    assert frame.locator(".em-control-box").count() == 0
    screenshot(page, "basemap-context-zoom9")
