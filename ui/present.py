"""Presentation mode: the map full screen for a projector, with timeline playback and story stepping.

Switched on by `switch()` (a button in the sidebar, which also picks the story) or by `?present=1` in the
URL; the URL is where the mode lives, so a link opens it. `render()` hides the sidebar and the app's
chrome and shows the presentation document (`eventmap.playback`) in an iframe that fills the window.
Playback runs in the browser; the day shown survives a rerun (a language switch) because the document
keeps it in the tab's session storage. A small bar in the corner leaves presentation mode and switches
the language (which the app's URL and the dashboard then follow).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.filtering import apply_filters
from eventmap.i18n import is_rtl, language_name, languages, t
from eventmap.playback import Story, build_playback_document, ready_made_stories
from eventmap.scene import Lang, SceneView, build_scene
from eventmap.urlstate import ViewState
from geo.naming import Naming, display_name
from ui import story_editor, story_panel
from ui.sidebar import LANG_KEY

PRESENT_PARAM = "present"
SWITCH_KEY = "present_switch"
EXIT_KEY = "present_exit"
LANG_SWITCH_KEY = "present_lang"
STORY_KEY = "present_story"
STORY_EVENTS_KEY = "present_story_events"
NO_STORY = ""
CUSTOM_STORY = "custom"
OWN_STORY = "own"  # a story file uploaded, or opened from `?story=KEY` (ui.story_panel)
PICK_OWN_KEY = "_present_pick_own"
DEFAULT_STORY = "article-2020-10-09"
FRAME_CONTAINER = "em-present-frame"
BAR_CONTAINER = "em-present-bar"
FRAME_HEIGHT_PX = 1080  # the CSS below stretches it to the window's height

FULL_SCREEN_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stBottom"], footer { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0 !important; margin: 0 !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0 !important; }
.st-key-em-present-frame, .st-key-em-present-frame [data-testid="stElementContainer"] { width: 100vw !important; }
.st-key-em-present-frame iframe {
  position: fixed; inset: 0; width: 100vw !important; height: 100vh !important; border: 0; z-index: 1; }
.st-key-em-present-bar {
  position: fixed; top: 12px; z-index: 1000; width: auto !important; display: flex; flex-direction: row;
  align-items: center; gap: 12px; padding: 6px 12px; background: #ffffff; border: 3px solid #111111;
  border-radius: 10px; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.35);
  font-family: "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
.st-key-em-present-bar > div { width: auto !important; }
.st-key-em-present-bar button, .st-key-em-present-bar p, .st-key-em-present-bar label {
  font-size: 20px !important; font-weight: 700; min-height: 48px; }
"""


def enter() -> None:
    """Switch presentation mode on (a widget callback)."""
    st.query_params[PRESENT_PARAM] = "1"


def leave() -> None:
    """Switch presentation mode off (a widget callback)."""
    if PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def _copy_language() -> None:
    chosen = st.session_state.get(LANG_SWITCH_KEY)
    if chosen in languages():
        st.session_state[LANG_KEY] = chosen


