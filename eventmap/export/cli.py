"""`python -m eventmap export`: pictures, playback and data of the filtered events, without a browser.

    python -m eventmap export --png OUT.png [--from DATE] [--to DATE] [--side S ...] [--type T ...]
        [--size 1920x1080 | --dpi 300] [--naming en|hy|az|ar|ru|both] [--lang en|ar|ru] [--data FILE]
        [--bbox S,W,N,E] [--title TEXT] [--basemap offline|osm] [--layer districts]
    ... --gif OUT.gif [--step 1] [--frame-ms 600]   (one frame per day or per --step days)
    ... --mp4 OUT.mp4                               (needs imageio-ffmpeg)
    ... --html OUT.html                             (the interactive map, one file that opens offline)
    ... --csv OUT.csv [--no-bom]  --geojson OUT.geojson

Several outputs can be asked for at once; they all draw the same scene as the app's map
(`eventmap.scene`: colours, labels, legend, layers). The extent is the scene's (the selected events, a few
far-away ones left out and said so on the picture) unless `--bbox` is given. Output paths
are the operator's choice (this is a command line, not a name from the data); each file is written
with `base.atomic.write_atomic`, and the data file itself is never overwritten.

Exit codes: 0 written; 2 nothing written (bad arguments, unusable data, an export that failed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from base.atomic import write_atomic
from base.errors import EventMapError
from base.settings import Settings
from eventmap.filtering import Filters, apply_filters, as_tuple, describe_filters
from eventmap.scene.model import AreaKey
from geo.naming import Naming, naming_for_language

if TYPE_CHECKING:
    from eventmap.export.stamp import DataStamp

if TYPE_CHECKING:
    from eventmap.control.history import ControlHistory

EXIT_OK, EXIT_UNUSABLE = 0, 2
DEFAULT_PNG_SIZE = "1920x1080"
DEFAULT_GIF_SIZE = "1280x720"
OUTPUTS = ("png", "gif", "mp4", "html", "csv", "geojson")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `export` subcommand (its handler is set with `set_defaults(handler=run_export)`)."""
    parser = subparsers.add_parser(
        "export", help="write a PNG, GIF, MP4, standalone HTML, CSV or GeoJSON of the filtered events",
        description="Export the filtered events: a stamped map picture (PNG), an animated playback (GIF/MP4), "
        "the interactive map as one offline HTML file, or the data (CSV, GeoJSON). Works offline.")
    out = parser.add_argument_group("outputs (at least one)")
    out.add_argument("--png", metavar="OUT.png", type=Path, help="the map picture")
    out.add_argument("--gif", metavar="OUT.gif", type=Path, help="animated playback, one frame per day")
    out.add_argument("--mp4", metavar="OUT.mp4", type=Path, help="the playback as video (needs imageio-ffmpeg)")
    out.add_argument("--html", metavar="OUT.html", type=Path, help="the interactive map with timeline playback")
    out.add_argument("--csv", metavar="OUT.csv", type=Path, help="the filtered events, every column")
    out.add_argument("--geojson", metavar="OUT.geojson", type=Path, help="the filtered events as GeoJSON points")

    sel = parser.add_argument_group("which events")
    sel.add_argument("--data", metavar="FILE", type=Path, help="event file (default: EVENTMAP_DATA or events.csv)")
    sel.add_argument("--from", dest="date_from", metavar="DATE", help="first day (2020-10-08, 8 Oct 2020, ...)")
    sel.add_argument("--to", dest="date_to", metavar="DATE", help="last day")
    sel.add_argument("--side", nargs="+", action="extend", default=[], metavar="S", help="side(s) that acted")
    sel.add_argument("--type", dest="event_type", nargs="+", action="extend", default=[], metavar="T",
                     help="event type(s), e.g. Battles")
    sel.add_argument("--status", nargs="+", action="extend", default=[], metavar="ST",
                     help="claim status(es): confirmed claimed disputed denied unverified")
    sel.add_argument("--place", nargs="+", action="extend", default=[], metavar="P", help="place(s) (location)")
    sel.add_argument("--text", default="", help="words that must occur in the event's text")

    look = parser.add_argument_group("how it looks")
    size = look.add_mutually_exclusive_group()
    size.add_argument("--size", metavar="WxH", help=f"picture size in pixels (default PNG {DEFAULT_PNG_SIZE}, "
                      f"GIF {DEFAULT_GIF_SIZE}); also a preset: 1920x1080, 1024x768, a4-300dpi")
    size.add_argument("--dpi", type=float, metavar="N", help="print: A4 landscape at N dots per inch (300 → 3508x2480)")
    look.add_argument("--bbox", metavar="S,W,N,E", help="map extent in degrees (default: fit the events)")
    look.add_argument("--all-in-extent", action="store_true",
                      help="fit every event, also the few far from the rest (default: leave those out)")
    look.add_argument("--naming", choices=tuple(Naming), default=None,
                      help="how places are named (default: the language's own names, ar and ru; else en)")
    look.add_argument("--lang", default="en", help="language of the stamps and legend (en, ar, ...)")
    look.add_argument("--title", default="", help="title on the picture")
    look.add_argument("--basemap", choices=("offline", "osm"), default="offline",
                      help="osm: OpenStreetMap tiles under the map when reachable (falls back to offline)")
    look.add_argument("--no-towns", action="store_true", help="label only the events' places")
    look.add_argument("--layer", dest="layers", nargs="+", action="extend", default=[], metavar="L",
                      choices=tuple(key.value for key in AreaKey),
                      help="area layers under the events, as on the map: districts")
    look.add_argument("--no-control", action="store_true",
                      help="leave out territorial control (drawn by default when control_changes.csv is beside the "
                      "data file: on a PNG the control of its last day, on a GIF/MP4 each frame's)")
    look.add_argument("--step", type=int, default=1, metavar="DAYS", help="GIF/MP4: days per frame (default 1)")
    look.add_argument("--frame-ms", type=int, default=600, metavar="MS", help="GIF/MP4: time per frame")
    look.add_argument("--no-bom", action="store_true", help="CSV without the byte-order mark Excel needs")
    parser.set_defaults(handler=run_export)
    return parser


