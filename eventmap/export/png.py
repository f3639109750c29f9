"""The static map picture: the filtered events over a basemap, with title, legend and stamps.

matplotlib (Agg, imported lazily; no pyplot, so it is safe in Streamlit's threads) draws in Web
Mercator metres, so a point lands on the pixel Leaflet would put it on. `MapFigure` holds one picture
with everything but the markers drawn; `render_png` draws the markers and encodes it, and the GIF
writer (`eventmap.export.gif`) reuses the same figure for every frame.

Markers follow `eventmap.styling`: colour = side, shape = event type, fill and line = claim status,
a translucent circle = an inexact place. Several events at one point are spread on a small ring so
that each stays visible. Labels name the events' places and the main towns of the gazetteer, in the
chosen naming, placed where they overlap nothing already drawn.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from base.errors import ExportError
from base.settings import Settings
from eventmap.export.areas import draw_areas
from eventmap.export.basemap import NATURAL_EARTH, basemap_for, draw_basemap, load_basemap
from eventmap.export.control import draw_control, draw_control_legend
from eventmap.export.labels import (
    PlaceLabel,
    event_place_labels,
    marker_boxes_display,
    place_labels,
    town_labels,
)
from eventmap.export.markers import CROWD, MARKER_PT, marker_colours, marker_positions, marker_size
from eventmap.export.stamp import (
    Corner,
    DataStamp,
    LegendEntry,
    draw_footer,
    draw_header,
    draw_legend,
    draw_scale_bar,
    format_date_range,
    plan_layout,
    wrap_filters,
)
from eventmap.export.text import font_families, label, register_fonts
from eventmap.export.tiles import TileMosaic, TileSource, fetch_mosaic
from eventmap.export.viewport import MIN_SPAN_M, Extent, PixelSize, Viewport, project
from eventmap.filtering import Filters, describe_filters
from eventmap.i18n import is_rtl, side_label, t
from eventmap.scene import LabelKind, Lang, Legend, Scene
from eventmap.styling import (
    PRECISION_RADIUS_M,
    SHAPE_MATPLOTLIB_MARKERS,
    STATUS_STYLES,
    shape_for,
    side_colours,
    status_style,
)
from geo.naming import Naming

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from eventmap.control.history import ControlHistory

MAX_TOWN_LABELS = 25
OUTLIER_MIN_EVENTS = 5  # fewer events than this are always all in the picture
OUTLIER_FACTOR = 4.0


@dataclass(frozen=True, kw_only=True)
class PictureSpec:
    """What a picture says besides its extent: title, filters, naming, language, data stamp."""

    title: str = ""
    filters: Filters = field(default_factory=Filters)
    naming: Naming = Naming.EN
    lang: Lang = Lang.EN
    data_stamp: DataStamp | None = None
    sides_config_path: Path = Settings.sides_config_path
    show_towns: bool = True
    # The dashboard's side colours (computed over the whole data, so a side keeps its colour whatever the
    # filters); None: from `sides_config_path` over the picture's own sides.
    colours: Mapping[str, str] | None = None
    # The scene of the picture's events (`eventmap.scene.build_scene`): its colours, labels, legend, area
    # layers and empty-result note are drawn instead of being chosen here.
    scene: Scene | None = None
    # Animations: the control of each frame's day from this history (the scene's control is one day's only);
    # None: animations leave control out.
    control_history: ControlHistory | None = None

    def title_text(self) -> str:
        return self.title.strip() or label("export.default_title", self.lang, "Conflict events")


@dataclass(frozen=True, kw_only=True)
class RenderedPicture:
    """An encoded picture and where its map lies in it."""

    data: bytes
    width: int
    height: int
    viewport: Viewport  # of the map area
    map_left: int  # the map area's top-left pixel in the picture
    map_top: int
    attribution: str
    events_drawn: int
    events_without_coordinates: int
    labels: tuple[str, ...] = ()  # the place names drawn (those that found room)

    def image_pixel(self, lat: float, lon: float) -> tuple[float, float]:
        """(column, row) in the picture of a point (rows grow downwards)."""
        col, row = self.viewport.to_pixel(lat, lon)
        return self.map_left + col, self.map_top + row


def has_coordinates(frame: pd.DataFrame) -> np.ndarray:
    lat = frame["latitude"].to_numpy(dtype=float, na_value=np.nan)
    lon = frame["longitude"].to_numpy(dtype=float, na_value=np.nan)
    return np.isfinite(lat) & np.isfinite(lon)


def date_span(frame: pd.DataFrame, filters: Filters) -> tuple[date | None, date | None]:
    """The days a picture covers: the date filter where set, else the first and last event's day."""
    first = filters.date_from
    last = filters.date_to
    if not frame.empty:
        if first is None:
            first = frame["date"].min().date()
        if last is None:
            last = frame["date"].max().date()
    return first, last


