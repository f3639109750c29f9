"""Any table of dated events gets in, in a real browser: a five-column CSV and an .xlsx of the same table go
through the mapping step, every event is counted and the map moves to them; on the Places page a click on
a candidate's marker saves it. Each step is saved as a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard_in_browser import COUNT_JS, MAP_FRAME, headline, map_frame, settle
from tests.data.workbooks import xlsx

pytestmark = pytest.mark.browser

ROWS = [
    ["date", "location", "side", "description", "source"],
    ["2022-09-13", "Stepanakert", "Artsakh", "Shelling reported in the town.", "https://example.org/1"],
    ["2022-09-13", "Shusha", "Azerbaijan", "Drone strike reported.", "https://example.org/2"],
    ["2022-09-14", "Goris", "Azerbaijan", "Artillery fire near the town.", ""],
    ["2022-09-14", "Sotk", "Azerbaijan", "Shelling of positions near the village.", "https://example.org/4"],
    ["2022-09-15", "Vardenis", "Armenia", "Clashes reported.", "https://example.org/5"],
]
POINTS = {"Stepanakert": (39.82, 46.75), "Shusha": (39.76, 46.75), "Goris": (39.51, 46.34),
          "Sotk": (40.20, 45.86), "Vardenis": (40.18, 45.73)}
FAR_AWAY = "lat=41.7&lon=44.8&zoom=12"  # Tbilisi, zoomed in: none of the new events in view


def csv_file(tmp_path: Path, rows: list[list[str]], name: str = "september.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def events_uploader(page):
    """The sidebar's events uploader (the presentation section has its own, for a story file)."""
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_test_id("stFileUploader").filter(has_text="Upload events").locator('input[type="file"]')


def upload(page, path: Path) -> None:
    if not events_uploader(page).count():
        page.get_by_test_id("stSidebar").get_by_text("Your data").click()
    settle(page)
    events_uploader(page).set_input_files(str(path))


def tall(page) -> None:
    """A viewport tall enough for a screenshot of the whole page (Streamlit scrolls inside the page)."""
    page.set_viewport_size({"width": 1440, "height": 1700})


def map_the_columns(page, screenshot, name: str) -> None:
    page.get_by_text("Match your columns to the map's fields").wait_for(timeout=30_000)
    tall(page)
    settle(page)
    expect(page.get_by_role("button", name="Load with this mapping")).to_be_enabled()
    screenshot(page, name)
    page.get_by_role("button", name="Load with this mapping").click()


def in_view(page) -> int:
    """How many of the new events' places the map shows (its bounds contain them)."""
    frame = map_frame(page)
    frame.wait_for_selector(".em-marker, .em-cluster", timeout=30_000)
    page.wait_for_timeout(1_000)  # the fit animation
    bounds = frame.evaluate("() => { const b = window.map.getBounds(); "
                            "return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }")
    south, west, north, east = bounds
    return sum(1 for lat, lon in POINTS.values() if south <= lat <= north and west <= lon <= east)


def open_far_away(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/?{FAR_AWAY}{query}")
    map_frame(page)
    page.get_by_text(re.compile(r"events shown")).wait_for(timeout=30_000)


def test_a_five_column_csv_is_mapped_counted_and_shown(start_app, page, screenshot, tmp_path):
    url = start_app({"EVENTMAP_ONLINE_BUDGET_S": "0.5"})
    open_far_away(page, url, "&from=2020-10-01&to=2020-10-05&place=Jabrayil")  # filters the new data lacks
    upload(page, csv_file(tmp_path, ROWS))
    map_the_columns(page, screenshot, "mapping_step_csv")
    page.get_by_text(re.compile(r"^5 of 5 events shown")).wait_for(timeout=30_000)
    assert headline(page) == (5, 5, 0)
    expect(page.get_by_text("Filters reset to the new data: 13–15 Sep 2022, all places")).to_be_visible()
    assert in_view(page) == 5, "the map moved to the new events"
    assert map_frame(page).evaluate(COUNT_JS) == 5
    expect(page.get_by_text(re.compile("status set to 'unverified' for 5 rows"))).to_be_visible()
    screenshot(page, "dashboard_after_csv_upload")
    assert page.blocked_requests == []


def test_an_xlsx_of_the_same_table_is_mapped_counted_and_shown(start_app, page, screenshot, tmp_path):
    url = start_app({"EVENTMAP_ONLINE_BUDGET_S": "0.25"})  # its own server: no mapping remembered yet
    book = tmp_path / "september.xlsx"
    book.write_bytes(xlsx([("Events", ROWS)]))
    open_far_away(page, url)
    upload(page, book)
    map_the_columns(page, screenshot, "mapping_step_xlsx")
    page.get_by_text(re.compile(r"^5 of 5 events shown")).wait_for(timeout=30_000)
    assert headline(page) == (5, 5, 0)
    assert in_view(page) == 5
    screenshot(page, "dashboard_after_xlsx_upload")


def test_the_places_page_shows_candidates_on_a_map_and_one_click_saves(start_app, page, screenshot, tmp_path):
    url = start_app({"EVENTMAP_ONLINE_BUDGET_S": "0.1"})
    rows = [*ROWS, ["2022-09-15", "Martuni", "Armenia", "Shelling reported.", "https://example.org/6"]]
    open_far_away(page, url)
    upload(page, csv_file(tmp_path, rows, "with_martuni.csv"))
    map_the_columns(page, screenshot, "mapping_step_martuni")
    page.get_by_text(re.compile(r"^6 of 6 events shown")).wait_for(timeout=30_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Places").click()
    page.get_by_text("Places to check").wait_for(timeout=30_000)
    settle(page, timeout_ms=90_000)  # the page's first run looks up every name of the upload (slow on a busy CI)
    frame = page.locator(MAP_FRAME).last.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-tooltip", timeout=30_000)
    labels = frame.locator(".leaflet-tooltip").all_inner_texts()
    assert sorted(labels) == ["1. Martuni (Azerbaijan)", "2. Martuni (Armenia)"]
    expect(page.get_by_role("button", name=re.compile(r"^1\. Martuni"))).to_be_visible()
    settle(page)
    screenshot(page, "places_candidate_map")
    point = frame.evaluate("() => { const p = window.map.latLngToContainerPoint([40.1403, 45.3023]); "
                           "return [p.x, p.y]; }")  # the second candidate's marker
    box = page.locator(MAP_FRAME).last.bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.get_by_text(re.compile(r"^Saved: Martuni at 40\.14030, 45\.30230")).wait_for(timeout=30_000)
    settle(page)
    expect(page.get_by_text(re.compile(r"^Every place name in with_martuni\.csv is on the map"))).to_be_visible()
    screenshot(page, "places_saved_by_marker_click")
