"""A teacher's own story in the presentation section: upload it, share it by a link, print its handout.

An uploaded story file is checked against the data (`services.stories.read_story`), saved in the state
folder under its content key and put in the URL as `?story=KEY`, so the link opens the same story for a
colleague on the same server (only for an editor: a viewer's story plays in their own browser, nothing is
written on the server); a key that names no story (or an unusable one) is said, never a crash.
The handout (A4 PDF, one page per step) is drawn when asked for, in the language chosen, and kept for
the session so the download button does not draw it again on every rerun.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from access import Action, allowed
from base.settings import Settings
from eventmap.i18n import language_name, languages, t
from eventmap.playback import Story, StoryError
from eventmap.scene import Lang
from services.stories import handout_pdf, read_story, share_story, shared_story
from ui import who

STORY_PARAM = "story"
OWN_STORY_KEY = "present_own_story"  # the Story uploaded or opened from the URL
UPLOAD_KEY = "present_story_upload"
SEEN_UPLOAD_KEY = "_present_story_upload_seen"
HANDOUT_LANG_KEY = "present_handout_lang"
HANDOUT_MAKE_KEY = "present_handout_make"
HANDOUT_KEY = "present_handout_download"
HANDOUT_DATA_KEY = "_present_handout"  # (story key, lang, PDF bytes)
URL_STORY_SEEN_KEY = "_present_url_story"


def own_story() -> Story | None:
    story = st.session_state.get(OWN_STORY_KEY)
    return story if isinstance(story, Story) else None


def take(story: Story, *, shared: bool) -> None:
    """Play `story` (the teacher's own); name it in the URL when it is kept on the server (`shared`)."""
    st.session_state[OWN_STORY_KEY] = story
    if shared:
        st.query_params[STORY_PARAM] = story.key
    else:
        st.query_params.pop(STORY_PARAM, None)


def keep_on_server(data: bytes, *, settings: Settings) -> bool:
    """Keep a checked story file on the server for a link, when this session may; True when kept."""
    principal = who.current(settings)
    if not allowed(principal, Action.SHARE_STORY):
        return False
    share_story(principal, data, state_dir=settings.state_dir)
    return True


def from_url(events: pd.DataFrame, *, settings: Settings, lang: str) -> bool:
    """Open the story `?story=KEY` names (once per key); True when one was taken from the URL just now."""
    key = st.query_params.get(STORY_PARAM)
    if not key or st.session_state.get(URL_STORY_SEEN_KEY) == key:
        return False
    st.session_state[URL_STORY_SEEN_KEY] = key
    current = own_story()
    if current is not None and current.key == key:
        return False
    try:
        story = shared_story(key, state_dir=settings.state_dir, event_ids=events["event_id"].astype(str))
    except StoryError as exc:
        message = t("present.shared_missing", lang, story=key[:40], reason=exc)
        st.sidebar.error(message, icon=":material/error:")
        st.toast(message, icon=":material/error:")  # seen in presentation mode too, where the sidebar is hidden
        return False
    st.session_state[OWN_STORY_KEY] = story
    return True


def upload(events: pd.DataFrame, *, settings: Settings, lang: str) -> bool:
    """The uploader; True when a new story file was taken (it is then the story played)."""
    file = st.file_uploader(t("present.story_upload", lang), type=["json"], key=UPLOAD_KEY,
                            help=t("present.story_upload_help", lang))
    if file is None:
        st.session_state.pop(SEEN_UPLOAD_KEY, None)
        return False
    data = file.getvalue()
    if st.session_state.get(SEEN_UPLOAD_KEY) == (file.name, len(data)):
        return False
    st.session_state[SEEN_UPLOAD_KEY] = (file.name, len(data))
    try:
        story = read_story(data, name=file.name, event_ids=events["event_id"].astype(str))
        shared = keep_on_server(data, settings=settings)
    except (StoryError, OSError) as exc:
        st.error(t("present.story_bad", lang, reason=exc), icon=":material/error:")
        return False
    take(story, shared=shared)
    return True


def share_link(story: Story, *, settings: Settings, lang: str) -> None:
    """The link that opens this story (in presentation mode) for a colleague on the same server; for a
    viewer, who cannot keep a story on the server, a line saying who can."""
    if not who.may(settings, Action.SHARE_STORY):
        st.caption(t("present.share_needs_editor", lang))
        return
    query = urlencode({STORY_PARAM: story.key, "present": "1", "lang": lang})
    base = (st.context.url or "").split("?")[0]
    st.caption(t("present.share", lang), help=t("present.share_help", lang))
    st.code(f"{base}?{query}", language=None, wrap_lines=True)


def handout(events: pd.DataFrame, story: Story | None, *, settings: Settings, lang: str) -> None:
    """The handout's language, the button that draws it, and its download."""
    if story is None:
        return
    if not story.steps:
        st.caption(t("present.handout_needs_steps", lang))
        return
    if st.session_state.get(HANDOUT_LANG_KEY) not in languages():
        st.session_state[HANDOUT_LANG_KEY] = lang
    chosen = st.segmented_control(t("present.handout_lang", lang), languages(), key=HANDOUT_LANG_KEY,
                                  format_func=language_name, required=True)
    ready = st.session_state.get(HANDOUT_DATA_KEY)
    if not (isinstance(ready, tuple) and ready[:2] == (story.key, chosen)):
        ready = None
        if st.button(t("present.handout", lang), key=HANDOUT_MAKE_KEY, help=t("present.handout_help", lang),
                     icon=":material/picture_as_pdf:"):
            try:
                with st.spinner(t("present.handout_help", lang)):
                    ready = (story.key, chosen, handout_pdf(events, story, lang=Lang(chosen), settings=settings))
            except StoryError as exc:
                st.error(t("present.story_bad", lang, reason=exc), icon=":material/error:")
                return
            st.session_state[HANDOUT_DATA_KEY] = ready
    if ready is not None:
        st.download_button(t("present.handout", lang), data=ready[2], file_name=f"handout-{story.key}-{chosen}.pdf",
                           mime="application/pdf", key=HANDOUT_KEY, icon=":material/download:", type="primary")
