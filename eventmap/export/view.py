"""Every export of the dashboard's current view, as bytes: what the download buttons serve.

`ViewExport` ties the filtered events to the view (`eventmap.urlstate.ViewState`: filters, centre and
zoom, naming, language, basemap) and makes each file from it, so the picture, the playback, the HTML and
the data all show the same events. No streamlit here: `ui/export_panel.py` only adds the buttons.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.export.paths import safe_file_name
from eventmap.export.png import PictureSpec, render_png, view_extent
from eventmap.export.stamp import DataStamp
from eventmap.export.tiles import TileSource, urllib_fetcher
from eventmap.export.viewport import Extent, PixelSize, pixel_size, preset_size, resolution_at_zoom
from eventmap.scene import Bounds, Scene
from eventmap.urlstate import ViewState

DEFAULT_SCREEN = (1280, 600)  # the dashboard's map: container width × ui.map_view.MAP_HEIGHT_PX
MAX_GIF_WIDTH = 1920
MIME = {".png": "image/png", ".gif": "image/gif", ".html": "text/html", ".csv": "text/csv",
        ".geojson": "application/geo+json", ".mp4": "video/mp4"}
# matplotlib is not thread-safe, and download buttons render in Streamlit's threads: one export at a time.
RENDER_LOCK = threading.Lock()


@dataclass(frozen=True, kw_only=True)
class ScreenView:
    """What the map on screen shows right now: its bounds and Leaflet's zoom (as the browser reported them)."""

    bounds: Bounds
    zoom: float

    @property
    def extent(self) -> Extent:
        b = self.bounds
        return Extent.from_bbox(b.south, b.west, b.north, b.east)

    def size_px(self) -> tuple[int, int]:
        """The map's size in pixels on screen."""
        extent, res = self.extent, resolution_at_zoom(self.zoom)
        return round(extent.width / res), round(extent.height / res)


@dataclass(frozen=True, kw_only=True, eq=False)
class ViewExport:
    """The exports of one view of the data."""

    frame: pd.DataFrame  # already filtered with view.filters
    view: ViewState
    settings: Settings
    data_stamp: DataStamp | None = None
    screen_size: tuple[int, int] = DEFAULT_SCREEN
    title: str = ""
    colours: Mapping[str, str] | None = None  # the dashboard's side colours (without a scene)
    scene: Scene | None = None  # the scene of the map on screen: colours, labels, legend, areas, extent
    control_history: ControlHistory | None = None  # animations: each frame's territorial control
    # What the map shows at the moment a file is made (the user may have panned since this object was made).
    on_screen: Callable[[], ScreenView | None] | None = None

    def screen(self) -> ScreenView | None:
        return self.on_screen() if self.on_screen is not None else None

    @property
    def extent(self) -> Extent:
        """Exactly the view on screen (the bounds the map reported); else Leaflet's centre + zoom on a map of
        `screen_size`; before the map reported anything, the scene's extent (where the map opens)."""
        screen = self.screen()
        if screen is not None:
            return screen.extent
        if self.scene is not None and (self.view.center is None or self.view.zoom is None):
            b = self.scene.extent.bounds
            return Extent.from_bbox(b.south, b.west, b.north, b.east)
        return view_extent(center=self.view.center, zoom=self.view.zoom, screen=self.screen_size, frame=self.frame,
                           fallback_bbox=self.settings.region_bbox)

    @property
    def spec(self) -> PictureSpec:
        return PictureSpec(title=self.title, filters=self.view.filters, naming=self.view.naming, lang=self.view.lang,
                           data_stamp=self.data_stamp, sides_config_path=self.settings.sides_config_path,
                           colours=self.colours, scene=self.scene, control_history=self.control_history)

    def size(self, preset: str) -> PixelSize:
        screen = self.screen()
        return preset_size(preset, screen=screen.size_px() if screen is not None else self.screen_size)

    def tiles(self) -> TileSource | None:
        """OpenStreetMap tiles when the view shows them (falls back to the offline basemap when unreachable)."""
        if self.view.basemap != "osm":
            return None
        agent = self.settings.geocoder_user_agent
        fetch = urllib_fetcher(user_agent=agent, timeout_s=4.0) if agent else urllib_fetcher(timeout_s=4.0)
        return TileSource(url_template=self.settings.tiles_url, fetch=fetch,
                          cache_dir=self.settings.state_dir / "tiles")

    def file_name(self, suffix: str) -> str:
        """A download name from the data's name and the dates: `events_2020-10-08_2020-10-09.png`."""
        stem = self.data_stamp.name.rsplit(".", 1)[0] if self.data_stamp else "events"
        f = self.view.filters
        dates = "_".join(d.isoformat() for d in (f.date_from, f.date_to) if d is not None)
        return safe_file_name(f"{stem}_{dates}" if dates else stem, suffix=suffix)

    # --- the files ------------------------------------------------------------------------------------

    def png(self, preset: str) -> bytes:
        with RENDER_LOCK:
            return render_png(self.frame, size=self.size(preset), extent=self.extent, spec=self.spec,
                              tiles=self.tiles()).data

    def gif(self, preset: str, *, step: int = 1) -> bytes:
        from eventmap.export.gif import render_gif

        size = self.size(preset)
        if size.width > MAX_GIF_WIDTH:  # a GIF of an A4 print would be hundreds of megabytes
            size = pixel_size(MAX_GIF_WIDTH, round(size.height * MAX_GIF_WIDTH / size.width))
        with RENDER_LOCK:
            return render_gif(self.frame, size=size, extent=self.extent, spec=self.spec, step=step,
                              tiles=self.tiles())

    def mp4(self, preset: str, *, step: int = 1) -> bytes:
        from eventmap.export.gif import render_mp4

        size = self.size(preset)
        if size.width > MAX_GIF_WIDTH:
            size = pixel_size(MAX_GIF_WIDTH, round(size.height * MAX_GIF_WIDTH / size.width))
        with RENDER_LOCK:
            return render_mp4(self.frame, size=size, extent=self.extent, spec=self.spec, step=step,
                              tiles=self.tiles())

    def html(self) -> bytes:
        from eventmap.export.html import render_html

        extent = self.extent if (self.view.center is not None or len(self.frame) or self.scene) else None
        return render_html(self.frame, naming=self.view.naming, lang=self.view.lang, title=self.title,
                           filters=self.view.filters, extent=extent, basemap=self.view.basemap,
                           scene=self.scene, control=self.control_history).encode("utf-8")

    def csv(self, *, bom: bool = True) -> bytes:
        from eventmap.export.tables import events_csv

        return events_csv(self.frame, bom=bom)

    def geojson(self) -> bytes:
        from eventmap.export.tables import export_metadata, geojson_bytes

        spec = self.spec
        return geojson_bytes(self.frame, metadata=export_metadata(title=spec.title_text(), filters=spec.filters,
                                                                  data_stamp=spec.data_stamp))

    def with_title(self, title: str) -> ViewExport:
        return replace(self, title=title)
