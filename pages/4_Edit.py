"""Edit events (the team store only): choose an event by its id, place or description, or a new one; the
form starts from the published revision; Save proposes a revision for a reviewer, with a reason; Retract
proposes to withdraw the event. A viewer reads the event's history only. In file mode the page says, in one
sentence, that editing needs the team store and how to start it.
"""

from __future__ import annotations

import streamlit as st

from access import Action, allowed
from eventmap.i18n import t
from services.team import event_state
from store import StoreUnavailableError
from ui import data, edit_common, edit_form, edit_history

page = edit_common.start_team_page("edit.title")
lang, store, principal = page.lang, page.store, page.principal
may_edit = allowed(principal, Action.PROPOSE)
if not may_edit:
    st.info(t("edit.read_only", lang), icon=":material/lock:")

events = edit_common.published_events(page.settings)
chosen = edit_common.choose_event(events, store, lang=lang, allow_new=may_edit)
try:
    state = event_state(store, chosen) if chosen != edit_common.NEW_EVENT else None
except StoreUnavailableError as error:
    data.store_unavailable(error)

if chosen != edit_common.NEW_EVENT:
    st.page_link("pages/6_History.py", label=t("edit.open_history", lang), icon=":material/history:",
                 query_params={"event": chosen})
if may_edit:
    edit_form.render(store, principal, chosen, state, lang=lang)
elif state is not None:
    edit_history.render(state, lang=lang, team=False)
edit_common.export_buttons(store, lang=lang)
