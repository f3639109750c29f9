"""The dashboard in a real browser (Debian chromium), with every non-local request blocked: it loads, the map
draws as many markers as the filters allow, a marker opens its details, the slider, the timeline brush and
the table move the map, and a link restores the view. Each test saves a screenshot."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

import geo
from base.settings import Settings
from eventmap.filtering import Filters, apply_filters
from eventmap.loading import load_events

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LAST_CONTROL_CHANGE = date(2020, 12, 1)  # control_changes.csv: Lachin handed over
HEADLINE = re.compile(r"([\d,]+) of ([\d,]+) events shown; ([\d,]+) without a location")
WORLD = "lat=40&lon=0&zoom=2"  # every event of the bundled data in view (markercluster draws only what is in view)
KEPT_WORLD = f"{WORLD}&keep=1"  # ... and kept there when the filters change (else the map fits the filtered events)
COUNT_JS = """() => {
  let n = document.querySelectorAll('.leaflet-marker-icon.em-marker').length;
  document.querySelectorAll('.leaflet-marker-icon.em-cluster span').forEach(s => { n += parseInt(s.textContent, 10); });
  return n;
}"""


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> pd.DataFrame:
    state = tmp_path_factory.mktemp("expected")
    settings = replace(Settings(), state_dir=state, overrides_path=state / "overrides.csv")
    events = load_events(PROJECT_ROOT / "events.csv").events
    geo.geocode_frame(events, geocoder=geo.default_chain(settings))
    return events


def located(frame: pd.DataFrame) -> int:
    return int((frame["latitude"].notna() & frame["longitude"].notna()).sum())


def map_frame(page):
    handle = page.wait_for_selector(MAP_FRAME, state="attached")
    return handle.content_frame()


def open_dashboard(page, url: str):
    page.goto(url)
    frame = map_frame(page)
    frame.wait_for_selector(".em-marker, .em-cluster", timeout=30_000)
    page.get_by_text(HEADLINE).wait_for()
    return frame


def settle(page, *, quiet_ms: int = 1_000, timeout_ms: int = 30_000) -> None:
    """Wait until the script has not been running for `quiet_ms` (while it runs, the page may show an element
    twice: the last run's, stale, and the new one)."""
    page.evaluate("() => { window.emBusyAt = performance.now(); }")
    page.wait_for_function(
        """(quietMs) => {
          const app = document.querySelector('[data-testid="stApp"]');
          const now = performance.now();
          if (!app || app.dataset.testScriptState !== 'notRunning') { window.emBusyAt = now; return false; }
          return now - window.emBusyAt >= quietMs;
        }""",
        arg=quiet_ms, timeout=timeout_ms, polling=100,
    )


def headline(page) -> tuple[int, int, int]:
    """The headline's three numbers, once the page shows one headline (a rerun that another rerun interrupts
    may leave the last run's headline beside the new one for a moment)."""
    settle(page)
    line = page.get_by_text(HEADLINE)
    for attempt in range(4):
        expect(line).to_have_count(1, timeout=20_000)
        try:
            found = HEADLINE.search(line.inner_text(timeout=2_000))
            break
        except PlaywrightError:
            if attempt == 3:
                raise
    return tuple(int(g.replace(",", "")) for g in found.groups())  # type: ignore[union-attr,return-value]


def wait_for_count(page, frame, expected: int, *, timeout_ms: int = 20_000) -> int:
    """The markers drawn, once they equal `expected` (or whatever is drawn when the time is up)."""
    waited = 0
    count = frame.evaluate(COUNT_JS)
    while count != expected and waited < timeout_ms:
        page.wait_for_timeout(250)
        waited += 250
        count = frame.evaluate(COUNT_JS)
    return count


def wait_for_headline(page, shown: int, *, timeout_ms: int = 20_000) -> None:
    page.get_by_text(re.compile(rf"^{shown:,} of [\d,]+ events shown")).wait_for(timeout=timeout_ms)


def click_when_settled(locator, *, attempts: int = 6) -> None:
    """Click an element that a rerun may replace while it is clicked (a busy machine reruns slowly)."""
    for attempt in range(attempts):
        try:
            locator.click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise


def test_the_app_loads_offline_with_a_working_map(app_url, page, screenshot, bundled):
    frame = open_dashboard(page, f"{app_url}/?{WORLD}")
    assert headline(page) == (len(bundled), len(bundled), len(bundled) - located(bundled))
    assert wait_for_count(page, frame, located(bundled)) == located(bundled)
    assert frame.locator(".leaflet-control-zoom").count() == 1
    page.get_by_text("Events per day").wait_for()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    screenshot(page, "dashboard_loads")
    assert page.blocked_requests == [], "the map and the page need nothing from the internet"


def test_the_map_shows_as_many_markers_as_the_filter_allows(app_url, page, screenshot, bundled):
    frame = open_dashboard(page, f"{app_url}/?{WORLD}")
    frame.evaluate("() => { window.emSameMap = true; }")
    sides = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Side")
    sides.locator("input").click()
    page.keyboard.type("Armenia")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expected = apply_filters(bundled, Filters(sides=("Armenia",)))
    wait_for_headline(page, len(expected))
    assert wait_for_count(page, frame, located(expected)) == located(expected)
    assert "side=Armenia" in page.url
    assert map_frame(page).evaluate("() => window.emSameMap") is True, "the map was not reloaded"
    screenshot(page, "dashboard_filter_side")


def test_clicking_a_marker_shows_its_details(app_url, page, screenshot, bundled):
    event = bundled.loc[bundled["location"] == "Ordubad"].iloc[0]
    frame = open_dashboard(page, f"{app_url}/?place=Ordubad&lat={event['latitude']}&lon={event['longitude']}&zoom=9")
    assert wait_for_count(page, frame, 1) == 1
    frame.locator(".leaflet-marker-icon.em-marker").first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert event["date"].date().isoformat() in text
    assert event["description"][:40] in text
    assert event["actor"] in text
    links = popup.locator("a[href]")
    assert links.count() >= 1
    assert all(links.nth(i).get_attribute("href").startswith(("http://", "https://")) for i in range(links.count()))
    screenshot(page, "dashboard_marker_details")


def test_moving_the_date_slider_changes_the_map(app_url, page, screenshot, bundled):
    frame = open_dashboard(page, f"{app_url}/?{KEPT_WORLD}")
    before = wait_for_count(page, frame, located(bundled))
    last_day = bundled["date"].max().date()
    slider_end = max(last_day, LAST_CONTROL_CHANGE)  # the slider reaches the last change of territorial control
    thumbs = page.get_by_test_id("stSidebar").get_by_test_id("stSlider").get_by_role("slider")
    thumbs.last.focus()
    for _ in range((slider_end - last_day).days + 30):
        page.keyboard.press("ArrowLeft")
    # On a busy machine a rerun may land between key presses and the slider stop short of 30 days:
    # whatever day it stops at, the URL, the counter and the map must agree on it.
    page.wait_for_url(re.compile(r"[?&]to=\d{4}-\d{2}-\d{2}"), timeout=20_000)
    page.wait_for_timeout(1_500)  # let the last key's rerun finish
    date_to = date.fromisoformat(re.search(r"[?&]to=(\d{4}-\d{2}-\d{2})", page.url).group(1))
    assert last_day - timedelta(days=30) <= date_to < last_day
    expected = apply_filters(bundled, Filters(date_to=date_to))
    wait_for_headline(page, len(expected))
    after = wait_for_count(page, frame, located(expected))
    assert after == located(expected) < before
    screenshot(page, "dashboard_slider")


def test_brushing_the_timeline_sets_the_dates(app_url, page, screenshot, bundled):
    frame = open_dashboard(page, f"{app_url}/?{KEPT_WORLD}")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * 0.25, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=10)
    page.mouse.up()
    page.wait_for_function("() => window.location.search.includes('from=')", timeout=20_000)
    query = dict(part.split("=", 1) for part in page.url.split("?", 1)[1].split("&"))
    first, last = date.fromisoformat(query["from"]), date.fromisoformat(query["to"])
    assert bundled["date"].min().date() < first < last < bundled["date"].max().date()
    expected = apply_filters(bundled, Filters(date_from=first, date_to=last))
    wait_for_headline(page, len(expected))
    assert wait_for_count(page, frame, located(expected)) == located(expected)
    screenshot(page, "dashboard_timeline_brush")