@dataclass(frozen=True, kw_only=True)
class Loaded:
    frame: pd.DataFrame
    stamp: DataStamp
    path: Path


def _parse_day(text: str | None, what: str):
    from eventmap.dates import DateFormatError, parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise EventMapError(f"{what}: {exc}") from exc


def _load(path: Path, settings: Settings, err: TextIO) -> Loaded:
    from eventmap.export.stamp import DataStamp
    from eventmap.loading import Limits, load_events

    result = load_events(path, name=str(path), limits=Limits.for_local_file(settings))
    for problem in result.problems:
        print(problem, file=err)
    if result.rejected:
        print(f"{path}: {len(result.rejected)} invalid rows left out (listed above)", file=err)
    frame = result.events
    missing = frame["latitude"].isna() | frame["longitude"].isna()
    if missing.any():
        from geo.chain import default_chain
        from geo.frame import geocode_frame

        summary = geocode_frame(frame, geocoder=default_chain(settings))
        if summary.unresolved_rows:
            print(summary.describe(), file=err)
    return Loaded(frame=frame, stamp=DataStamp.from_path(path), path=path)


def _size(args: argparse.Namespace, default: str):
    from eventmap.export.viewport import a4_landscape, parse_size, preset_size

    if args.dpi is not None:
        return a4_landscape(args.dpi)
    text = args.size or default
    return preset_size(text) if text.lower() == "a4-300dpi" else parse_size(text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.resolve() == b.resolve()
    except OSError:
        return False


def _control_beside(data_path: Path, err: TextIO) -> ControlHistory | None:
    """The control history of `control_changes.csv` beside the data file (None when there is none, or when it
    cannot be used: then the reason goes to `err` and the pictures have no control layer)."""
    from eventmap.control.history import ControlHistory, control_file_beside
    from eventmap.control.layers import load_layers
    from eventmap.control.loading import load_control_changes

    path = control_file_beside(data_path)
    if path is None:
        return None
    try:
        result = load_control_changes(path, name=path.name)
        changes = result.changes
        return ControlHistory.build(changes, layers=load_layers(), source_name=path.name) if changes else None
    except (EventMapError, ValueError) as exc:
        print(f"{path.name}: territorial control left out: {exc}", file=err)
        return None


def run_export(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None,
               settings: Settings | None = None) -> int:
    """Write every output asked for; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    settings = settings or Settings.from_env()
    targets = {name: getattr(args, name) for name in OUTPUTS if getattr(args, name) is not None}
    if not targets:
        print("export: nothing to write: give at least one of --png --gif --mp4 --html --csv --geojson", file=err)
        return EXIT_UNUSABLE
    data_path = args.data or settings.data_path
    for name, target in targets.items():
        if _same_file(target, data_path):
            print(f"{target}: refusing to overwrite the data file with the {name.upper()}", file=err)
            return EXIT_UNUSABLE
        if target.is_dir():
            print(f"{target}: is a folder; give a file name", file=err)
            return EXIT_UNUSABLE
    try:
        return _export(args, targets, data_path=data_path, settings=settings, out=out, err=err)
    except (EventMapError, OSError) as exc:
        print(f"export: {exc}", file=err)
        return EXIT_UNUSABLE


def _export(args: argparse.Namespace, targets: dict[str, Path], *, data_path: Path, settings: Settings,
            out: TextIO, err: TextIO) -> int:
    from eventmap.export.png import PictureSpec, fit_extent
    from eventmap.export.viewport import Extent, parse_bbox
    from eventmap.i18n import languages
    from eventmap.scene import Lang, SceneView, build_scene

    if args.lang not in languages():
        raise EventMapError(f"--lang: one of {', '.join(languages())} (got {args.lang!r})")
    lang = Lang(args.lang)  # read once: enums from here on
    naming = Naming(args.naming) if args.naming is not None else naming_for_language(lang)
    filters = Filters(
        date_from=_parse_day(args.date_from, "--from"), date_to=_parse_day(args.date_to, "--to"),
        sides=as_tuple(args.side), event_types=as_tuple(args.event_type), statuses=as_tuple(args.status),
        places=as_tuple(args.place), text=args.text,
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise EventMapError(f"--from {filters.date_from} is after --to {filters.date_to}")
    extent_given = parse_bbox(args.bbox) if args.bbox else None
    loaded = _load(data_path, settings, err)
    frame = apply_filters(loaded.frame, filters)
    print(f"{data_path}: {len(frame)} of {len(loaded.frame)} events selected ({describe_filters(filters, 'en')})",
          file=out)
    # The same scene as the app's map: colours of the whole data and the sides settings, extent, labels, layers.
    control = None if args.no_control else _control_beside(data_path, err)
    scene = build_scene(frame, full_frame=loaded.frame, filters=filters, view=SceneView(), lang=lang,
                        naming=naming, sides_config_path=settings.sides_config_path,
                        areas=frozenset(AreaKey(a) for a in args.layers), title=args.title,
                        control=control)
    b = scene.extent.bounds
    extent = extent_given or (fit_extent(frame, fallback_bbox=settings.region_bbox, keep_outliers=True)
                              if args.all_in_extent else Extent.from_bbox(b.south, b.west, b.north, b.east))
    spec = PictureSpec(title=args.title, filters=filters, naming=naming, lang=lang,
                       data_stamp=loaded.stamp, sides_config_path=settings.sides_config_path,
                       show_towns=not args.no_towns, scene=scene, control_history=control)
    tiles = _tiles(settings) if args.basemap == "osm" else None
    writers: dict[str, Callable[[], tuple[bytes, str]]] = {
        "png": lambda: _png(frame, args, extent, spec, tiles),
        "gif": lambda: _animation(frame, args, extent, spec, tiles, video=False),
        "mp4": lambda: _animation(frame, args, extent, spec, tiles, video=True),
        "html": lambda: _html(frame, args, extent, filters, scene, control),
        "csv": lambda: _csv(frame, args),
        "geojson": lambda: _geojson(frame, spec),
    }
    for name, target in targets.items():
        started = time.perf_counter()
        data, what = writers[name]()
        write_atomic(target, data)
        print(f"wrote {target} ({what}, {len(data):,} bytes, {time.perf_counter() - started:.2f} s)", file=out)
    return EXIT_OK


def _tiles(settings: Settings):
    from eventmap.export.tiles import TileSource, urllib_fetcher

    agent = settings.geocoder_user_agent or None
    fetch = urllib_fetcher(user_agent=agent) if agent else urllib_fetcher()
    return TileSource(url_template=settings.tiles_url, fetch=fetch, cache_dir=settings.state_dir / "tiles")


def _png(frame, args, extent, spec, tiles) -> tuple[bytes, str]:
    from eventmap.export.png import render_png

    size = _size(args, DEFAULT_PNG_SIZE)
    picture = render_png(frame, size=size, extent=extent, spec=spec, tiles=tiles)
    return picture.data, f"{size.width}x{size.height}, {picture.events_drawn} events, basemap {picture.attribution}"


def _animation(frame, args, extent, spec, tiles, *, video: bool) -> tuple[bytes, str]:
    from eventmap.export.gif import render_gif, render_mp4

    size = _size(args, DEFAULT_GIF_SIZE)
    render = render_mp4 if video else render_gif
    data = render(frame, size=size, extent=extent, spec=spec, step=args.step, frame_ms=args.frame_ms, tiles=tiles)
    return data, f"{size.width}x{size.height}, {args.step} day(s) per frame"


def _html(frame, args, extent, filters, scene, control: ControlHistory | None = None) -> tuple[bytes, str]:
    from eventmap.export.html import render_html

    page = render_html(frame, naming=scene.naming, lang=scene.lang, title=args.title, filters=filters,
                       extent=extent, basemap=args.basemap, scene=scene, control=control)
    return page.encode("utf-8"), f"{len(frame)} events, assets inlined"


def _csv(frame, args) -> tuple[bytes, str]:
    from eventmap.export.tables import events_csv

    return events_csv(frame, bom=not args.no_bom), f"{len(frame)} rows, UTF-8{'' if args.no_bom else ' with BOM'}"


def _geojson(frame, spec) -> tuple[bytes, str]:
    from eventmap.export.tables import export_metadata, geojson_bytes

    data = geojson_bytes(frame, metadata=export_metadata(title=spec.title_text(), filters=spec.filters,
                                                         data_stamp=spec.data_stamp))
    return data, f"{len(frame)} events"
