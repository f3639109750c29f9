"""History (the team store only): every revision of an event and the differences between any two, for
everyone; `?event=ID` opens one event's history (the dashboard's event card links here). The published set
downloads as CSV and GeoJSON, stamped with its version.
"""

from __future__ import annotations

import streamlit as st

from access import Action, allowed
from eventmap.i18n import t
from services.team import event_state
from store import StoreUnavailableError
from ui import data, edit_common, edit_history
from ui.router import start_page

settings, choices = start_page()
lang = choices.lang

st.title(t("history.page", lang))
store = edit_common.team_store_or_stop(settings, lang=lang)
team = allowed(edit_common.current_principal(settings), Action.PROPOSE)  # compares unpublished values
chosen = edit_common.choose_event(edit_common.published_events(settings), store, lang=lang, allow_new=False)
if chosen:
    try:
        state = event_state(store, chosen)
    except StoreUnavailableError as error:
        data.store_unavailable(error)
    edit_history.render(state, lang=lang, team=team)
edit_common.export_buttons(store, lang=lang)
