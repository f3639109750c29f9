"""Territorial control in the dashboard: the data's control file (or the team store's changes of control),
cached, its switch over the map, its day.

The layer is on by default when the data brings a control file (`?control=0` in the URL switches it off) and
absent, with its switch, when it does not. The day drawn is the end of the timeline's date filter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from base.problems import Severity
from base.settings import Settings
from eventmap.control.history import ControlHistory
from eventmap.i18n import t
from services.control import ControlData, control_for, team_control
from services.loaded import LoadedData
from store.api import EventStore, StoreUnavailableError
from ui import data

CONTROL_SHOWN_KEY = "map_control"
CONTROL_PARAM = "control"


@st.cache_resource(show_spinner=False, max_entries=8)
def _control_cached(path: str, modified_ns: int) -> ControlData:
    del modified_ns  # part of the cache key: an edited control file is read again
    return control_for(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _team_control_cached(database_url: str, stamp: tuple[int, str], _store: EventStore) -> ControlData:
    del database_url, stamp  # the cache key: new or changed changes of control are read again
    return team_control(_store)


def control_data(loaded: LoadedData, *, settings: Settings) -> ControlData:
    """The control that comes with the data shown: the team store's for its published events, the file beside
    an events file, nothing for an upload."""
    if loaded.team_version is not None:
        store = data.connected_store(settings)
        try:
            return _team_control_cached(settings.database_url, store.control_stamp(), store)
        except StoreUnavailableError as error:
            data.store_unavailable(error)
    source_path = loaded.source_path
    if source_path is None:
        return ControlData(history=None)
    beside = source_path.parent / "control_changes.csv"
    modified = beside.stat().st_mtime_ns if beside.is_file() else 0
    return _control_cached(str(source_path), modified)


def control_switch(control: ControlData, *, lang: str) -> bool:
    """The switch over the map (only when the data has control); True when the layer is to be drawn."""
    if control.failure:
        st.warning(control.failure, icon=":material/warning:")
    if control.history is None:
        return False
    if CONTROL_SHOWN_KEY not in st.session_state:
        st.session_state[CONTROL_SHOWN_KEY] = st.query_params.get(CONTROL_PARAM, "1") != "0"
    shown = st.toggle(t("control.toggle", lang), key=CONTROL_SHOWN_KEY,
                      help=t("control.toggle_help", lang, source=control.source_name))
    if shown:
        st.query_params.pop(CONTROL_PARAM, None)
    else:
        st.query_params[CONTROL_PARAM] = "0"
    errors = [p for p in control.problems if p.severity is Severity.ERROR]
    if errors:
        st.caption(t("control.problems", lang, source=control.source_name, count=len(errors)))
    return bool(shown)


def control_wanted() -> bool:
    """Whether the user wants the layer (the switch's value, else the URL's): for the presentation view."""
    if CONTROL_SHOWN_KEY in st.session_state:
        return bool(st.session_state[CONTROL_SHOWN_KEY])
    return st.query_params.get(CONTROL_PARAM, "1") != "0"


def control_day(history: ControlHistory, *, date_to: date | None, last_event_day: date | None) -> date:
    """The day drawn: the end of the date filter, else the later of the last event and the last change."""
    if date_to is not None:
        return date_to
    return max(d for d in (last_event_day, history.last_day) if d is not None)