def scene_legend_entries(legend: Legend) -> list[LegendEntry]:
    """A scene's legend (only what it shows) as the picture's legend lines."""
    entries: list[LegendEntry] = []
    if legend.sides:
        entries.append(LegendEntry(text=legend.sides_title, is_heading=True))
        entries += [LegendEntry(text=s.text, marker="o", facecolor=s.colour, edgecolor="#222222")
                    for s in legend.sides]
    if legend.types:
        entries.append(LegendEntry(text=legend.types_title, is_heading=True))
        entries += [LegendEntry(text=ty.text, marker=SHAPE_MATPLOTLIB_MARKERS[ty.shape], facecolor="#8c8c8c",
                                edgecolor="#222222") for ty in legend.types]
    if legend.statuses:
        entries.append(LegendEntry(text=legend.statuses_title, is_heading=True))
        for entry in legend.statuses:
            style = status_style(entry.status)
            kwargs = style.matplotlib_kwargs("#555555")
            entries.append(LegendEntry(text=entry.text, marker="o", facecolor=kwargs["facecolors"],
                                       edgecolor=kwargs["edgecolors"], linestyle="dashed" if style.dash else "solid"))
    return entries


def legend_entries(frame: pd.DataFrame, colours: dict[str, str], lang: str) -> list[LegendEntry]:
    """Sides, event types and claim statuses present in `frame`, in a stable order."""
    entries: list[LegendEntry] = []
    sides = sorted({s for s in frame["side"]}, key=lambda s: (s == "", s.casefold()))
    if sides:
        entries.append(LegendEntry(text=label("legend.sides", lang, "Side that acted"), is_heading=True))
        for side in sides:
            entries.append(LegendEntry(text=side_label(side, lang) or "?", marker="o", facecolor=colours[side],
                                       edgecolor="#222222"))
    types = sorted(set(frame["event_type"]))
    if types:
        entries.append(LegendEntry(text=label("legend.types", lang, "Type of event"), is_heading=True))
        for event_type in types:
            entries.append(LegendEntry(text=label(f"event_type.{event_type}", lang, event_type),
                                       marker=shape_for(event_type).matplotlib_marker, facecolor="#8c8c8c",
                                       edgecolor="#222222"))
    statuses = [s for s in STATUS_STYLES if s in set(frame["status"])]
    if statuses:
        entries.append(LegendEntry(text=label("legend.status", lang, "Claim status"), is_heading=True))
        for status in statuses:
            style = status_style(status)
            kwargs = style.matplotlib_kwargs("#555555")
            entries.append(LegendEntry(text=label(f"status.{status}", lang, status), marker="o",
                                       facecolor=kwargs["facecolors"], edgecolor=kwargs["edgecolors"],
                                       linestyle="dashed" if style.dash else "solid"))
    return entries


