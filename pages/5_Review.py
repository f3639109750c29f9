"""Review (the team store only): proposed revisions, oldest first, each with its differences from the
published event; a reviewer publishes or rejects other people's revisions, with a note, never their own.
"""

from __future__ import annotations

import streamlit as st

from eventmap.i18n import t
from ui import edit_common, edit_review
from ui.router import start_page

settings, choices = start_page()
lang = choices.lang

st.title(t("review.title", lang))
store = edit_common.team_store_or_stop(settings, lang=lang)
principal = edit_common.current_principal(settings)
edit_common.who_line(principal, lang=lang)
edit_review.render(store, principal, lang=lang)
