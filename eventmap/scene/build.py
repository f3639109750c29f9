"""`build_scene`: decide once what every picture of the filtered events shows (see `model.py`).

    scene = build_scene(shown, full_frame=events, filters=filters, view=SceneView(), lang=Lang.EN,
                        naming=Naming.EN, sides_config_path=settings.sides_config_path,
                        areas=frozenset({AreaKey.DISTRICTS}))

The rules, each written here only:

- colour: `eventmap.styling.side_colours` over every side of `full_frame` (and the sides settings,
  ``EVENTMAP_SIDES``), so a side keeps its colour whatever the filters leave;
- extent: the filtered events' core (`core_bounds`) with a margin; nothing matches: the whole data; no
  event has a place: the region; `SceneView.keep` with a centre and zoom: exactly that view;
- labels: the places of the shown events first (by number of events), then the capitals, cities and towns
  of the gazetteer inside the extent;
- legend: only the sides, types and statuses shown; stamp: in words; nothing matches: say which filters to
  loosen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from eventmap.control.history import ControlHistory
from eventmap.filtering import Filters, apply_filters, describe_filters
from eventmap.i18n import format_date, side_label, t
from eventmap.scene.areas import area_layer
from eventmap.scene.control import control_layer
from eventmap.scene.labels import scene_labels
from eventmap.scene.model import (
    AreaKey,
    Bounds,
    EmptyNote,
    Extent,
    ExtentRule,
    Lang,
    Legend,
    LegendShape,
    LegendSide,
    LegendStatus,
    Marks,
    Palette,
    Scene,
    Stamp,
)
from eventmap.schema import EVENT_TYPES, STATUSES
from eventmap.styling import shape_for, side_colours
from geo.naming import Naming

REGION_BOUNDS = Bounds(38.3, 43.4, 41.5, 50.6)  # the project's region (`Settings.region_bbox`)
MARGIN_SHARE = 0.08  # of the events' span, on each side
MIN_MARGIN_DEG = 0.05
NEAR_DEG = 3.0  # points this close to the median point are always in the fit (degrees, lon scaled by cos lat)
NEAR_FACTOR = 3.0
TILE_SIZE = 256


@dataclass(frozen=True, kw_only=True)
class SceneView:
    """The view on screen: Leaflet's centre and zoom on a map of `screen` pixels, and whether to keep it."""

    center: tuple[float, float] | None = None
    zoom: float | None = None
    screen: tuple[int, int] = (1280, 600)
    keep: bool = False


def build_scene(frame: pd.DataFrame, *, full_frame: pd.DataFrame, filters: Filters, view: SceneView,
                lang: Lang, naming: Naming, sides_config_path: Path,
                areas: frozenset[AreaKey] = frozenset(), title: str = "", data_version: str = "",
                attribution: str = "", control: ControlHistory | None = None,
                control_day: date | None = None) -> Scene:
    """The scene of `frame` (the rows of `full_frame` that `filters` keep) in `lang` and `naming`.

    With a `control` history the scene holds the control layer of `control_day` (default: the end of the date
    filter, else the last day of the data)."""
    lang, naming = Lang(lang), Naming(naming)
    palette = scene_palette(full_frame, sides_config_path=sides_config_path)
    marks = scene_marks(frame, palette)
    extent = scene_extent(marks, full_frame=full_frame, view=view)
    legend = scene_legend(frame, palette, lang=lang)
    layers = tuple(area_layer(key, lang=lang) for key in AreaKey if key in areas)
    control_scene = None
    if control is not None:
        day = control_day or filters.date_to or _last_day(full_frame) or control.last_day
        sides = sorted({area.side for state in control.states for area in state.areas})
        control_scene = control_layer(control, day=day, lang=lang,
                                      colours=side_colours(sides, config_path=sides_config_path))
    credits = [attribution, *(layer.attribution for layer in layers),
               control_scene.attribution if control_scene is not None else ""]
    return Scene(
        lang=lang, naming=naming, palette=palette, marks=marks, extent=extent,
        labels=scene_labels(frame, bounds=extent.bounds, naming=naming),
        legend=legend,
        stamp=Stamp(title=title.strip() or t("export.default_title", lang), dates=_dates(frame, filters, lang),
                    filters=describe_filters(filters, lang),
                    counts=t("scene.counts", lang, shown=len(frame), total=len(full_frame)),
                    attribution=" · ".join(c for c in credits if c), data_version=data_version),
        areas=layers,
        control=control_scene,
        empty=empty_note(full_frame, filters, lang=lang) if frame.empty else None,
        total=len(full_frame), without_place=len(frame) - len(marks),
    )