class MapFigure:
    """One picture with the basemap, labels, legend and stamps drawn; markers are added per frame."""

    def __init__(self, frame: pd.DataFrame, *, size: PixelSize, extent: Extent, spec: PictureSpec,
                 tiles: TileSource | None = None) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        register_fonts()
        self.spec = spec
        self.size = size
        self.frame = frame
        located = has_coordinates(frame)
        self.located = frame.loc[located]
        self.without_coordinates = int((~located).sum())
        self.colours = side_colours(frame["side"].unique(), config_path=spec.sides_config_path)
        if spec.scene is not None:
            self.colours.update(spec.scene.palette.as_dict())
        elif spec.colours:
            self.colours.update({side: colour for side, colour in spec.colours.items() if side in self.colours})
        self.family = font_families(spec.lang)

        width_in, height_in = size.inches
        self.figure: Figure = Figure(figsize=(width_in, height_in), dpi=size.dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        filters_text = spec.scene.stamp.filters if spec.scene is not None else describe_filters(spec.filters, spec.lang)
        filter_lines = wrap_filters(filters_text, width_in=width_in)
        self.layout = plan_layout(width_in=width_in, height_in=height_in, filter_lines=len(filter_lines))
        left, _, w, h = self.layout.map_rect
        self.map_left = 0
        self.map_top = round(size.height * (1 - self.layout.header_bottom))
        map_height = round(size.height * h)
        self.viewport = Viewport.fit(extent, width_px=size.width, height_px=map_height)
        # Axes exactly on the map's pixels (rounded), limits = the viewport's extent.
        self.ax: Axes = self.figure.add_axes((left, 1 - (self.map_top + map_height) / size.height, w,
                                              map_height / size.height))
        ext = self.viewport.extent
        self.ax.set_xlim(ext.xmin, ext.xmax)
        self.ax.set_ylim(ext.ymin, ext.ymax)
        self.ax.set_xticks([])
        self.ax.set_yticks([])
        for spine in self.ax.spines.values():
            spine.set_visible(False)
        self.ax.set_aspect("auto")

        self.country_names: list[Text] = []
        self.attribution = self._draw_basemap(tiles)
        self.control: list[Artist] = []
        if spec.scene is not None:
            self.control = draw_control(self.ax, spec.scene.control)
            self.areas = draw_areas(self.ax, spec.scene.areas)
            area_credits = [a.attribution for a in spec.scene.areas if a.shown]
            if spec.scene.control is not None and spec.scene.control.shown:
                area_credits.append(spec.scene.control.attribution)
            self.attribution = " · ".join([self.attribution, *area_credits])
        first, last = date_span(frame, spec.filters)
        subtitle = spec.scene.stamp.dates if spec.scene is not None else format_date_range(first, last, spec.lang)
        self.inside = self._inside_mask()
        subtitle = " · ".join(p for p in (subtitle, self._count_text()) if p)
        draw_header(self.figure, self.layout, title=spec.title_text(), subtitle=subtitle, filter_lines=filter_lines,
                    lang=spec.lang)
        data_text = spec.data_stamp.text(spec.lang) if spec.data_stamp else ""
        draw_footer(self.figure, self.layout, data_text=data_text,
                    attribution_text=label("export.basemap", spec.lang, "Basemap: {source}",
                                           source=self.attribution), lang=spec.lang)
        self.scale_m, scale_box = draw_scale_bar(self.ax, self.viewport, lang=spec.lang)
        self.marker_pt = marker_size(int(self.inside.sum()))
        marker_px = self.marker_pt * size.dpi / 72
        self.ring_px = 0.7 * marker_px  # labels start this far from their point (the smallest ring)
        self.positions = marker_positions(self.located, self.viewport, marker_px=marker_px,
                                          merge_px=1.6 * marker_px)
        if spec.scene is not None:
            entries = scene_legend_entries(spec.scene.legend)
        else:
            shown_rows = self.located.loc[self.inside] if self.inside.any() else self.located
            entries = legend_entries(shown_rows if len(shown_rows) else frame, self.colours, spec.lang)
        self.legend_corner = self._legend_corner()
        self.legend = draw_legend(self.ax, entries, lang=spec.lang, corner=self.legend_corner,
                                  marker_pt=MARKER_PT * 0.9) if entries else None
        self.control_corner = self._control_corner()
        self.control_legend = draw_control_legend(
            self.ax, spec.scene.control if spec.scene is not None else None, lang=spec.lang,
            corner=self.control_corner)
        self.labels = self._draw_labels([a for a in (self.legend, scale_box, *self.control_legend)
                                         if a is not None])
        self._hide_covered_country_names([a for a in (self.legend, scale_box, *self.labels) if a is not None])
        if self.located.empty:
            self.ax.text(0.5, 0.5, self._empty_text(),
                         parse_math=False, transform=self.ax.transAxes, ha="center", va="center", fontsize=16,
                         color="#333333", family=self.family, zorder=30,
                         bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#999999",
                               "alpha": 0.92})

    def _empty_text(self) -> str:
        """What the picture says when no event is on it (the scene says which filters to loosen)."""
        note = self.spec.scene.empty if self.spec.scene is not None else None
        if note is None:
            return label("export.no_events", self.spec.lang, "No events match the filters")
        loosen = t("scene.loosen", self.spec.lang, filters=", ".join(note.loosen)) if note.loosen else ""
        return "\n".join(p for p in (note.message, loosen) if p)

    def _count_text(self) -> str:
        """"16 events (10 on this map, 4 outside it, 2 without a place)", only the parts that apply."""
        lang = self.spec.lang
        total = label("export.events_count", lang, "{count} events", count=f"{len(self.frame):,}")
        outside = int((~self.inside).sum())
        if not outside and not self.without_coordinates:
            return total
        parts = [label("export.on_map", lang, "{count} on this map", count=f"{int(self.inside.sum()):,}")]
        if outside:
            parts.append(label("export.outside", lang, "{count} outside it", count=f"{outside:,}"))
        if self.without_coordinates:
            parts.append(label("export.not_on_map", lang, "{count} without a place",
                               count=f"{self.without_coordinates:,}"))
        separator = "، " if is_rtl(lang) else ", "
        return f"{total} ({separator.join(parts)})"

    def _inside_mask(self) -> np.ndarray:
        """Which located events have their point inside the map's extent."""
        if not len(self.located):
            return np.zeros(0, dtype=bool)
        ext = self.viewport.extent
        xy = np.array([project(a, b) for a, b in zip(self.located["latitude"].astype(float),
                                                     self.located["longitude"].astype(float), strict=True)])
        return (xy[:, 0] >= ext.xmin) & (xy[:, 0] <= ext.xmax) & (xy[:, 1] >= ext.ymin) & (xy[:, 1] <= ext.ymax)

    # --- parts ------------------------------------------------------------------------------------

    def _draw_basemap(self, tiles: TileSource | None) -> str:
        extent = self.viewport.extent
        shapes = load_basemap(basemap_for(extent))
        mosaic: TileMosaic | None = fetch_mosaic(self.viewport, tiles) if tiles is not None else None
        if mosaic is not None:
            self.ax.set_facecolor("white")
            e = mosaic.extent
            self.ax.imshow(mosaic.image, extent=(e.xmin, e.xmax, e.ymin, e.ymax), origin="upper",
                           interpolation="antialiased", zorder=0, aspect="auto")
            self.ax.set_xlim(extent.xmin, extent.xmax)
            self.ax.set_ylim(extent.ymin, extent.ymax)
            return mosaic.attribution
        names = {name: label(f"country.{name}", self.spec.lang, name) for name, _, _ in shapes.country_labels}
        self.country_names = draw_basemap(self.ax, shapes, line_scale=1.0, country_names=names,
                                          font_family=self.family, font_size=13)
        return NATURAL_EARTH

    def _hide_covered_country_names(self, in_the_way: list[Artist]) -> None:
        """A country's name under the legend or a place's label is left out (the map says it anyway)."""
        renderer = self.canvas.get_renderer()
        boxes = [a.get_window_extent(renderer) for a in in_the_way if a.get_visible()]
        for name in self.country_names:
            box = name.get_window_extent(renderer)
            if any(box.overlaps(other) for other in boxes):
                name.set_visible(False)

    def _precision_circles(self, rows: np.ndarray, alphas: np.ndarray) -> list[Artist]:
        """Translucent circles around inexact places ("near": 5 km, "region": 25 km), one per point and side."""
        from matplotlib.collections import EllipseCollection
        from matplotlib.colors import to_rgba_array

        sub = self.located.iloc[rows]
        radii = sub["geo_precision"].map(PRECISION_RADIUS_M).fillna(0).to_numpy(dtype=float)
        keep = radii > 0
        if not keep.any() or len(self.located) > CROWD:
            return []
        table = pd.DataFrame({"lat": sub["latitude"].to_numpy(dtype=float)[keep],
                                "lon": sub["longitude"].to_numpy(dtype=float)[keep],
                                "side": sub["side"].to_numpy(dtype=object)[keep], "radius": radii[keep],
                                "alpha": alphas[keep]})
        circles = table.groupby(["lat", "lon", "side", "radius"], as_index=False, sort=False)["alpha"].max()
        lat = circles["lat"].to_numpy()
        centres = np.array([project(a, b) for a, b in zip(lat, circles["lon"], strict=True)])  # not the ring
        diameters = 2 * circles["radius"].to_numpy() / np.cos(np.radians(lat))  # ground → Mercator metres
        colours = to_rgba_array([self.colours[s] for s in circles["side"]])
        faces, edges = colours.copy(), colours.copy()
        faces[:, 3] = 0.08 * circles["alpha"].to_numpy()
        edges[:, 3] = 0.35 * circles["alpha"].to_numpy()
        return [self.ax.add_collection(EllipseCollection(
            diameters, diameters, np.zeros(len(diameters)), units="xy", offsets=centres,
            offset_transform=self.ax.transData, facecolors=faces, edgecolors=edges, linewidths=0.7, zorder=4))]

    def _draw_labels(self, in_the_way: list[Artist]) -> list[Artist]:
        renderer = self.canvas.get_renderer()
        half = self.marker_pt * self.size.dpi / 72 / 2 + 2
        obstacles = marker_boxes_display(self.ax, self.positions, half_px=half)
        for artist in in_the_way:
            ext = artist.get_window_extent(renderer)
            obstacles.append((ext.x0, ext.y0, ext.x1, ext.y1))
        if self.spec.scene is not None:
            chosen = [PlaceLabel(lab.text.casefold(), lab.text, lab.lat, lab.lon, lab.kind is not LabelKind.TOWN,
                                 float(lab.priority)) for lab in self.spec.scene.labels
                      if self.spec.show_towns or lab.kind is not LabelKind.TOWN]
            return place_labels(self.ax, chosen, viewport=self.viewport, obstacles=obstacles, family=self.family,
                                lang=self.spec.lang, clearance_px=self.ring_px + half)
        wanted: list[PlaceLabel] = event_place_labels(self.located, naming=self.spec.naming)
        if self.spec.show_towns:
            wanted += town_labels(self.viewport, naming=self.spec.naming, limit=MAX_TOWN_LABELS,
                                  exclude={p.key for p in wanted})
        return place_labels(self.ax, wanted, viewport=self.viewport, obstacles=obstacles, family=self.family,
                            lang=self.spec.lang, clearance_px=self.ring_px + half)

    def _control_corner(self) -> Corner:
        """The control legend's corner: the top corner the events' legend left free."""
        wanted: list[Corner] = (["upper right", "upper left"] if is_rtl(self.spec.lang)
                                else ["upper left", "upper right"])
        taken = self.legend_corner if self.legend is not None else ""
        return next((c for c in wanted if c != taken), wanted[-1])

    def _legend_corner(self) -> Corner:
        """The corner whose quarter holds the fewest markers (right-hand corners first in LTR)."""
        corners: list[Corner] = ["upper right", "lower right", "upper left"]
        if is_rtl(self.spec.lang):
            corners = ["upper left", "lower left", "upper right"]
        if not len(self.positions):
            return corners[0]
        ext = self.viewport.extent
        fx = (self.positions[:, 0] - ext.xmin) / ext.width
        fy = (self.positions[:, 1] - ext.ymin) / ext.height

        def crowd(corner: str) -> int:
            in_x = fx > 0.6 if "right" in corner else fx < 0.4
            in_y = fy > 0.45 if "upper" in corner else fy < 0.55
            return int((in_x & in_y).sum())

        return min(corners, key=lambda c: (crowd(c), corners.index(c)))

    # --- markers --------------------------------------------------------------------------------

    def add_markers(self, rows: np.ndarray | None = None, *, alphas: np.ndarray | None = None) -> list[Artist]:
        """Draw the markers of `self.located`'s rows `rows` (default all) with per-row `alphas` (default 1)."""
        if rows is None:
            rows = np.arange(len(self.located))
        if alphas is None:
            alphas = np.ones(len(rows))
        artists: list[Artist] = []
        if not len(rows):
            return artists
        artists += self._precision_circles(rows, alphas)
        sub = self.located.iloc[rows]
        xy = self.positions[rows]
        sides = sub["side"].to_numpy(dtype=object)
        types = sub["event_type"].to_numpy(dtype=object)
        statuses = sub["status"].to_numpy(dtype=object)
        size = (self.marker_pt**2) * 1.0
        # One scatter per (status, shape): matplotlib draws one marker path and one dash style per collection.
        for status in dict.fromkeys(statuses):
            style = status_style(status)
            for event_type in dict.fromkeys(types[statuses == status]):
                pick = (statuses == status) & (types == event_type)
                colours = [self.colours[s] for s in sides[pick]]
                face, edge = marker_colours(style, colours, alphas[pick])
                artists.append(self.ax.scatter(
                    xy[pick, 0], xy[pick, 1], s=size, marker=shape_for(event_type).matplotlib_marker,
                    facecolors=face, edgecolors=cast("Any", edge),  # RGBA rows (the stubs list no array)
                    linewidths=style.stroke_width / 1.5 * 1.1,
                    linestyle=(0, (2.5, 1.5)) if style.dash else "solid", zorder=10 + (1 if style.filled else 0)))
        return artists

    def rgba(self) -> np.ndarray:
        self.canvas.draw()
        return np.asarray(self.canvas.buffer_rgba())

    def encode_png(self) -> bytes:
        from PIL import Image
        from PIL.PngImagePlugin import PngInfo

        image = Image.fromarray(self.rgba()[..., :3].copy(), "RGB")
        if image.size != (self.size.width, self.size.height):
            image = _fit_canvas(image, self.size.width, self.size.height)
        info = PngInfo()
        info.add_itxt("Title", self.spec.title_text())
        info.add_itxt("Description", describe_filters(self.spec.filters, "en"))
        if self.spec.data_stamp is not None:
            info.add_itxt("Source", self.spec.data_stamp.text("en"))
        info.add_itxt("Copyright", f"Basemap: {self.attribution}")
        out = io.BytesIO()
        image.save(out, format="PNG", pnginfo=info, dpi=(self.size.dpi, self.size.dpi), compress_level=6)
        return out.getvalue()

    def close(self) -> None:
        self.figure.clear()


