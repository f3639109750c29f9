"""Benchmark: what a filter change or a click sends to the browser, the points inline (before) or by reference.

For each size N (default 10,000 / 100,000 / 1,000,000 synthetic events, `bench_points.spread_events`) it
prints, for five steps of a session, the bytes the browser receives side by side:

- **inline** (before: `eventmap.mapping.points.point_payload`): the events layer carries the filtered events'
  typed columns, so every step sends them again (the component's arguments change as a whole);
- **by reference** (`eventmap.mapping.deltas`): the whole data's columns are one file, fetched once (counted
  in the first view), and the layer carries its URL and a small filter value.

Bytes are the component's ``feature_group`` argument as streamlit-folium builds it (`_get_feature_group_string`
of the events layer and, for the click, the highlight ring), plus the columns' and labels' files on the first
view; "points layer" is the events layer's JSON without the scene's parts (fit, place labels, legend), which
travel the same both ways. Steps:
(a) the first view, no filter; (b) a filter by side (three of the four sides: a quarter of the events
out); (c) a filter by a date range (half the days); (d) a
text filter ("number 1", a fifth of the events). A step that leaves 5,000 events or fewer draws clusters (the
same payload both ways); (e) a click that selects an event (the side filter kept).

Also: Python's seconds and peak memory (tracemalloc) to build each step's layer; in headless chromium (page and
columns served over HTTP on 127.0.0.1) the time from a filter change to the redrawn points (the new layer made
from the arguments, as streamlit-folium does: JSON parsed, columns decoded or taken from the cache, projected,
indexed, drawn), and the JS heap after the steps.

Usage: ``python bench/bench_filter_delta.py [--sizes 10000,100000,1000000] [--no-browser]``
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import folium
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_map import DAYS, SIDES, START, human_bytes, markdown
from bench_points import ARGS, CHROMIUM, spread_events
from streamlit_folium import _get_feature_group_string

from base.settings import Settings
from eventmap.filtering import Filters, apply_filters
from eventmap.mapping import build_event_layer, build_map
from eventmap.mapping.deltas import DataPoints, SharedView, data_points, positions_of, publish, publish_labels
from eventmap.mapping.layers import payloads_from_html, script_json
from eventmap.mapping.points import POINTS_FROM
from eventmap.scene import Lang, Scene, SceneView, build_scene
from eventmap.scene.build import scene_palette
from geo.naming import Naming

STEPS: dict[str, Filters] = {
    "a first view": Filters(),
    "b side": Filters(sides=SIDES[:3]),
    "c dates": Filters(date_from=START + timedelta(days=DAYS // 4), date_to=START + timedelta(days=3 * DAYS // 4)),
    "d text": Filters(text="number 1"),
    "e click": Filters(sides=SIDES[:3]),
}
# The component's new `feature_group` argument run as streamlit-folium runs it (the old groups removed, the
# script evaluated): ms until the new layer's points are drawn (JSON in a script parsed, columns decoded or
# taken from the cache, projected, indexed, drawn).
SWAP = """async (text) => { const t0 = performance.now(); const m = window.emMap; window.map_div = m;
  for (const g of window.feature_group || []) m.removeLayer(g);
  window.feature_group = []; (0, eval)(text); const group = window.feature_group[0];
  await new Promise((done) => { const wait = () => {
    if (group.emPoints && group.emPoints.drawCount > 0) done(); else requestAnimationFrame(wait); }; wait(); });
  return { ms: performance.now() - t0, drawn: group.emCols.lon.length }; }"""
FIND_MAP = "() => { window.emMap = Object.values(window).find((v) => v instanceof L.Map); return !!window.emMap; }"


def scene_of(shown: pd.DataFrame, frame: pd.DataFrame, filters: Filters) -> Scene:
    return build_scene(shown, full_frame=frame, filters=filters, view=SceneView(), lang=Lang.EN, naming=Naming.EN,
                       sides_config_path=Settings.from_env().sides_config_path)


def argument(groups: list[folium.FeatureGroup], frame: pd.DataFrame) -> str:
    """The component's `feature_group` argument for these groups, as streamlit-folium makes it."""
    m = build_map(frame.iloc[:0], naming=Naming.EN, with_events=False)
    return "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(groups))


def sent(groups: list[folium.FeatureGroup], frame: pd.DataFrame) -> int:
    """Bytes of the component's `feature_group` argument for these groups."""
    return len(argument(groups, frame).encode())


def layer_json(group: folium.FeatureGroup) -> dict[str, Any]:
    m = build_map(pd.DataFrame(columns=["side", "latitude", "longitude", "location", "event_type", "status"]),
                  naming=Naming.EN, with_events=False)
    group.add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    return payload


