"""The export panel: a size preset, a title, and download buttons for the current view.

Call from app.py (inside an expander, after the filters and the map):

    render_export_panel(view_state, frame_filtered, settings, *, data_stamp=None, screen_size=None,
                        colours=None, key="export")

- `view_state`: `eventmap.urlstate.ViewState` (filters, center, zoom, naming, lang, basemap);
- `frame_filtered`: the events shown (`apply_filters(events, view_state.filters)`);
- `settings`: `base.settings.Settings`;
- `data_stamp`: `eventmap.export.stamp.DataStamp` of the data (name, sha256, date) for the picture's
  footer; e.g. `DataStamp(name=loaded.source_name, sha256=loaded.cache_key)`;
- `screen_size`: the map's (width, height) in pixels on screen, for the "screen" preset and the extent
  (default `eventmap.export.view.DEFAULT_SCREEN`);
- `colours`: the map's side colours (`ui.map_view.colours_for`), so a side has the same colour in the picture;
- `scene`: the map's scene (`ui.map_view.scene_for`): the pictures draw it (colours, labels, legend, layers);
- `on_screen`: returns what the map shows when a button is clicked (`ui.map_view.on_screen_holder`): the
  pictures draw exactly that view.

Each button builds its file only when clicked (Streamlit runs the callable then, in its own thread), so
the panel costs nothing until someone downloads. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.export.stamp import DataStamp
from eventmap.export.view import DEFAULT_SCREEN, ScreenView, ViewExport
from eventmap.export.viewport import PRESET_NAMES
from eventmap.i18n import t
from eventmap.scene import Scene
from eventmap.urlstate import ViewState
from services.exports import ExportKind, export_files, preset_label

ICONS = {ExportKind.PNG: ":material/image:", ExportKind.GIF: ":material/animated_images:",
         ExportKind.MP4: ":material/movie:", ExportKind.HTML: ":material/public:", ExportKind.CSV: ":material/table:",
         ExportKind.GEOJSON: ":material/location_on:"}


def render_export_panel(view_state: ViewState, frame_filtered: pd.DataFrame, settings: Settings, *,
                        data_stamp: DataStamp | None = None, screen_size: tuple[int, int] | None = None,
                        colours: Mapping[str, str] | None = None, scene: Scene | None = None,
                        on_screen: Callable[[], ScreenView | None] | None = None, key: str = "export",
                        control_history: ControlHistory | None = None) -> None:
    """The export controls for the current view (see the module docstring)."""
    lang = view_state.lang
    screen = screen_size or DEFAULT_SCREEN
    st.caption(t("export.help", lang))
    if frame_filtered.empty:
        st.info(t("export.no_rows", lang))
        return
    left, right = st.columns(2)
    preset = left.selectbox(t("export.preset", lang), PRESET_NAMES, index=1, key=f"{key}_preset",
                            format_func=lambda p: preset_label(p, lang=lang, screen_size=screen))
    title = right.text_input(t("export.title_input", lang), value=t("export.default_title", lang),
                             max_chars=120, key=f"{key}_title")
    export = ViewExport(frame=frame_filtered, view=view_state, settings=settings, data_stamp=data_stamp,
                        screen_size=screen, title=title, colours=colours, scene=scene, on_screen=on_screen,
                        control_history=control_history)
    files = export_files(export, preset=preset)
    for column, file in zip(st.columns(len(files)), files, strict=True):
        column.download_button(
            t(f"export.download_{file.kind.value}", lang), data=file.make, file_name=file.file_name, mime=file.mime,
            key=f"{key}_{file.kind.value}", on_click="ignore", icon=ICONS[file.kind], width="stretch",
        )
