"""The dashboard on a large file, as an analyst uses it, in headless chromium: the first map, a side filter,
a date filter, and a click on a point that shows the event's card with its sources.

    python bench/bench_dashboard_browser.py [--events 1000000] [--screenshots DIR]

One synthetic ACLED-like file in the project's schema (`synthetic_events.write_csv`), one `streamlit run` on
127.0.0.1 with a fresh state folder; every request to another host is blocked. Each step is timed from the
user's action until the map has drawn the events it should (`EventMap.layers[0]`'s points), with the server's
resident memory after it. The first visitor of the new server pays for loading and validating the file; the
second starts on the loaded data (the cache of the process) and fetches the points' columns once more.
The load average is printed beside the figures: other work on the 2 cores slows every step.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "bench"))

from bench_map import markdown  # noqa: E402 (after the path above)
from load_class import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, rss_mb, start_server  # noqa: E402
from synthetic_events import write_csv  # noqa: E402

TIMEOUT_S = 600
MIN_EVENTS = 250_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The points drawn, and how many (the events shown that have a place).
DRAWN = ("() => { const g = window.EventMap && EventMap.layers[0];"
         " return g && g.emPoints && g.emPoints.drawCount > 0 ? g.emCols.lon.length : -1; }")
# A point near the middle of the map that a click there picks: its place on the map and its index.
PICKABLE = """(margin) => { const layer = EventMap.layers[0].emPoints; const m = layer._map;
  const c = layer.emCols; const size = m.getSize();
  for (let i = 0; i < c.lon.length; i += 97) { const p = m.latLngToContainerPoint([c.lat[i], c.lon[i]]);
    if (p.x > margin && p.y > margin && p.x < size.x - margin - 300 && p.y < size.y - margin && layer.pointAt(p) === i)
      return { x: p.x, y: p.y, i }; }
  return null; }"""


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def drawn_when(page, ready, *, timeout_s: float = TIMEOUT_S) -> tuple[float, int]:
    """Seconds until the map's points are drawn and `ready(count)` holds; the count."""
    started = time.monotonic()
    deadline = started + timeout_s
    while time.monotonic() < deadline:
        frame = page.query_selector(MAP_FRAME)
        count = -1
        if frame is not None and frame.content_frame() is not None:
            try:
                count = frame.content_frame().evaluate(DRAWN)
            except Exception:  # the frame's document is being replaced
                count = -1
        if count >= 0 and ready(count):
            return time.monotonic() - started, count
        time.sleep(0.05)
    raise TimeoutError(f"the map was not drawn within {timeout_s:.0f} s")


def headline(page) -> str:
    return page.get_by_text("events shown").first.inner_text()


def session(browser, url: str, *, shots: Path | None, steps: bool) -> list[tuple[str, float, str]]:
    """One visitor: (step, seconds, what the page said) for each step."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(TIMEOUT_S * 1000)
    blocked: list[str] = []

    def route(r) -> None:
        host = r.request.url.split("/")[2].split(":")[0] if "://" in r.request.url else ""
        if r.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    rows: list[tuple[str, float, str]] = []
    started = time.monotonic()
    page.goto(url)
    _, count = drawn_when(page, lambda n: n > 0)
    rows.append(("first map drawn", time.monotonic() - started, f"{count:,} points; {headline(page)}"))
    if shots:
        page.screenshot(path=str(shots / "first.png"))
    if steps:
        frame_handle = page.wait_for_selector(MAP_FRAME, state="attached")
        box = frame_handle.bounding_box()
        target = frame_handle.content_frame().evaluate(PICKABLE, 60)
        started = time.monotonic()
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        card = page.locator(".em-card")
        card.wait_for()
        text = card.inner_text()
        rows.append(("click on a point → its card", time.monotonic() - started,
                     "sources shown" if "Sources" in text and "https://" in text else "NO SOURCES"))
        if shots:
            card.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / "card.png"))
            page.evaluate("() => window.scrollTo(0, 0)")
        sides = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Side")
        sides.locator("input").click()
        page.keyboard.type("Side B")
        started = time.monotonic()
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        _, after_side = drawn_when(page, lambda n: 0 < n < count)
        rows.append(("side filter → redrawn", time.monotonic() - started, f"{after_side:,} points; {headline(page)}"))
        slider = page.get_by_test_id("stSidebar").get_by_role("slider").first
        thumb = slider.bounding_box()
        track = page.get_by_test_id("stSidebar").get_by_test_id("stSlider").first.bounding_box()
        page.mouse.move(thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2)
        page.mouse.down()
        page.mouse.move(track["x"] + track["width"] * 0.6, thumb["y"] + thumb["height"] / 2, steps=8)
        started = time.monotonic()
        page.mouse.up()
        _, after_date = drawn_when(page, lambda n: 0 < n < after_side)
        rows.append(("date filter → redrawn", time.monotonic() - started, f"{after_date:,} points; {headline(page)}"))
        if shots:
            page.screenshot(path=str(shots / "filtered.png"))
    rows.append(("requests to other hosts", float(len(blocked)), "blocked"))
    page.close()
    return rows


def run(events: int, *, shots: Path | None) -> list[dict[str, str]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder:
        data = write_csv(Path(folder) / "events.csv", events)
        state = Path(folder) / "state"
        state.mkdir()
        server = start_server(data=data, state_dir=state, timeout_s=120, count_calls=False)
        table: list[dict[str, str]] = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for visitor, steps in (("first visitor", True), ("second visitor", False)):
                    for step, seconds, said in session(browser, server.base_url, shots=shots if steps else None,
                                                       steps=steps):
                        shown = f"{seconds:.0f}" if step.startswith("requests") else f"{seconds:.2f} s"
                        table.append({"visitor": visitor, "step": step, "figure": shown, "page says": said,
                                      "server RSS": f"{rss_mb(server.process.pid):,.0f} MB",
                                      "load average": load_average()})
                browser.close()
            peak = rss_mb(server.process.pid, peak=True)
            table.append({"visitor": "server", "step": "peak RSS", "figure": f"{peak:,.0f} MB", "page says": "",
                          "server RSS": "", "load average": load_average()})
        finally:
            server.stop()
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--screenshots", type=Path, default=None, help="a folder for the screenshots")
    args = parser.parse_args(argv)
    if args.events < MIN_EVENTS:
        parser.error(f"--events {args.events:,}: at least {MIN_EVENTS:,}, so that one side of 40 (the filter) "
                     "still has more than 5,000 events, drawn as points")
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    print(f"{args.events:,} events, load average {load_average()} at the start")
    print(markdown(run(args.events, shots=args.screenshots)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