def _fit_canvas(image, width: int, height: int):
    """Pad or crop by the odd pixel matplotlib's rounding may leave."""
    from PIL import Image

    canvas = Image.new("RGB", (width, height), "white")
    canvas.paste(image.crop((0, 0, min(width, image.width), min(height, image.height))), (0, 0))
    return canvas


def render_png(frame: pd.DataFrame, *, size: PixelSize, extent: Extent, spec: PictureSpec,
               tiles: TileSource | None = None) -> RenderedPicture:
    """The picture of `frame` (already filtered) over `extent`, as PNG bytes."""
    from matplotlib.text import Text

    if len(frame) and "latitude" not in frame.columns:
        raise ExportError("the events frame has no latitude/longitude columns")
    figure = MapFigure(frame, size=size, extent=extent, spec=spec, tiles=tiles)
    try:
        figure.add_markers()
        data = figure.encode_png()
    finally:
        figure.close()
    return RenderedPicture(
        data=data, width=size.width, height=size.height, viewport=figure.viewport, map_left=figure.map_left,
        map_top=figure.map_top, attribution=figure.attribution, events_drawn=len(figure.located),
        events_without_coordinates=figure.without_coordinates,
        labels=tuple(a.get_text() for a in figure.labels if isinstance(a, Text)),
    )