def scene_palette(full_frame: pd.DataFrame, *, sides_config_path: Path) -> Palette:
    """Every side of the whole data set, most events first (then by name), with its colour."""
    counts = full_frame["side"].astype(str).value_counts() if len(full_frame) else pd.Series(dtype=int)
    ordered = sorted(counts.index.tolist(), key=lambda s: (-int(counts[s]), s))
    colours = side_colours(sorted(ordered), config_path=sides_config_path)
    return Palette(sides=tuple(ordered), colours=tuple(colours[s] for s in ordered))


def located_mask(frame: pd.DataFrame) -> np.ndarray:
    """Which rows of `frame` have a point on the map (the rows `scene_marks` keeps)."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def scene_marks(frame: pd.DataFrame, palette: Palette) -> Marks:
    """The located events of `frame`, in its order (columns built vectorised: fast at any size)."""
    rows = frame.loc[located_mask(frame)] if len(frame) else frame
    if not len(rows):
        return Marks(ids=(), lat=(), lon=(), side=(), shape=(), status=(), precision=(), day=())
    index = {side: i for i, side in enumerate(palette.sides)}
    types = rows["event_type"].astype(str)
    shapes = {ty: shape_for(ty).name for ty in types.unique().tolist()}
    days = pd.to_datetime(rows["date"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
    return Marks(
        ids=tuple(rows["event_id"].astype(str).tolist()),
        lat=tuple(np.round(rows["latitude"].to_numpy(dtype=float), 5).tolist()),
        lon=tuple(np.round(rows["longitude"].to_numpy(dtype=float), 5).tolist()),
        side=tuple(rows["side"].astype(str).map(index).tolist()),
        shape=tuple(types.map(shapes).tolist()),
        status=tuple(rows["status"].astype(str).tolist()),
        precision=tuple(rows["geo_precision"].astype(str).replace("", "exact").tolist()),
        day=tuple(days.tolist()),
    )


def core_bounds(lat: np.ndarray, lon: np.ndarray) -> tuple[Bounds, int]:
    """The main area of the points with a margin, and how many points lie outside it.

    Points far from the rest (talks in Geneva, a statement in Moscow) would zoom the view out to a continent:
    those farther from the median point than max(`NEAR_DEG`, `NEAR_FACTOR` × the median distance) are left
    out (at least half the points always remain). The stamp says how many shown events lie outside.
    """
    distance = np.hypot(lat - np.median(lat), (lon - np.median(lon)) * math.cos(math.radians(float(np.median(lat)))))
    near = distance <= max(NEAR_DEG, NEAR_FACTOR * float(np.median(distance)))
    lat, lon = lat[near], lon[near]
    south, north, west, east = float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())
    dlat = max((north - south) * MARGIN_SHARE, MIN_MARGIN_DEG)
    dlon = max((east - west) * MARGIN_SHARE, MIN_MARGIN_DEG)
    bounds = Bounds(round(max(-85.0, south - dlat), 4), round(max(-180.0, west - dlon), 4),
                    round(min(85.0, north + dlat), 4), round(min(180.0, east + dlon), 4))
    return bounds, int((~near).sum())


def scene_extent(marks: Marks, *, full_frame: pd.DataFrame, view: SceneView) -> Extent:
    """The first view (see the module's docstring)."""
    if view.keep and view.center is not None and view.zoom is not None:
        return Extent(bounds=leaflet_bounds(view.center, view.zoom, view.screen), rule=ExtentRule.KEPT_VIEW,
                      center=view.center, zoom=view.zoom)
    if len(marks):
        bounds, outside = core_bounds(np.asarray(marks.lat), np.asarray(marks.lon))
        return Extent(bounds=bounds, rule=ExtentRule.FILTERED, outside=outside)
    located = located_mask(full_frame) if len(full_frame) else np.zeros(0, dtype=bool)
    if located.any():
        bounds, _ = core_bounds(full_frame["latitude"].to_numpy(dtype=float)[located],
                                full_frame["longitude"].to_numpy(dtype=float)[located])
        return Extent(bounds=bounds, rule=ExtentRule.ALL_DATA)
    return Extent(bounds=REGION_BOUNDS, rule=ExtentRule.REGION)


def leaflet_bounds(center: tuple[float, float], zoom: float, screen: tuple[int, int]) -> Bounds:
    """What a Leaflet map of `screen` pixels shows at `center` and `zoom` (Web Mercator)."""
    scale = TILE_SIZE * 2**zoom
    x = (center[1] + 180) / 360 * scale
    sin = math.sin(math.radians(max(-85.0511, min(85.0511, center[0]))))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale

    def latlon(px: float, py: float) -> tuple[float, float]:
        lon = px / scale * 360 - 180
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))
        return lat, lon

    north, west = latlon(x - screen[0] / 2, y - screen[1] / 2)
    south, east = latlon(x + screen[0] / 2, y + screen[1] / 2)
    return Bounds(south, max(-180.0, west), north, min(180.0, east))