def switch(events: pd.DataFrame, *, lang: Lang, naming: Naming, settings: Settings) -> None:
    """The sidebar's control: which story to step through (a bundled one, a list of events or the teacher's
    own file), its share link and handout, and the button that starts presentation mode."""
    stories = ready_made_stories()
    if story_panel.from_url(events, settings=settings, lang=lang) or st.session_state.pop(PICK_OWN_KEY, False):
        st.session_state[STORY_KEY] = OWN_STORY
    own = story_panel.own_story()
    offered = [NO_STORY, *stories, CUSTOM_STORY, *([OWN_STORY] if own is not None else [])]
    if st.session_state.get(STORY_KEY) not in offered:
        st.session_state[STORY_KEY] = DEFAULT_STORY if DEFAULT_STORY in stories else NO_STORY

    def story_label(key: str) -> str:
        if key == NO_STORY:
            return t("story.none", lang)
        if key == CUSTOM_STORY:
            return t("present.story_custom", lang)
        if key == OWN_STORY and own is not None:
            return t("present.story_uploaded", lang, title=own.title(lang))
        return stories[key].title(lang)

    with st.sidebar.expander(t("present.section", lang), expanded=False):
        st.selectbox(t("story.label", lang), offered, key=STORY_KEY, format_func=story_label,
                     help=t("present.story_help", lang))
        if st.session_state[STORY_KEY] == CUSTOM_STORY:
            ordered = events.sort_values("date", kind="stable")
            labels = {
                row.event_id: " · ".join((row.date.date().isoformat(), display_name(row.location, naming),
                                          row.description))
                for row in ordered.itertuples(index=False)
            }
            st.multiselect(t("present.story_events", lang), list(labels), key=STORY_EVENTS_KEY,
                           format_func=lambda event_id: labels.get(event_id, event_id)[:120])
        uploaded = story_panel.upload(events, settings=settings, lang=lang)
        written = story_editor.editor(events, settings=settings, lang=lang)
        if uploaded or written is not None:
            st.session_state[PICK_OWN_KEY] = True
            st.rerun()
        if st.session_state[STORY_KEY] == OWN_STORY and own is not None:
            story_panel.share_link(own, settings=settings, lang=lang)
        story_panel.handout(events, chosen_story(events), settings=settings, lang=lang)
        st.button(t("present.toggle", lang), key=SWITCH_KEY, on_click=enter, type="primary",
                  help=t("present.toggle_help", lang), width="stretch")


def chosen_story(events: pd.DataFrame) -> Story | None:
    """The story picked in the sidebar (the article's by default), or None."""
    key = st.session_state.get(STORY_KEY, DEFAULT_STORY)
    if key == CUSTOM_STORY:
        picked = [i for i in st.session_state.get(STORY_EVENTS_KEY, []) if isinstance(i, str)]
        if not picked:
            return None
        dates = events.set_index("event_id")["date"]
        ordered = sorted(picked, key=lambda i: (dates.get(i, pd.Timestamp.max), picked.index(i)))
        titles = {code: t("present.story_custom", code) for code in languages()}
        return Story(key=CUSTOM_STORY, titles=titles, event_ids=tuple(dict.fromkeys(ordered)))
    if key == OWN_STORY:
        return story_panel.own_story()
    return ready_made_stories().get(key)


def hide_app_chrome(lang: Lang) -> None:
    """No sidebar, header, toolbar or padding: the presentation fills the window."""
    side = "left" if is_rtl(lang) else "right"
    st.html(f"<style>{FULL_SCREEN_CSS}\n.st-key-{BAR_CONTAINER} {{ {side}: 12px; }}</style>")


def render(events: pd.DataFrame, *, view: ViewState, settings: Settings,
           control: ControlHistory | None = None) -> bool:
    """Presentation mode instead of the dashboard (the caller stops after it). Always True: it was shown.
    `control`: the territorial control the playback draws day by day (None: none)."""
    lang = view.lang
    hide_app_chrome(lang)
    with st.container(key=BAR_CONTAINER, horizontal=True):
        st.button(t("present.exit", lang), key=EXIT_KEY, on_click=leave)
        if st.session_state.get(LANG_SWITCH_KEY) != lang.value:
            st.session_state[LANG_SWITCH_KEY] = lang.value
        st.segmented_control(t("playback.language", lang), languages(), key=LANG_SWITCH_KEY,
                             format_func=language_name, on_change=_copy_language, label_visibility="collapsed",
                             required=True)
    shown = apply_filters(events, view.filters)
    scene = build_scene(shown, full_frame=events, filters=view.filters, lang=lang, naming=view.naming,
                        view=SceneView(center=view.center, zoom=view.zoom, keep=view.keep_view),
                        sides_config_path=settings.sides_config_path,
                        areas=frozenset(view.areas))
    document = build_playback_document(
        shown, naming=view.naming, lang=lang, asset_mode="served", filters=view.filters,
        story=chosen_story(events), basemap=view.basemap, language_switch=False, remember=True, scene=scene,
        control=control,
    )
    with st.container(key=FRAME_CONTAINER):
        st.iframe(document, height=FRAME_HEIGHT_PX)
    return True
