"""Benchmark: the map at 1,000 to 1,000,000 events, this project's way next to the naive way.

For each size N it generates N synthetic events (4 sides, every event type and status, 45 days,
events spread over N/50 places in the Caucasus, between 50 and 20,000 places, with descriptions and
two sources each) and measures, in one run:

- **build+render**: `build_map(...)` and rendering the page's HTML (served assets, as in the app);
- **payload**: bytes of that HTML, and of the event layer alone (what a filter change sends);
- **filter change**: `apply_filters` (a date range and one side), `build_scene` (what every picture shows:
  colours, extent, labels, legend) and `build_event_layer` on the result: the server's work when a user
  moves the date slider;
- **naive**: one `folium.Marker` with an escaped popup per event, built and rendered; measured up to
  `--naive-max` events and estimated linearly above ("skipped (est. X s)");
- with `--browser`: seconds until the first markers show in headless chromium (inline HTML, no network).

Usage: ``python bench/bench_map.py [--sizes 1000,10000,100000,1000000] [--naive-max 10000] [--browser]``
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium

from eventmap.mapping import build_event_layer, build_map
from eventmap.mapping.layers import payloads_from_html, script_json
from eventmap.schema import COLUMN_NAMES, EVENT_TYPES, STATUSES, VERIFICATIONS
from eventmap.styling import side_colours
from geo.naming import Naming

SIDES = ("Azerbaijan", "Armenia", "Artsakh", "Turkey")
START = date(2020, 9, 27)
DAYS = 45


def synthetic_events(n: int, *, seed: int = 1) -> pd.DataFrame:
    """`n` events in the project's in-memory schema (vectorised: a million rows in seconds)."""
    rng = np.random.default_rng(seed)
    n_places = int(min(max(n // 50, 50), 20_000))
    place_lat = rng.uniform(38.8, 40.8, n_places).round(4)
    place_lon = rng.uniform(45.0, 48.5, n_places).round(4)
    place = rng.integers(0, n_places, n)
    types = list(EVENT_TYPES)
    type_idx = rng.integers(0, len(types), n)
    subs = np.array([EVENT_TYPES[t][0] for t in types], dtype=object)
    texts = np.array([f"Synthetic event text number {i}: shelling reported near the town, sources differ on the "
                      f"number of casualties and on who fired first." for i in range(50)], dtype=object)
    places = np.array([f"Place {i}" for i in range(n_places)], dtype=object)
    frame = pd.DataFrame({
        "event_id": [f"SYN-{i:07d}" for i in range(n)],
        "date": pd.to_datetime(START) + pd.to_timedelta(rng.integers(0, DAYS, n), unit="D"),
        "date_precision": "day",
        "report_date": pd.NaT,
        "location": places[place],
        "latitude": place_lat[place],
        "longitude": place_lon[place],
        "geo_precision": np.array(["exact", "near", "region"], dtype=object)[rng.choice(3, n, p=[0.8, 0.15, 0.05])],
        "country": "Azerbaijan",
        "admin1": "",
        "side": np.array(SIDES, dtype=object)[rng.integers(0, len(SIDES), n)],
        "actor": "Synthetic armed forces",
        "target": "",
        "event_type": np.array(types, dtype=object)[type_idx],
        "event_type_original": "",
        "sub_event_type": subs[type_idx],
        "description": texts[rng.integers(0, len(texts), n)],
        "description_original": "",
        "description_ar": "",
        "description_ar_source": "",
        "language": "",
        "fatalities": pd.array(rng.integers(0, 5, n), dtype="Int64"),
        "injured": pd.array([pd.NA] * n, dtype="Int64"),
        "claimed_by": "Synthetic ministry",
        "status": np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)],
        "disputed_by": "",
        "verification": np.array(VERIFICATIONS, dtype=object)[rng.integers(0, len(VERIFICATIONS), n)],
        "sources": "https://example.org/report/1; https://example.org/report/2",
        "notes": "",
        "geo_source": "gazetteer", "matched_name": places[place], "geo_confidence": 1.0, "geo_status": "resolved",
        "source_line": np.arange(2, n + 2),
    })
    return frame[[*COLUMN_NAMES, "geo_source", "matched_name", "geo_confidence", "geo_status", "source_line"]]


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def our_way(frame: pd.DataFrame, colours: dict[str, str]) -> str:
    return build_map(frame, naming=Naming.EN, colours=colours).get_root().render()


def naive_way(frame: pd.DataFrame) -> str:
    m = folium.Map(location=[39.8, 46.8], zoom_start=8, tiles=None)
    for row in frame[["latitude", "longitude", "date", "location", "side", "description"]].itertuples(index=False):
        text = html.escape(f"{row.date:%Y-%m-%d} {row.location} {row.side}: {row.description}")
        folium.Marker([row.latitude, row.longitude], popup=folium.Popup(text)).add_to(m)
    return m.get_root().render()


def filter_change(frame: pd.DataFrame, colours: dict[str, str]) -> tuple[pd.DataFrame, str]:
    start, end = START + timedelta(days=10), START + timedelta(days=30)
    try:
        from eventmap.filtering import Filters, apply_filters

        filtered = apply_filters(frame, Filters(date_from=start, date_to=end, sides=("Armenia",)))
    except ImportError:  # before the app's filtering module exists: the same mask by hand
        mask = frame["date"].between(pd.Timestamp(start), pd.Timestamp(end)) & (frame["side"] == "Armenia")
        filtered = frame.loc[mask]
    try:
        from base.settings import Settings
        from eventmap.filtering import Filters
        from eventmap.scene import Lang, SceneView, build_scene
    except ImportError:  # before the scene existed: the layer alone, as the app built it then
        layer = build_event_layer(filtered, naming=Naming.EN, colours=colours)
    else:
        scene = build_scene(filtered, full_frame=frame, filters=Filters(date_from=start, date_to=end,
                                                                         sides=("Armenia",)),
                            view=SceneView(), lang=Lang.EN, naming=Naming.EN,
                            sides_config_path=Settings().sides_config_path)
        layer = build_event_layer(filtered, naming=Naming.EN, scene=scene)
    return filtered, script_json(next(iter(layer._children.values())).payload)


# Markers or clusters are in the page (points), or the squares' canvas is (grid).
SHOWN_JS = ("() => window.EventMap && EventMap.layers.length > 0 && !!(document.querySelector("
            "'.marker-cluster, .em-marker') || (EventMap.layers[0].emPayload.mode === 'grid'"
            " && document.querySelector('.leaflet-overlay-pane canvas')))")


def browser_seconds(page_html: str) -> float:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function(SHOWN_JS, timeout=300_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def human_bytes(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


def run(sizes: Sequence[int], *, naive_max: int, browser: bool) -> list[dict[str, str]]:
    rows = []
    naive_rate: float | None = None
    for n in sizes:
        frame = synthetic_events(n)
        colours = side_colours(frame["side"].unique())
        build_s, page = timed(lambda frame=frame, colours=colours: our_way(frame, colours))
        payload = payloads_from_html(page)[0]
        layer_bytes = len(script_json(payload).encode("utf-8"))
        filter_s, (filtered, layer_json) = timed(lambda frame=frame, colours=colours: filter_change(frame, colours),
                                                 repeat=3)
        row = {
            "events": f"{n:,}",
            "mode": payload["mode"],
            "build+render": f"{build_s:.2f} s",
            "page": human_bytes(len(page.encode("utf-8"))),
            "event layer": human_bytes(layer_bytes),
            "filter change": f"{filter_s:.2f} s ({len(filtered):,} rows, {human_bytes(len(layer_json.encode()))})",
        }
        if n <= naive_max:
            naive_s, naive_page = timed(lambda frame=frame: naive_way(frame))
            naive_rate = naive_s / n
            row["naive build+render"] = f"{naive_s:.2f} s"
            row["naive page"] = human_bytes(len(naive_page.encode("utf-8")))
        else:
            estimate = f"est. {naive_rate * n:,.0f} s" if naive_rate else "not measured"
            row["naive build+render"] = f"skipped ({estimate})"
            row["naive page"] = "-"
        if browser:
            inline = build_map(frame, naming=Naming.EN, colours=colours, asset_mode="inline").get_root().render()
            row["chromium first paint"] = f"{browser_seconds(inline):.1f} s"
        rows.append(row)
        print(f"done: {row}", file=sys.stderr, flush=True)
    return rows


def markdown(rows: list[dict[str, str]]) -> str:
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[h] for h in header) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000",
                        help="comma-separated numbers of events (default: %(default)s)")
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest N for the naive way")
    parser.add_argument("--browser", action="store_true", help="also time the first paint in chromium")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(markdown(run(sizes, naive_max=args.naive_max, browser=args.browser)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
