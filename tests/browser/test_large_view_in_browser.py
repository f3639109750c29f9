"""A Parquet data file over `EVENTMAP_VIEW_ROWS`, in a real browser: the "view of a large file" step shows the
file in figures and the view's count, "Load this view" draws the view on the map with the line that says it is
a view, and the address bar's link opens the same view in another page."""

from __future__ import annotations

import re

import pytest
from bigfiles import write_events_parquet

from services.large_file import default_choice, summarize
from tests.browser.test_dashboard_in_browser import MAP_FRAME, headline

pytestmark = pytest.mark.browser

ROWS = 3_000
CAP = 400


@pytest.fixture(scope="module")
def large_app(start_app, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    path = tmp_path_factory.mktemp("large") / "large.parquet"
    frame = write_events_parquet(path, ROWS)
    choice = default_choice(summarize(path), target=CAP)
    held = frame[(frame["date"].dt.date >= choice.date_from) & (frame["date"].dt.date <= choice.date_to)]
    return start_app({"EVENTMAP_DATA": str(path), "EVENTMAP_VIEW_ROWS": str(CAP)}), len(held)


def test_a_view_of_a_large_file_is_chosen_loaded_and_linked(page, browser, large_app, screenshot) -> None:
    url, held = large_app
    page.set_default_timeout(90_000)
    page.goto(url)
    page.get_by_text(f"This view holds {held:,} of the file's {ROWS:,} events").wait_for()
    assert page.get_by_text(re.compile(rf"large\.parquet holds {ROWS:,} events")).is_visible()
    screenshot(page, "large_view_step")
    page.get_by_role("button", name="Load this view").click()
    page.wait_for_selector(MAP_FRAME, state="attached").content_frame().wait_for_selector(
        ".em-marker, .em-cluster")
    assert headline(page) == (held, held, 0)
    assert page.get_by_text(re.compile(rf"A view of {held:,} of {ROWS:,} events of large\.parquet")).is_visible()
    assert "view_from=" in page.url
    screenshot(page, "large_view_loaded")

    other = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        other.set_default_timeout(90_000)
        other.goto(page.url)
        other.wait_for_selector(MAP_FRAME, state="attached").content_frame().wait_for_selector(
            ".em-marker, .em-cluster")
        assert headline(other) == (held, held, 0)
    finally:
        other.close()
