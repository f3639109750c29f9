"""Benchmark: the dashboard beside the naive tutorial way on one 10,000-event file, in one run.

The naive way is the one a tutorial teaches: `pandas.read_csv` (cached with `st.cache_data`), one
`folium.Marker` with a popup per event on a `folium.Map`, shown with `streamlit_folium.st_folium`, and a
sidebar multiselect of sides that filters the table and rebuilds the markers. The bench writes that script
into a temporary folder; ours is the real `app.py`. Both read the same synthetic ACLED-like file in the
project's schema (`synthetic_events.write_csv`: places with coordinates, one row in 997 with a broken
latitude, which the naive script drops and the app lists as a problem).

Measured, each `--repeat` times (ours and the naive way one after the other, so both see the same load):

- with `streamlit.testing.v1.AppTest`, in a fresh Python process each time: the first run of the page
  (cold: a new process, ours with an empty state folder, so no Parquet cache), a second session's first run
  in the same process (warm), a filter change in that session (half of the sides picked in the sidebar), the
  bytes of the map component's arguments and of every element of the page, the process's peak memory;
- with `streamlit run` on 127.0.0.1 and headless Debian chromium (1280×800; requests to any other host are
  blocked, except that the naive page's CDN files are answered from local copies, as from a warm browser
  cache, so that it can draw at all): seconds from opening the page until every point of ours is drawn on its
  canvas, or every naive marker is in the map; for the server's first visitor (cold) and a second one (warm);
  the bytes the server sent over the WebSocket to the first visitor; the server process's peak memory.

It prints a table: min and median of each figure and the ratio naive/ours of the medians, with the 2-core
machine's load average (other work may share it) seen during the measurements.

Usage: ``python bench/bench_naive_10k.py [--events 10000] [--repeat 3] [--no-browser]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "bench"))

from bench_map import human_bytes, markdown  # noqa: E402 (after the path above)
from load_class import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, rss_mb, start_server  # noqa: E402
from synthetic_events import SIDES, write_csv  # noqa: E402

TARGET = 50.0
TIMEOUT_S = 900
PICKED_SIDES = sorted(SIDES)[: len(SIDES) // 2]  # the filter change: half of the sides
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Ours: the WebGL layer has drawn its `n` points (above 5,000 events), or the clusters are shown (below).
OURS_DRAWN = ("(n) => { const g = window.EventMap && EventMap.layers[0]; if (!g) return false;"
              " if (g.emPoints) return g.emPoints.drawCount > 0 && g.emCols.lon.length === n;"
              " return !!document.querySelector('.marker-cluster, .em-marker'); }")
# Naive: every marker is in the map.
NAIVE_DRAWN = "(n) => document.querySelectorAll('.leaflet-marker-icon').length >= n"
# The naive page's CDN files answered from the project's copies (a warm browser cache); the rest of what folium
# asks for (bootstrap, awesome-markers, fonts) is not used by plain markers and answered empty.
LOCAL_COPIES = {"leaflet.js": "static/leaflet/leaflet.js", "leaflet.css": "static/leaflet/leaflet.css",
                "jquery-3.7.1.min.js": "static/jquery/jquery.min.js",
                **{name: f"static/leaflet/images/{name}" for name in
                   ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png")}}
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}

NAIVE_SCRIPT = '''"""The naive way: every event a folium.Marker with a popup, shown through st_folium."""
import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

DATA = {data!r}


@st.cache_data
def load() -> pd.DataFrame:
    frame = pd.read_csv(DATA)
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    return frame.dropna(subset=["latitude", "longitude"])


events = load()
sides = st.sidebar.multiselect("Side", sorted(events["side"].unique()), key="side")
shown = events[events["side"].isin(sides)] if sides else events
st.title("Conflict events")
st.write(f"{{len(shown):,}} events")
m = folium.Map(location=[shown["latitude"].mean(), shown["longitude"].mean()], zoom_start=7)
for row in shown.itertuples():
    folium.Marker([row.latitude, row.longitude],
                  popup=f"{{row.date}} {{row.location}}: {{row.side}}. {{row.description}} {{row.sources}}").add_to(m)
st_folium(m, width=1200, height=600)
'''


class Way(Enum):
    OURS = "ours"
    NAIVE = "naive"


@dataclass(frozen=True)
class Setup:
    """The file both ways read and the script each runs."""

    data: Path
    naive_script: Path

    def script(self, way: Way) -> Path:
        return PROJECT_ROOT / "app.py" if way is Way.OURS else self.naive_script

    @classmethod
    def make(cls, folder: Path, *, events: int) -> Setup:
        data = write_csv(folder / f"events_{events}.csv", events)
        naive = folder / "naive_app.py"
        naive.write_text(NAIVE_SCRIPT.format(data=str(data)), encoding="utf-8")
        return cls(data=data, naive_script=naive)


@dataclass
class Samples:
    """Every measurement of one figure, and the load average seen while it was taken."""

    values: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)
        self.loads.append(os.getloadavg()[0])

    @property
    def median(self) -> float:
        return statistics.median(self.values)


# ---- AppTest, in a fresh process ------------------------------------------------------------------------------


def map_component(at) -> dict:
    """The arguments of the page's one map component."""
    [found] = [el for el in at.main if el.type == "component_instance"]
    return json.loads(found.proto.json_args)


