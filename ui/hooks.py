"""Where the dashboard hands over to the parts other modules own: right-to-left layout (`ui.rtl`), the
presentation view (`ui.present`) and the download buttons (`ui.export_panel`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.export.stamp import DataStamp
from eventmap.i18n import t
from eventmap.scene import Scene
from eventmap.scene.model import Lang
from eventmap.urlstate import ViewState
from geo.naming import Naming
from services.loading import LoadedData
from ui import map_view, present, rtl
from ui.export_panel import render_export_panel


def apply_direction(lang: Lang) -> None:
    """Right-to-left layout for Arabic."""
    rtl.apply_direction(lang)


def presentation_switch(events: pd.DataFrame, *, lang: Lang, naming: Naming, settings: Settings) -> None:
    """The sidebar's way into presentation mode (story choice, a teacher's own story, the handout, the button)."""
    present.switch(events, lang=lang, naming=naming, settings=settings)


def show_presentation(events: pd.DataFrame, view: ViewState, *, settings: Settings,
                      control: ControlHistory | None = None) -> bool:
    """The presentation view (`?present=1`) instead of the dashboard; True when it was shown."""
    return present.render(events, view=view, settings=settings, control=control)


def export_panel(shown: pd.DataFrame, *, view: ViewState, loaded: LoadedData, settings: Settings,
                 scene: Scene, control: ControlHistory | None = None) -> None:
    """Download the shown events and figures (drawing the map's scene: its colours, labels, layers)."""
    with st.expander(t("export.panel_title", view.lang), icon=":material/download:"):
        holder = map_view.on_screen_holder()
        stamp = DataStamp(name=loaded.source_name, sha256=loaded.sha256, modified=loaded.modified)
        render_export_panel(view, shown, settings, scene=scene, on_screen=lambda: holder.get("view"),
                            data_stamp=stamp, control_history=control if scene.control is not None else None)