def test_selecting_a_table_row_shows_the_event(app_url, page, screenshot, bundled):
    open_dashboard(page, f"{app_url}/")
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row_height = 35
    page.mouse.click(box["x"] + 18, box["y"] + row_height * 1.5 + 1)  # the first row's selection box
    page.wait_for_function("() => window.location.search.includes('event=')", timeout=20_000)
    event_id = re.search(r"event=([^&]+)", page.url).group(1)
    event = bundled.set_index("event_id").loc[event_id]
    card = page.locator(".em-popup").first
    card.wait_for()
    assert event["description"][:40] in card.inner_text()
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.map.distance(window.map.getCenter(), [{event['latitude']}, "
                            f"{event['longitude']}]) < 100 && window.map.getZoom() >= 11", timeout=20_000)
    assert frame.locator("path[stroke-dasharray]").count() >= 1, "a ring marks the event"
    # The URL follows the map (after the rerun the move triggers: slower when the machine is busy).
    page.wait_for_function("(lat) => { const m = window.location.search.match(/lat=([-\\d.]+)/);"
                           " return m !== null && Math.abs(parseFloat(m[1]) - lat) < 0.001; }",
                           arg=float(event["latitude"]), timeout=20_000)
    screenshot(page, "dashboard_table_selection")


def test_a_link_to_an_event_opens_on_it(app_url, page, screenshot, bundled):
    event = bundled.loc[bundled["location"] == "Shusha"].iloc[0]
    open_dashboard(page, f"{app_url}/?event={event['event_id']}")
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.map.distance(window.map.getCenter(), [{event['latitude']}, "
                            f"{event['longitude']}]) < 100", timeout=20_000)
    assert event["event_id"] in page.locator(".em-card").inner_text()
    screenshot(page, "dashboard_event_link")


FIT_CASES = {"armenia": Filters(sides=("Armenia",)), "three days": Filters(date_from=date(2020, 10, 8),
                                                                          date_to=date(2020, 10, 10))}


def test_the_map_fits_the_filtered_events_after_a_change(app_url, page, screenshot, bundled):
    """Without "keep my view", each filter change moves the map to the scene's extent of the filtered events."""
    from eventmap.scene import Lang, SceneView, build_scene
    from geo.naming import Naming

    frame = open_dashboard(page, f"{app_url}/?{WORLD}")
    views = []
    for name, filters in FIT_CASES.items():
        sidebar = page.get_by_test_id("stSidebar")
        if filters.sides:
            sidebar.get_by_test_id("stMultiSelect").first.click()
            page.get_by_role("option", name=filters.sides[0], exact=True).click()
            page.keyboard.press("Escape")
        else:
            page.goto(f"{app_url}/?from=2020-10-08&to=2020-10-10")
            frame = map_frame(page)
            frame.wait_for_selector(".em-marker, .em-cluster", timeout=30_000)
        expected = apply_filters(bundled, filters)
        wait_for_headline(page, len(expected))
        settle(page)
        scene = build_scene(expected, full_frame=bundled, filters=filters, view=SceneView(), lang=Lang.EN,
                            naming=Naming.EN, sides_config_path=PROJECT_ROOT / "sides.toml")
        b = scene.extent.bounds
        frame.wait_for_function(f"() => window.map.getBounds().contains([[{b.south}, {b.west}], [{b.north}, {b.east}]])"
                                " && window.map.getZoom() > 4", timeout=20_000)
        views.append(frame.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, "
                                    "window.map.getZoom()]"))
        screenshot(page, f"dashboard_fits_{name.replace(' ', '_')}")
    assert views[0] != views[1]


def test_a_shared_link_restores_the_view(app_url, page, screenshot, bundled):
    link = f"{app_url}/?side=Azerbaijan&status=claimed&from=2020-10-01&to=2020-10-20&naming=az&lang=ar&{WORLD}"
    frame = open_dashboard_rtl(page, link)
    expected = apply_filters(bundled, Filters(sides=("Azerbaijan",), statuses=("claimed",),
                                              date_from=date(2020, 10, 1), date_to=date(2020, 10, 20)))
    assert wait_for_count(page, frame, located(expected)) == located(expected)
    assert page.get_by_role("heading", name="خريطة أحداث النزاع").count() == 1
    sidebar = page.get_by_test_id("stSidebar")
    assert "أذربيجان" in sidebar.get_by_test_id("stMultiSelect").first.inner_text()  # the side, in Arabic
    view = frame.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    assert view[2] == 2
    assert abs(view[0] - 40) < 0.5, "within a pixel or two at zoom 2"
    assert abs(view[1]) < 0.5
    labels = frame.evaluate("() => [...document.querySelectorAll('.em-place-name')].map(e => e.textContent)")
    assert "Şuşa" in labels
    assert "Shusha" not in labels
    screenshot(page, "dashboard_shared_link_arabic")


def open_dashboard_rtl(page, url: str):
    page.goto(url)
    frame = map_frame(page)
    frame.wait_for_selector(".em-marker, .em-cluster", timeout=30_000)
    return frame


def test_uploading_a_file_replaces_the_data_and_a_bad_one_is_reported(app_url, page, screenshot, bundled, tmp_path):
    from tests.app.conftest import event_rows

    open_dashboard(page, f"{app_url}/")
    page.get_by_test_id("stSidebar").get_by_text("Your data").click()
    chooser = (page.get_by_test_id("stSidebar").get_by_test_id("stFileUploader").filter(has_text="Upload events")
               .locator('input[type="file"]'))
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    chooser.set_input_files(str(bad))
    page.get_by_text(re.compile("could not be used")).wait_for(timeout=20_000)
    assert headline(page)[1] == len(bundled), "the bundled data is still shown"
    screenshot(page, "dashboard_bad_upload")
    good = tmp_path / "mine.csv"
    good.write_bytes(event_rows({"location": "Shusha"}, {"location": "Ganja", "side": "Armenia"}, {"date": "never"}))
    page.get_by_test_id("stSidebar").get_by_role("button", name=re.compile("Remove|Delete|Clear", re.I)).first.click()
    page.get_by_text(re.compile("could not be used")).wait_for(state="detached", timeout=20_000)
    settle(page)  # the removal's rerun is over: the file input is the one that stays
    chooser.set_input_files(str(good))
    wait_for_headline(page, 2, timeout_ms=30_000)
    assert headline(page) == (2, 2, 0)
    problems = page.get_by_test_id("stExpander").filter(has_text="Problems found in the file")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text("Problems found in the file: 1 · rows set aside: 1")
    click_when_settled(problems.locator("summary"))
    page.get_by_text(re.compile(r"mine\.csv:4: date:")).first.wait_for()
    screenshot(page, "dashboard_upload")


def test_panning_and_zooming_the_map_update_the_link(app_url, page, screenshot):
    frame = open_dashboard(page, f"{app_url}/?lat=39.8&lon=46.8&zoom=8")
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + 250, box["y"] + 250
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y + 100, steps=10)
    page.mouse.up()
    page.wait_for_function("() => !window.location.search.includes('lon=46.8&')", timeout=20_000)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("() => window.location.search.includes('zoom=9')", timeout=20_000)
    lat, lon = frame.evaluate("() => [window.map.getCenter().lat, window.map.getCenter().lng]")
    query = dict(part.split("=", 1) for part in page.url.split("?", 1)[1].split("&"))
    assert abs(float(query["lat"]) - lat) < 0.001
    assert abs(float(query["lon"]) - lon) < 0.001
    assert float(query["lon"]) < 46.8, "dragged to the right: the centre moved west"
    screenshot(page, "dashboard_pan_zoom")
