"""The export panel in a Streamlit page (AppTest, no browser): presets, title and six download buttons.

The files behind the buttons are made by `eventmap.export.view.ViewExport` (tested in tests/eventmap/export);
here: the panel renders, in English and Arabic, and names its downloads safely.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

PAGE = """
from datetime import date
from pathlib import Path

import streamlit as st

from eventmap.filtering import Filters, apply_filters
from eventmap.loading import load_events
from base.settings import Settings
from eventmap.scene import Lang
from eventmap.urlstate import ViewState
from geo.naming import Naming
from ui.export_panel import render_export_panel

lang = st.session_state.get("lang", "en")
days = st.session_state.get("days", (date(2020, 10, 8), date(2020, 10, 9)))
events = load_events(Path("events.csv")).events
view = ViewState(filters=Filters(date_from=days[0], date_to=days[1]), lang=Lang(lang), naming=Naming.BOTH)
render_export_panel(view, apply_filters(events, view.filters), Settings.from_env({}), screen_size=(1200, 600))
"""

LABELS = {
    "en": ["Picture (PNG)", "Playback (GIF)", "MP4 video", "Interactive map (HTML)", "Data (CSV)", "Data (GeoJSON)"],
    "ar": ["صورة (PNG)", "عرض متحرك (GIF)", "فيديو MP4", "خريطة تفاعلية (HTML)", "البيانات (CSV)",
           "البيانات (GeoJSON)"],
}


def run_page(**state: object) -> AppTest:
    at = AppTest.from_string(PAGE, default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def buttons(at: AppTest) -> list:
    return [element.proto for element in at.get("download_button")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_six_downloads_for_the_current_view(lang: str) -> None:
    at = run_page(lang=lang)
    assert not at.exception
    assert [b.label for b in buttons(at)] == LABELS[lang]
    assert all(b.ignore_rerun for b in buttons(at))  # a download does not rerun the page
    assert all(b.deferred_file_id for b in buttons(at))  # files are made on click, not on every rerun


def test_presets_and_title() -> None:
    at = run_page()
    preset = at.selectbox(key="export_preset")
    assert preset.options == ["Screen (1200×600)", "Projector, 1920×1080", "4:3, 1024×768", "A4 print, 300 dpi"]
    assert preset.value == "1920x1080"
    assert at.text_input(key="export_title").value == "Conflict events"
    preset.set_value("a4-300dpi").run()
    assert not at.exception


def test_no_events_no_buttons() -> None:
    from datetime import date

    at = run_page(days=(date(1990, 1, 1), date(1990, 1, 2)))
    assert not at.exception
    assert buttons(at) == []
    assert "No events to export" in at.info[0].value
