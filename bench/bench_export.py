"""Benchmark: every export of the bundled data (`events.csv`, the 2020 Nagorno-Karabakh war), offline.

Times, in one process after a warm-up (matplotlib's import and font cache are paid once, as in the app):
- PNG 1920×1080 of 8–9 October 2020; the same in Arabic; A4 landscape at 300 dpi (3508×2480);
- PNG 1920×1080 of 10,000 events (the war's events repeated with jitter) to show how it scales;
- GIF of the whole war (45 frames, one per day, 1280×720) and the same at 1920×1080;
- MP4 of the whole war when imageio-ffmpeg is installed;
- standalone HTML, CSV and GeoJSON of 8–9 October and of the whole war.
Prints one table (median seconds of `--repeat` runs, bytes). With `--save DIR` it also writes each file
there (the samples in `artifacts/exports/` are made this way).

Usage: ``python bench/bench_export.py [--repeat 3] [--save artifacts/exports]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from base.atomic import write_atomic  # noqa: E402
from base.settings import Settings  # noqa: E402
from eventmap.export.gif import mp4_available, render_gif, render_mp4  # noqa: E402
from eventmap.export.html import render_html  # noqa: E402
from eventmap.export.png import PictureSpec, fit_extent, render_png  # noqa: E402
from eventmap.export.stamp import DataStamp  # noqa: E402
from eventmap.export.tables import events_csv, export_metadata, geojson_bytes  # noqa: E402
from eventmap.export.viewport import a4_landscape, parse_size  # noqa: E402
from eventmap.filtering import Filters, apply_filters, options  # noqa: E402
from eventmap.loading import load_events  # noqa: E402
from eventmap.styling import side_colours  # noqa: E402

TITLE = "Nagorno-Karabakh war, 2020"
TITLE_AR = "حرب ناغورنو كاراباخ 2020"
FALLBACK = Settings.region_bbox


def jittered(frame: pd.DataFrame, n: int, *, seed: int = 7) -> pd.DataFrame:
    """`n` events: the located rows of `frame` repeated, each moved up to ~5 km, with fresh ids."""
    located = frame[frame["latitude"].notna()]
    rng = np.random.default_rng(seed)
    big = located.sample(n, replace=True, random_state=seed).reset_index(drop=True)
    big["latitude"] = big["latitude"] + rng.uniform(-0.05, 0.05, n)
    big["longitude"] = big["longitude"] + rng.uniform(-0.05, 0.05, n)
    big["event_id"] = [f"BENCH-{i:06d}" for i in range(n)]
    return big


def timed(make: Callable[[], bytes], repeat: int) -> tuple[float, bytes]:
    seconds = []
    data = b""
    for _ in range(repeat):
        started = time.perf_counter()
        data = make()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save", type=Path, help="also write every export into this folder")
    parser.add_argument("--data", type=Path, default=ROOT / "events.csv")
    args = parser.parse_args(argv)

    war = load_events(args.data).events
    stamp = DataStamp.from_path(args.data)
    colours = side_colours(options(war, "side"))
    two_days = Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9))
    oct8 = apply_filters(war, two_days)
    many = jittered(war, 10_000)

    def spec(filters: Filters, *, lang: str = "en", naming: str = "en") -> PictureSpec:
        return PictureSpec(title=TITLE_AR if lang == "ar" else TITLE, filters=filters, lang=lang, naming=naming,
                           data_stamp=stamp, colours=colours)

    def png(frame: pd.DataFrame, filters: Filters, size, **kw) -> Callable[[], bytes]:
        extent = fit_extent(frame, fallback_bbox=FALLBACK)
        return lambda: render_png(frame, size=size, extent=extent, spec=spec(filters, **kw)).data

    war_extent = fit_extent(war, fallback_bbox=FALLBACK)
    cases: list[tuple[str, str, Callable[[], bytes], int]] = [
        ("PNG 1920×1080, 8–9 Oct (18 events)", "oct8-9_1920x1080.png",
         png(oct8, two_days, parse_size("1920x1080")), args.repeat),
        ("PNG 1920×1080, 8–9 Oct, Arabic, both namings", "oct8-9_1920x1080_ar.png",
         png(oct8, two_days, parse_size("1920x1080"), lang="ar", naming="both"), args.repeat),
        ("PNG 1024×768, whole war (89 events)", "war_1024x768.png",
         png(war, Filters(), parse_size("1024x768")), args.repeat),
        ("PNG A4 300 dpi (3508×2480), 8–9 Oct", "oct8-9_a4_300dpi.png",
         png(oct8, two_days, a4_landscape(300)), args.repeat),
        ("PNG 1920×1080, 10,000 events", None, png(many, Filters(), parse_size("1920x1080")), 1),
        ("GIF whole war, 45 frames, 1280×720", "war_1280x720.gif",
         lambda: render_gif(war, size=parse_size("1280x720"), extent=war_extent, spec=spec(Filters())), 1),
        ("GIF whole war, 45 frames, 1920×1080", None,
         lambda: render_gif(war, size=parse_size("1920x1080"), extent=war_extent, spec=spec(Filters())), 1),
    ]
    if mp4_available():
        cases.append(("MP4 whole war, 45 frames, 1280×720", "war_1280x720.mp4",
                      lambda: render_mp4(war, size=parse_size("1280x720"), extent=war_extent, spec=spec(Filters())), 1))
    for name, frame, filters in (("8–9 Oct", oct8, two_days), ("whole war", war, Filters())):
        slug = "oct8-9" if frame is oct8 else "war"
        extent = fit_extent(frame, fallback_bbox=FALLBACK)
        cases += [
            (f"HTML, {name}", f"{slug}.html", lambda f=frame, fl=filters, e=extent: render_html(
                f, naming="en", lang="en", title=TITLE, filters=fl, extent=e).encode("utf-8"), args.repeat),
            (f"CSV, {name}", f"{slug}.csv", lambda f=frame: events_csv(f), args.repeat),
            (f"GeoJSON, {name}", f"{slug}.geojson", lambda f=frame, fl=filters: geojson_bytes(
                f, metadata=export_metadata(title=TITLE, filters=fl, data_stamp=stamp)), args.repeat),
        ]

    render_png(oct8, size=parse_size("640x400"), extent=fit_extent(oct8, fallback_bbox=FALLBACK),
               spec=spec(two_days))  # warm-up: imports, fonts, basemap
    print(f"{'export':<48} {'seconds':>8} {'bytes':>12}")
    print("-" * 70)
    for name, file_name, make, repeat in cases:
        seconds, data = timed(make, repeat)
        print(f"{name:<48} {seconds:>8.2f} {len(data):>12,}", flush=True)
        if args.save and file_name:
            write_atomic(args.save / file_name, data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