def page_bytes(node) -> int:
    """Bytes of every element under `node`, as serialised for the browser."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        return sum(page_bytes(child) for child in children.values())
    proto = getattr(node, "proto", None)
    return proto.ByteSize() if proto is not None else 0


def drawn_count(args: dict, way: Way) -> int:
    """Events on the map: in ours' layer payloads, or markers in the naive map's script."""
    if way is Way.NAIVE:
        return str(args.get("script") or "").count("L.marker(")
    from eventmap.mapping import drawn_event_count, payloads_from_html

    return sum(drawn_event_count(p) for p in payloads_from_html(str(args.get("feature_group") or "")))


def apptest_figures(script: Path, way: Way) -> dict[str, float]:
    """In this process: a cold first run, a second session's first run, a filter change in it."""
    from streamlit.testing.v1 import AppTest

    def checked(at) -> None:
        if at.exception:
            raise RuntimeError(f"{way.value}: {[e.message for e in at.exception]}")

    start = time.perf_counter()
    first = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    first.run()
    cold = time.perf_counter() - start
    checked(first)
    args = map_component(first)
    second = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    start = time.perf_counter()
    second.run()
    warm = time.perf_counter() - start
    checked(second)
    second.multiselect(key="f_sides" if way is Way.OURS else "side").set_value(PICKED_SIDES)
    start = time.perf_counter()
    second.run()
    change = time.perf_counter() - start
    checked(second)
    changed = map_component(second)
    return {"cold": cold, "warm": warm, "change": change, "map bytes": len(json.dumps(args).encode()),
            "page bytes": page_bytes(first._tree), "drawn": drawn_count(args, way),
            "drawn after change": drawn_count(changed, way),
            "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child_env(data: Path, state_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTMAP_")}
    env.update({"EVENTMAP_DATA": str(data), "EVENTMAP_STATE_DIR": str(state_dir),
                "EVENTMAP_OVERRIDES": str(state_dir / "overrides.csv"),
                "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONPATH": str(PROJECT_ROOT)})
    return env