def exact(n: int) -> str:
    return f"{n:,} B" if n < 10_000 else human_bytes(n)


def points_bytes(group: folium.FeatureGroup) -> int:
    """Bytes of the events layer without the scene's parts (fit, place labels, legend: the same both ways)."""
    payload = dict(layer_json(group))
    payload.pop("scene", None)
    return len(script_json(payload).encode())


def highlight(shown: pd.DataFrame) -> folium.FeatureGroup:
    from ui.map_view import highlight_layer

    return highlight_layer(shown.iloc[len(shown) // 2].to_dict())


def measured(build: Callable[[], Any]) -> tuple[Any, float, int]:
    start = time.perf_counter()
    value = build()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    build()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return value, seconds, peak


class Server:
    """The folder served over HTTP on 127.0.0.1 (fetch() of file:// URLs is refused by chromium)."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def run(sizes: Sequence[int], *, browser_on: bool) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = Server(folder)
        playwright = browser = None
        if browser_on:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            frame = spread_events(n)
            palette = scene_palette(frame, sides_config_path=Settings.from_env().sides_config_path)
            data, data_s, data_peak = measured(lambda f=frame, p=palette: data_points(f, p))
            url = publish(data, folder=folder / "points", url_prefix="/points")
            labels_url = publish_labels(data, "en", folder=folder / "points", url_prefix="/points")
            assert url is not None
            assert labels_url is not None
            once = len(data.blob) + (folder / labels_url.lstrip("/")).stat().st_size
            page = None
            if browser is not None:
                base = build_map(frame.iloc[:0], naming=Naming.EN, with_events=False, asset_mode="inline",
                                 legend=False, labels=False)
                base.save(str(folder / "map.html"))
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(600_000)
                page.goto(f"{server.url}/map.html")
                page.wait_for_function(FIND_MAP)
            for step, filters in STEPS.items():
                shown = apply_filters(frame, filters)
                scene = scene_of(shown, frame, filters)
                extra = [highlight(shown)] if step.startswith("e") else []
                before, before_s, before_peak = measured(
                    lambda s=shown, sc=scene: build_event_layer(s, naming=Naming.EN, scene=sc))

                def by_reference(s: pd.DataFrame = shown, sc: Scene = scene, d: DataPoints = data,
                                 u: str = url, labels: str = labels_url) -> folium.FeatureGroup:
                    positions = positions_of(d, s, sc.marks)
                    assert positions is not None
                    return build_event_layer(s, naming=Naming.EN, scene=sc,
                                             shared=SharedView(data=d, url=u, positions=positions, labels_url=labels))

                after, after_s, after_peak = measured(by_reference)
                before_bytes = sent([before, *extra], frame)
                after_bytes = sent([after, *extra], frame) + (once if step.startswith("a") else 0)
                row = {"events": f"{n:,}", "step": step[2:], "shown": f"{len(scene.marks):,}",
                       "sent inline": exact(before_bytes), "sent by reference": exact(after_bytes),
                       "points layer (inline / by ref.)":
                           f"{exact(points_bytes(before))} / {exact(points_bytes(after))}",
                       "Python inline": f"{before_s:.2f} s, peak {human_bytes(before_peak)}",
                       "Python by reference": f"{after_s:.2f} s, peak {human_bytes(after_peak)}"}
                if step.startswith("a"):
                    row["Python by reference"] += f" (+ columns once: {data_s:.2f} s, peak {human_bytes(data_peak)})"
                if len(scene.marks) <= POINTS_FROM:
                    row["browser redraw inline"] = row["browser redraw by ref."] = "clusters (the same both ways)"
                elif page is not None and not step.startswith("e"):
                    times = []
                    for group in (before, after):
                        swapped = page.evaluate(SWAP, argument([group], frame))
                        assert swapped["drawn"] == len(scene.marks), (swapped, len(scene.marks))
                        times.append(swapped["ms"])
                    row["browser redraw inline"] = f"{times[0] / 1000:.2f} s"
                    row["browser redraw by ref."] = f"{times[1] / 1000:.2f} s"
                else:
                    row["browser redraw inline"] = row["browser redraw by ref."] = ""
                row["JS heap after"] = ""
                rows.append(row)
                print(f"done: {row}", file=sys.stderr, flush=True)
            if page is not None:
                heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
                rows[-1]["JS heap after"] = human_bytes(heap)
                page.close()
        if browser is not None and playwright is not None:
            browser.close()
            playwright.stop()
        server.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:,.0f} MB; load average at the end: {os.getloadavg()}", file=sys.stderr)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="numbers of events (default: %(default)s)")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium figures")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"load average at the start: {os.getloadavg()}", file=sys.stderr)
    print(markdown(run(sizes, browser_on=not args.no_browser)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