def fit_extent(frame: pd.DataFrame, *, fallback_bbox: tuple[float, float, float, float],
               keep_outliers: bool = False) -> Extent:
    """The extent that holds the located events of `frame`, or `fallback_bbox` (S, W, N, E) when none is.

    Unless `keep_outliers`, a few events far from the rest (talks in Geneva during a war in the
    Caucasus) do not shrink the war to a dot: events farther from the median point than
    `OUTLIER_FACTOR` times the median distance are left out of the fit (the picture says how many
    events lie outside it).
    """
    located = frame.loc[has_coordinates(frame)] if len(frame) else frame
    if not len(located):
        return Extent.from_bbox(*fallback_bbox)
    lat = located["latitude"].to_numpy(dtype=float)
    lon = located["longitude"].to_numpy(dtype=float)
    if not keep_outliers and len(located) >= OUTLIER_MIN_EVENTS:
        xy = np.array([project(a, b) for a, b in zip(lat, lon, strict=True)])
        distance = np.hypot(*(xy - np.median(xy, axis=0)).T)
        keep = distance <= max(OUTLIER_FACTOR * float(np.median(distance)), MIN_SPAN_M)
        lat, lon = lat[keep], lon[keep]
    return Extent.around_points(zip(lat, lon, strict=True))


def view_extent(*, center: tuple[float, float] | None, zoom: float | None, screen: tuple[int, int],
                frame: pd.DataFrame, fallback_bbox: tuple[float, float, float, float]) -> Extent:
    """The dashboard's view (Leaflet's centre + zoom on a map of `screen` pixels), or the events' extent."""
    if center is not None and zoom is not None and all(math.isfinite(v) for v in center):
        return Extent.from_leaflet(center=center, zoom=zoom, width_px=screen[0], height_px=screen[1])
    return fit_extent(frame, fallback_bbox=fallback_bbox)