def apptest_in_fresh_process(setup: Setup, way: Way) -> dict[str, float]:
    """`apptest_figures` in a new Python process with an empty state folder."""
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as state:
        done = subprocess.run(
            [sys.executable, __file__, "--child", way.value, "--script", str(setup.script(way))],
            cwd=PROJECT_ROOT, env=child_env(setup.data, Path(state)), capture_output=True, text=True,
            timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{way.value}: the AppTest process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- streamlit run and chromium -------------------------------------------------------------------------------


@dataclass
class Requests:
    """What the browser asked of hosts other than 127.0.0.1: answered from a local copy, or blocked."""

    copied: set[str] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)

    def handle(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or (parts.hostname or "") in LOCAL_HOSTS:
            route.continue_()
            return
        name = parts.path.rsplit("/", 1)[-1]
        suffix = Path(name).suffix
        if name in LOCAL_COPIES:
            self.copied.add(url)
            route.fulfill(status=200, body=(PROJECT_ROOT / LOCAL_COPIES[name]).read_bytes(),
                          content_type=CONTENT_TYPES[suffix])
        elif suffix in {".js", ".css"} and parts.hostname != "tile.openstreetmap.org":
            self.copied.add(url)
            route.fulfill(status=200, body=b"", content_type=CONTENT_TYPES[suffix])
        else:
            self.blocked.add(url)
            route.abort()


def wait_in_frame(frame, script: str, arg: int, *, timeout_s: float) -> None:
    """Until `script(arg)` is true in `frame`, across the frame's own loads."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):  # the frame's document may be replaced while it loads
            frame.wait_for_function(script, arg=arg, polling=50, timeout=max(1.0, deadline - time.monotonic()) * 1000)
            return
        time.sleep(0.05)
    raise TimeoutError(f"not drawn in {timeout_s:.0f} s: {script}")


def visit(browser, base_url: str, *, drawn: str, expected: int, requests: Requests) -> tuple[float, int]:
    """Seconds from opening the page until the map shows `expected` events, and WebSocket bytes received."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB", timezone_id="UTC")
    received = [0]

    def count(websocket) -> None:
        websocket.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    try:
        context.route("**/*", requests.handle)
        page = context.new_page()
        page.on("websocket", count)
        start = time.perf_counter()
        page.goto(base_url + "/", timeout=TIMEOUT_S * 1000)
        frame = page.wait_for_selector(MAP_FRAME, state="attached", timeout=TIMEOUT_S * 1000).content_frame()
        wait_in_frame(frame, drawn, expected, timeout_s=TIMEOUT_S)
        return time.perf_counter() - start, received[0]
    finally:
        context.close()


def browser_figures(setup: Setup, way: Way, *, expected: int, requests: Requests) -> dict[str, float]:
    """A fresh `streamlit run` of the way's script: its first visitor, a second one, its peak memory."""
    from playwright.sync_api import sync_playwright

    drawn = OURS_DRAWN if way is Way.OURS else NAIVE_DRAWN
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as state:
        server = start_server(data=setup.data, state_dir=Path(state), script=str(setup.script(way)),
                              count_calls=False)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    cold, sent = visit(browser, server.base_url, drawn=drawn, expected=expected, requests=requests)
                    warm, _ = visit(browser, server.base_url, drawn=drawn, expected=expected, requests=requests)
                finally:
                    browser.close()
            peak = rss_mb(server.process.pid, peak=True)
        finally:
            server.stop()
    return {"browser cold": cold, "browser warm": warm, "websocket bytes": sent, "server peak MB": peak}


# ---- the run and the table ------------------------------------------------------------------------------------

SECONDS, BYTES, MEGABYTES = "s", "bytes", "MB"
ROWS = (
    ("first page run, cold: new process (AppTest)", "cold", SECONDS),
    ("first page run, warm: a second session (AppTest)", "warm", SECONDS),
    (f"filter change: {len(PICKED_SIDES)} of {len(SIDES)} sides (AppTest)", "change", SECONDS),
    ("map component's payload", "map bytes", BYTES),
    ("every element of the page (AppTest)", "page bytes", BYTES),
    ("peak memory of the AppTest process", "peak MB", MEGABYTES),
    ("chromium: map drawn, first visitor of a new server", "browser cold", SECONDS),
    ("chromium: map drawn, second visitor", "browser warm", SECONDS),
    ("sent over the WebSocket to the first visitor", "websocket bytes", BYTES),
    ("peak memory of the `streamlit run` server", "server peak MB", MEGABYTES),
)


