"""History (the team store only): every revision of an event and the differences between any two, for
everyone; `?event=ID` opens one event's history (the dashboard's event card links here). The published set
downloads as CSV and GeoJSON, stamped with its version.
"""

from __future__ import annotations

from access import Action, allowed
from services.team import event_state
from store import StoreUnavailableError
from ui import data, edit_common, edit_history

page = edit_common.start_team_page("history.page", show_who=False)
team = allowed(page.principal, Action.PROPOSE)  # compares unpublished values
chosen = edit_common.choose_event(edit_common.published_events(page.settings), page.store, lang=page.lang,
                                  allow_new=False)
if chosen:
    try:
        state = event_state(page.store, chosen)
    except StoreUnavailableError as error:
        data.store_unavailable(error)
    edit_history.render(state, lang=page.lang, team=team)
edit_common.export_buttons(page.store, lang=page.lang)
