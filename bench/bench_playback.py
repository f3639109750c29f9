"""Benchmark: the presentation document (timeline playback) for the bundled war and for larger synthetic sets.

For each size (the 89 bundled events, then the war repeated with jitter to 1,000 / 10,000 / 50,000 events):
- Python: median seconds to build the inline document, and its size;
- chromium (1920×1080, no network): seconds until the page is ready, then milliseconds per day step
  (→ key) in "everything so far" mode near the end of the war, when nearly every event is drawn, and in
  "only this day" mode. Steps are measured in the page (`performance.now()` around the key handler),
  so they do not include the screenshot machinery.

Usage: ``python bench/bench_playback.py [--sizes 89,1000,10000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from eventmap.loading import load_events  # noqa: E402
from eventmap.playback import build_playback_document  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
STEP_JS = """async (mode) => {
  document.getElementById('pb-mode').value = mode;
  document.getElementById('pb-mode').dispatchEvent(new Event('change'));
  const times = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', {key: i % 2 ? 'ArrowLeft' : 'ArrowRight'}));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[5];
}"""


def synthetic(events: pd.DataFrame, size: int, seed: int = 1) -> pd.DataFrame:
    if size <= len(events):
        return events.head(size)
    rng = np.random.default_rng(seed)
    picked = events.sample(size, replace=True, random_state=seed).reset_index(drop=True)
    picked["latitude"] = picked["latitude"] + rng.normal(0, 0.08, size)
    picked["longitude"] = picked["longitude"] + rng.normal(0, 0.08, size)
    picked["event_id"] = [f"S{i:06d}" for i in range(size)]
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="89,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    events = load_events(ROOT / "events.csv").events
    from playwright.sync_api import sync_playwright

    print(f"{'events':>8} {'build s':>8} {'MB':>6} {'ready s':>8} {'step cumulative ms':>19} {'step day ms':>12}")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in (int(s) for s in options.sizes.split(",")):
            frame = synthetic(events, size)
            times, page_html = [], ""
            for _ in range(options.repeat):
                start = time.perf_counter()
                page_html = build_playback_document(frame, naming="en", asset_mode="inline",
                                                    initial_date=date(2020, 11, 5))
                times.append(time.perf_counter() - start)
            path = Path(folder) / f"playback-{size}.html"
            path.write_text(page_html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("#pb-root[data-ready='true']", state="attached", timeout=300_000)
            ready = time.perf_counter() - start
            cumulative = page.evaluate(STEP_JS, "cumulative")
            day = page.evaluate(STEP_JS, "day")
            page.close()
            print(f"{size:>8} {statistics.median(times):>8.2f} {len(page_html.encode()) / 1e6:>6.2f} {ready:>8.2f}"
                  f" {cumulative:>19.1f} {day:>12.1f}")
        browser.close()


if __name__ == "__main__":
    main()