def shown(value: float, unit: str) -> str:
    if unit == BYTES:
        return human_bytes(int(value))
    return f"{value:,.0f} MB" if unit == MEGABYTES else f"{value:.2f} s"


def table(figures: dict[Way, dict[str, Samples]], *, events: int) -> list[dict[str, str]]:
    """One row per figure measured both ways: min / median of each, the ratio naive/ours, the verdict."""
    rows = []
    for label, key, unit in ROWS:
        ours, naive = figures[Way.OURS].get(key), figures[Way.NAIVE].get(key)
        if not ours or not naive or not ours.values or not naive.values:
            continue
        ratio = naive.median / ours.median if ours.median else float("inf")
        verdict = f"meets ≥ {TARGET:.0f}×" if ratio >= TARGET else f"under {TARGET:.0f}×"
        loads = ours.loads + naive.loads
        rows.append({
            f"{events:,} events": label,
            "ours (min / median)": f"{shown(min(ours.values), unit)} / {shown(ours.median, unit)}",
            "naive (min / median)": f"{shown(min(naive.values), unit)} / {shown(naive.median, unit)}",
            "naive / ours": f"{ratio:.1f}×",
            "target": verdict,
            "load average": f"{min(loads):.1f}–{max(loads):.1f}",
        })
    return rows


def record(into: dict[str, Samples], values: dict[str, float]) -> None:
    for key, value in values.items():
        into.setdefault(key, Samples()).add(value)


def run(setup: Setup, *, repeat: int, browser: bool,
        progress: Callable[[str], None] = lambda text: None) -> dict[Way, dict[str, Samples]]:
    """Every figure of both ways, `repeat` times, ours then naive in each round."""
    figures: dict[Way, dict[str, Samples]] = {Way.OURS: {}, Way.NAIVE: {}}
    requests = {way: Requests() for way in Way}
    for round_number in range(1, repeat + 1):
        for way in Way:
            values = apptest_in_fresh_process(setup, way)
            record(figures[way], values)
            progress(f"round {round_number}, {way.value}, AppTest: {values}")
        if browser:
            for way in Way:
                expected = int(figures[way]["drawn"].values[0])
                values = browser_figures(setup, way, expected=expected, requests=requests[way])
                record(figures[way], values)
                progress(f"round {round_number}, {way.value}, chromium: {values}")
    for way in Way:
        progress(f"{way.value}: requests to other hosts answered from local copies: {len(requests[way].copied)}, "
                 f"blocked: {len(requests[way].blocked)}")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events in the file (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements of each figure (default: %(default)s)")
    parser.add_argument("--no-browser", action="store_true", help="skip `streamlit run` and chromium")
    parser.add_argument("--child", choices=[w.value for w in Way], help=argparse.SUPPRESS)
    parser.add_argument("--script", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one AppTest process of `apptest_in_fresh_process`
        print(json.dumps(apptest_figures(args.script, Way(args.child))))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as folder:
        setup = Setup.make(Path(folder), events=args.events)
        figures = run(setup, repeat=args.repeat, browser=not args.no_browser,
                      progress=lambda text: print(text, file=sys.stderr, flush=True))
    drawn = {way: figures[way]["drawn"].values[0] for way in Way}
    after = {way: figures[way]["drawn after change"].values[0] for way in Way}
    print(f"{args.events:,} events in the file; on the map: ours {drawn[Way.OURS]:,.0f} "
          f"({after[Way.OURS]:,.0f} after the filter change), naive {drawn[Way.NAIVE]:,.0f} "
          f"({after[Way.NAIVE]:,.0f}); {args.repeat} measurements of each figure; "
          f"load average now {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    print(markdown(table(figures, events=args.events)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
