"""Benchmark: every event as a WebGL point, beside the JSON-per-event layer and the naive folium way.

For each size N (default 10,000 / 100,000 / 1,000,000 synthetic events at distinct points, as
`bench_map.synthetic_events` with the points spread around their places) it prints, side by side:

- **points** (this project's way above 5,000 events, `eventmap.mapping.points`): seconds to build the scene's
  marks and the payload, the payload's bytes, Python's peak memory while building it; in headless chromium
  (standalone page, no network): the first paint (ms after the page began loading until the points are on
  the canvas), the JS heap, frames per second while panning and while zooming (a pan moves the panes, a zoom scales
  the canvas drawn with a CSS transform; counted with requestAnimationFrame over 3 s), the time from a
  zoom's end until every point in view is redrawn, and the time from a click on a point to its summary;
- **JSON per event** (`eventmap.mapping.layers`, clustered markers; grid squares past 100,000 events, where no
  event can be clicked): payload bytes and first paint (markers or squares shown);
- **naive** (one `folium.Marker` with a popup per event): build+render and page bytes measured up to
  `--naive-max` events and estimated linearly above (its first paint in chromium, 32-40 s at 10,000 events, is
  measured in the notes on map libraries: its page needs Leaflet from a CDN).

Usage: ``python bench/bench_points.py [--sizes 10000,100000,1000000] [--naive-max 2000] [--no-browser]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_map import human_bytes, markdown, naive_way, synthetic_events

from base.settings import Settings
from eventmap.filtering import Filters
from eventmap.mapping import build_event_layer, build_map
from eventmap.mapping.layers import event_payload, script_json
from eventmap.mapping.points import payload_bytes, point_payload
from eventmap.scene import Lang, Scene, SceneView, build_scene
from geo.naming import Naming

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DRAWN = "() => { const g = window.EventMap && EventMap.layers[0]; return !!(g && g.emPoints && g.emPoints.drawCount); }"
SHOWN = ("() => window.EventMap && EventMap.layers.length > 0 && !!(document.querySelector("
         "'.marker-cluster, .em-marker, .leaflet-marker-icon')"
         " || document.querySelector('.leaflet-overlay-pane canvas'))")
# Frames per second over 3 s, counted with requestAnimationFrame: "pan" moves the map as a drag does (the
# panes follow, no redraw until the drag ends); "zoom" zooms in and out with Leaflet's animation every 300 ms
# (the canvas drawn is scaled by a CSS transform during each animation, the points are redrawn in chunks after
# it: a new zoom stops the chunks left); "redraw" redraws every point on every frame (the worst case).
FPS = """async (kind) => { const layer = EventMap.layers[0].emPoints; const m = window.emMap; const z = m.getZoom();
  let frames = 0; let zooms = 0; const t0 = performance.now();
  await new Promise((done) => { const step = () => {
    const t = performance.now() - t0;
    if (kind === "pan") { m._rawPanBy(L.point(frames % 60 < 30 ? 6 : -6, 2)); m.fire("move"); }
    else if (kind === "zoom" && t > 300 * (zooms + 1)) { zooms++; m.setZoom(zooms % 2 ? z + 1 : z); }
    else if (kind === "redraw") layer._draw(window.devicePixelRatio || 1, true);
    frames++; if (t < 3000) requestAnimationFrame(step); else done(); };
    requestAnimationFrame(step); });
  if (kind === "pan") m.fire("moveend");
  m.setZoom(z, { animate: false }); return frames / ((performance.now() - t0) / 1000); }"""
# One animated zoom in and out: ms from each zoom's end until every point in view is redrawn (the chunks).
REDRAWN = """async () => { const layer = EventMap.layers[0].emPoints; const m = window.emMap; const z = m.getZoom();
  const times = [];
  for (const to of [z + 1, z]) { await new Promise((done) => { m.once("zoomend", () => {
      const t0 = performance.now(); const wait = () => { if (layer.drawing) requestAnimationFrame(wait);
        else { times.push(performance.now() - t0); done(); } }; requestAnimationFrame(wait); });
    m.setZoom(to); }); }
  return times; }"""
PICKABLE = """() => { const layer = EventMap.layers[0].emPoints; const m = layer._map; const c = layer.emCols;
  for (let i = Math.floor(c.lon.length / 2); i < c.lon.length; i++) {
    const p = m.latLngToContainerPoint([c.lat[i], c.lon[i]]);
    if (p.x > 100 && p.y > 100 && p.x < 900 && p.y < 700 && layer.pointAt(p) === i) return { x: p.x, y: p.y, i }; }
  return null; }"""


def spread_events(n: int) -> pd.DataFrame:
    frame = synthetic_events(n)
    rng = np.random.default_rng(7)
    return frame.assign(latitude=(frame["latitude"] + rng.normal(0, 0.03, n)).round(5),
                        longitude=(frame["longitude"] + rng.normal(0, 0.03, n)).round(5))


def scene_of(frame: pd.DataFrame) -> Scene:
    return build_scene(frame, full_frame=frame, filters=Filters(), view=SceneView(), lang=Lang.EN, naming=Naming.EN,
                       sides_config_path=Settings.from_env().sides_config_path)


def standalone(frame: pd.DataFrame, scene: Scene, folder: Path, name: str, **layer: Any) -> Path:
    m = build_map(frame, naming=Naming.EN, with_events=False, scene=scene, asset_mode="inline", legend=False)
    build_event_layer(frame, naming=Naming.EN, scene=scene, **layer).add_to(m)
    path = folder / f"{name}.html"
    m.save(str(path))
    return path


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.set_default_timeout(600_000)
    page.goto(path.as_uri())
    return page


def points_in_browser(browser, path: Path) -> dict[str, str]:
    page = open_page(browser, path)
    page.wait_for_function(DRAWN, polling=20)
    first = page.evaluate("() => EventMap.layers[0].emPoints.firstDrawAt")
    heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
    page.evaluate("() => { window.emMap = EventMap.layers[0].emPoints._map; }")
    pan = page.evaluate(FPS, "pan")
    zoom = page.evaluate(FPS, "zoom")
    redraw = page.evaluate(FPS, "redraw")
    page.wait_for_function("() => !EventMap.layers[0].emPoints.drawing", polling=20)
    redrawn = page.evaluate(REDRAWN)
    page.wait_for_function("() => !EventMap.layers[0].emPoints.drawing", polling=20)  # the last redraw is done
    target = page.evaluate(PICKABLE)
    start = time.perf_counter()
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector(".em-point-summary")
    click_ms = (time.perf_counter() - start) * 1000
    page.evaluate("() => { const g = EventMap.layers[0]; g.removeLayer(g.emPoints); }")  # the map alone
    pan_alone, zoom_alone = page.evaluate(FPS, "pan"), page.evaluate(FPS, "zoom")
    page.close()
    return {"points first paint": f"{first / 1000:.2f} s", "JS heap": human_bytes(heap),
            "pan fps (map alone)": f"{pan:.0f} ({pan_alone:.0f})",
            "zoom fps (map alone)": f"{zoom:.0f} ({zoom_alone:.0f})",
            "redraw every frame": f"{redraw:.0f} fps",
            "zoom end → redrawn (in, out)": " / ".join(f"{ms / 1000:.2f} s" for ms in redrawn),
            "click→summary": f"{click_ms:.0f} ms"}


def shown_seconds(browser, path: Path) -> float:
    page = open_page(browser, path)
    page.wait_for_function(SHOWN, polling=50)
    seconds = page.evaluate("() => performance.now()") / 1000
    page.close()
    return seconds


def run(sizes: Sequence[int], *, naive_max: int, browser_on: bool) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    naive: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chromium_context = None
        browser = None
        if browser_on:
            from playwright.sync_api import sync_playwright

            chromium_context = sync_playwright().start()
            browser = chromium_context.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            frame = spread_events(n)
            start = time.perf_counter()
            scene = scene_of(frame)
            scene_s = time.perf_counter() - start
            start = time.perf_counter()
            payload = point_payload(scene.marks, scene.palette, lang="en", total=n)
            build_s = time.perf_counter() - start
            tracemalloc.start()  # again, for the memory only (tracing slows the build down)
            point_payload(scene.marks, scene.palette, lang="en", total=n)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            json_payload = event_payload(frame, naming=Naming.EN, lang="en", colours=scene.palette.as_dict())
            row = {
                "events": f"{n:,}",
                "scene": f"{scene_s:.2f} s",
                "points payload": f"{human_bytes(payload_bytes(payload))} ({build_s:.2f} s, peak {human_bytes(peak)})",
                "JSON payload": f"{human_bytes(len(script_json(json_payload).encode()))} ({json_payload['mode']})",
            }
            if n <= naive_max or not naive:
                measured = n if n <= naive_max else naive_max
                start = time.perf_counter()
                naive_page = naive_way(frame.iloc[:measured])
                naive["s"] = (time.perf_counter() - start) / measured
                naive["bytes"] = len(naive_page.encode()) / measured
            est = "" if n <= naive_max else "est. "
            row["naive build+render"] = f"{est}{naive['s'] * n:,.1f} s"
            row["naive page"] = f"{est}{human_bytes(int(naive['bytes'] * n))}"
            if browser is not None:
                row.update(points_in_browser(browser, standalone(frame, scene, folder, "points")))
                if json_payload["mode"] == "points":
                    json_path = standalone(frame, scene, folder, "json", points_from=10**9)
                    row["JSON first paint"] = f"{shown_seconds(browser, json_path):.2f} s"
                else:
                    row["JSON first paint"] = "grid squares only"
            rows.append(row)
            print(f"done: {row}", file=sys.stderr, flush=True)
        if browser is not None and chromium_context is not None:
            browser.close()
            chromium_context.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:,.0f} MB", file=sys.stderr)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="numbers of events (default: %(default)s)")
    parser.add_argument("--naive-max", type=int, default=2_000, help="largest N built the naive way")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium figures")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(markdown(run(sizes, naive_max=args.naive_max, browser_on=not args.no_browser)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
