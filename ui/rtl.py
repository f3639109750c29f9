"""Right-to-left layout for the dashboard when the interface language is written right to left (Arabic).

`apply_direction(lang)` adds one `<style>` element: the page's text, the sidebar, tables, the event card,
the legend and the title block run right to left with a font that has Arabic glyphs. What must not be
mirrored stays left to right: sliders and the timeline (time runs left to right, as on a media player),
the map, numbers in inputs, code and URLs.

Elements the other modules draw are reached through these class names, which they put on their HTML:
`em-card` (an event's card), `em-legend` (a legend), `em-title` (a title block), `em-ltr` (keep left to
right, e.g. a URL).
"""

from __future__ import annotations

import streamlit as st

from eventmap.i18n import is_rtl
from eventmap.scene.model import Lang

FONT_STACK = '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, Arial, sans-serif'

RTL_CSS = f"""
.stApp, .stApp button, .stApp input, .stApp textarea, .stApp select {{ font-family: {FONT_STACK}; }}
[data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"],
[data-testid="stSidebarContent"], [data-testid="stSidebarUserContent"] {{ direction: rtl; }}
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
[data-testid="stWidgetLabel"], [data-testid="stAlert"], [data-testid="stExpander"], [data-testid="stMetric"],
[data-testid="stTable"], .em-card, .em-legend, .em-title {{ direction: rtl; text-align: right; }}
[data-testid="stTable"] table {{ direction: rtl; }}
[data-testid="stTable"] th, [data-testid="stTable"] td {{ text-align: right; }}
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol {{
  padding-right: 1.5em; padding-left: 0;
}}
.em-card, .em-legend, .em-title {{ unicode-bidi: isolate; }}
/* Kept left to right: time axes, sliders, the map, URLs and code. */
[data-testid="stSlider"] [data-baseweb="slider"], [data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"],
iframe, code, pre, .em-ltr, a[href^="http"] {{ direction: ltr; unicode-bidi: isolate; }}
"""



def direction_css(lang: Lang) -> str:
    """The CSS that lays the dashboard out for `lang`: empty for a language written left to right."""
    return RTL_CSS if is_rtl(lang) else ""


def apply_direction(lang: Lang) -> None:
    """Lay the page out right to left when `lang` is written that way (call once per run, early)."""
    css = direction_css(lang)
    if css:
        st.html(f"<style>{css}</style>")
