"""Writing a teacher's story in the dashboard: the story's title per language and a table of steps.

Each row is a step: first and last day, the view ("lat, lon, zoom" or "S, W, N, E", optional), the ids
of the events it highlights (comma-separated), and a title and a text per language. **Use this story**
builds the same file a teacher would write (`services.stories.story_file`), checks it like an upload
(a mistake names the step and the field) and plays it (shared by a link only for an editor, as an upload);
the file can be downloaded to keep or edit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from base.settings import Settings
from eventmap.i18n import language_name, languages, t
from eventmap.playback import Story, StoryError
from services.stories import read_story, story_file
from ui import story_panel

WRITE_KEY = "present_story_write"
EDITOR_KEY = "present_story_editor"
USE_KEY = "present_story_use"
FILE_KEY = "present_story_file"
WRITTEN_KEY = "_present_story_written"  # the bytes of the last story used from the editor
FILE_NAME = "my-story.json"


def title_key(code: str) -> str:
    return f"present_story_title_{code}"


def _columns(lang: str) -> dict[str, object]:
    config: dict[str, object] = {
        "from": st.column_config.TextColumn(t("present.col_from", lang), help="YYYY-MM-DD"),
        "to": st.column_config.TextColumn(t("present.col_to", lang), help="YYYY-MM-DD"),
        "view": st.column_config.TextColumn(t("present.col_view", lang), help=t("present.col_view_help", lang)),
        "event_ids": st.column_config.TextColumn(t("present.col_events", lang),
                                                 help=t("present.col_events_help", lang)),
    }
    for code in languages():
        name = language_name(code)
        config[f"title_{code}"] = st.column_config.TextColumn(t("present.col_title", lang, language=name))
        config[f"text_{code}"] = st.column_config.TextColumn(t("present.col_text", lang, language=name))
    return config


def editor(events: pd.DataFrame, *, settings: Settings, lang: str) -> Story | None:
    """The editor behind a toggle; the story when **Use this story** made one just now (it is then played,
    and kept on the server for a link when this session may share stories)."""
    if not st.toggle(t("present.story_write", lang), key=WRITE_KEY, help=t("present.story_write_help", lang)):
        return None
    codes = languages()
    for code in codes:
        st.text_input(t("present.story_title", lang, language=language_name(code)), key=title_key(code))
    columns = _columns(lang)
    empty = pd.DataFrame({name: pd.Series([""], dtype="object") for name in columns})
    edited = st.data_editor(empty, key=EDITOR_KEY, num_rows="dynamic", hide_index=True, column_config=columns)
    story = None
    if st.button(t("present.story_use", lang), key=USE_KEY, type="primary"):
        titles = {code: str(st.session_state.get(title_key(code)) or "") for code in codes}
        try:
            data = story_file(titles=titles, rows=edited.to_dict("records"), languages=codes, origin=FILE_NAME)
            story = read_story(data, name=FILE_NAME, event_ids=events["event_id"].astype(str))
            shared = story_panel.keep_on_server(data, settings=settings)
        except (StoryError, OSError) as exc:
            st.error(t("present.story_bad", lang, reason=exc), icon=":material/error:")
            return None
        story_panel.take(story, shared=shared)
        st.session_state[WRITTEN_KEY] = data
    written = st.session_state.get(WRITTEN_KEY)
    if isinstance(written, bytes):
        st.download_button(t("present.story_download", lang), data=written, file_name=FILE_NAME,
                           mime="application/json", key=FILE_KEY, icon=":material/download:")
    return story
