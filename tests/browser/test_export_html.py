"""The standalone HTML export opens from a file with no network at all and shows the events.

Every request that is not for the file itself (or a data:/blob: URL) is aborted and recorded; the test
fails if the page asked for anything, if a script error occurred, or if the markers are not drawn.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventmap.export.cli import register
from eventmap.loading import load_events

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EVENTS_CSV = PROJECT_ROOT / "events.csv"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]


def export_html(target: Path) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["export", "--html", str(target), "--data", str(EVENTS_CSV), "--from", "2020-10-08",
                              "--to", "2020-10-09", "--title", "Nagorno-Karabakh war: 8–9 October 2020"])
    assert args.handler(args) == 0


@pytest.fixture
def offline_page(file_page):
    return file_page(viewport={"width": 1600, "height": 900})


@pytest.mark.browser
def test_the_html_export_opens_offline_and_shows_the_markers(tmp_path: Path, offline_page, screenshot) -> None:
    frame = load_events(EVENTS_CSV).events
    two_days = frame[(frame["date"] >= "2020-10-08") & (frame["date"] <= "2020-10-09")]
    located = two_days["latitude"].notna() & two_days["longitude"].notna()
    first_day = int((located & (two_days["date"].dt.date == date(2020, 10, 8))).sum())
    assert 0 < first_day < int(located.sum())

    target = tmp_path / "oct8.html"
    export_html(target)
    page = offline_page
    page.goto(target.as_uri())
    page.wait_for_selector("#pb-root[data-ready='true']", state="attached")
    assert page.get_attribute("#pb-root", "data-visible") == str(first_day)
    assert page.locator("path.pb-marker").count() == first_day

    page.keyboard.press("ArrowRight")  # one day later: everything so far
    page.wait_for_function(f"document.getElementById('pb-root').getAttribute('data-visible') === '{located.sum()}'")
    assert page.locator("path.pb-marker").count() == int(located.sum())
    assert "Nagorno-Karabakh war" in page.text_content("#pb-title-text")
    # It opens at the filtered events' extent (the scene's: far-away talks in Moscow or Geneva left out), not at a
    # continent: every event of that extent in view, zoomed in.
    view = page.evaluate("""() => {
      const config = JSON.parse(document.getElementById('pb-config').textContent);
      const map = window[config.mapVar];
      const data = JSON.parse(document.getElementById('pb-data').textContent);
      const extent = L.latLngBounds(config.bounds);
      const points = data.lat.map((lat, i) => [lat, data.lon[i]]).filter((p) => p[0] !== null);
      return {zoom: map.getZoom(), inExtent: points.filter((p) => extent.contains(p)).length,
              inView: points.filter((p) => extent.contains(p) && map.getBounds().contains(p)).length};
    }""")
    assert view["inView"] == view["inExtent"] >= int(located.sum()) - 5, view  # 5: Geneva, Istanbul, Moscow ...
    assert view["zoom"] >= 7, view
    assert page.locator(".leaflet-tile-loaded, img.leaflet-tile").count() == 0  # no tiles: the offline basemap
    screenshot(page, "export-html-offline", full_page=False)
    assert page.blocked == []
    assert page.errors == []