def scene_legend(frame: pd.DataFrame, palette: Palette, *, lang: Lang) -> Legend:
    """The sides (most events first), types and statuses of `frame`; nothing for an empty frame."""
    counts = frame["side"].astype(str).value_counts() if len(frame) else pd.Series(dtype=int)
    sides = sorted(counts.index, key=lambda s: (-int(counts[s]), palette.sides.index(s)))
    present_types = set(frame["event_type"].astype(str).unique().tolist()) if len(frame) else set()
    types = [ty for ty in EVENT_TYPES if ty in present_types] + sorted(present_types - set(EVENT_TYPES))
    present_statuses = set(frame["status"].astype(str).unique().tolist()) if len(frame) else set()
    statuses = [s for s in STATUSES if s in present_statuses] + sorted(present_statuses - set(STATUSES))
    return Legend(
        title=t("map.legend.title", lang),
        sides_title=t("map.legend.sides", lang),
        sides=tuple(LegendSide(side=s, text=side_label(s, lang) if s else t("map.legend.no_side", lang),
                               colour=palette.colour(s)) for s in sides),
        types_title=t("map.legend.types", lang),
        types=tuple(LegendShape(event_type=ty, text=t(f"event_type.{ty}", lang) if ty in EVENT_TYPES else ty,
                                shape=shape_for(ty).name) for ty in types if ty),
        statuses_title=t("map.legend.status", lang),
        statuses=tuple(LegendStatus(status=s, text=t(f"status.{s}", lang) if s in STATUSES else s)
                       for s in statuses),
    )


def _last_day(frame: pd.DataFrame) -> date | None:
    days = pd.to_datetime(frame["date"], errors="coerce").dropna() if len(frame) else pd.Series(dtype=object)
    return days.max().date() if len(days) else None


def _dates(frame: pd.DataFrame, filters: Filters, lang: Lang) -> str:
    first: date | None = filters.date_from
    last: date | None = filters.date_to
    if len(frame):
        first = first or frame["date"].min().date()
        last = last or frame["date"].max().date()
    if first is None and last is None:
        return ""
    if first is None or last is None or first == last:
        return format_date(first or last, lang)  # type: ignore[arg-type]
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def empty_note(full_frame: pd.DataFrame, filters: Filters, *, lang: Lang) -> EmptyNote:
    """Nothing matches: the filters that, loosened alone, would show events (most events first), else all
    the active filters."""
    active = [f.name for f in fields(Filters) if getattr(filters, f.name) != getattr(Filters(), f.name)]
    groups: dict[str, tuple[str, ...]] = {}
    for name in active:
        group = "dates" if name in ("date_from", "date_to") else name
        groups[group] = (*groups.get(group, ()), name)
    gains: list[tuple[int, str]] = []
    for group, names in groups.items():
        loosened = Filters(**{f.name: getattr(filters, f.name) for f in fields(Filters) if f.name not in names})
        gains.append((len(apply_filters(full_frame, loosened)), group))
    helpful = [group for n, group in sorted(gains, key=lambda g: -g[0]) if n > 0]
    chosen = helpful or [group for _, group in gains]
    return EmptyNote(message=t("scene.empty", lang), loosen=tuple(t(f"filter.{group}", lang) for group in chosen))
