"""The view in the address bar: restored once when a session opens, written back after every change.

The conversion is `eventmap.urlstate` (pure); this module only moves values between `st.query_params`
and the widgets' session state. Parameters that are not ours (e.g. the presentation view's) are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from eventmap.filtering import Filters
from eventmap.i18n import languages
from eventmap.scene import AreaKey, Lang
from eventmap.urlstate import PARAMETERS, ViewState, from_query, query_differs, to_query
from geo.naming import Naming
from ui.sidebar import (
    BASEMAP_KEY,
    CHOICE_WIDGETS,
    DATES_KEY,
    LANG_KEY,
    MIN_FATALITIES_KEY,
    NAMING_KEY,
    SELECTED_EVENT_KEY,
    SOURCES_KEY,
    TEXT_KEY,
)

CENTER_PENDING_KEY = "_center_on_selected"  # the map centres on the selected event once, then lets the user pan
RESTORED_KEY = "_url_restored"
IGNORED_KEY = "_url_ignored"
MAP_CENTER_KEY = "map_center"
MAP_ZOOM_KEY = "map_zoom"
KEEP_VIEW_KEY = "map_keep_view"  # "keep my view" (a toggle over the map)
AREAS_KEY = "map_areas"  # area layers shown (toggles over the map), AreaKey values
VIEW_KEY = "_view"  # the ViewState of the last full run (the map fragment updates its centre and zoom)


def current_params() -> dict[str, list[str]]:
    """Every query parameter with all its values."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def restore_once(*, basemaps: Sequence[str]) -> ViewState | None:
    """On a session's first run, put the URL's view into the widgets' state; returns it (None afterwards)."""
    if st.session_state.get(RESTORED_KEY):
        return None
    st.session_state[RESTORED_KEY] = True
    state = from_query(current_params(), langs=languages(), basemaps=basemaps)
    apply_to_session(state)
    st.session_state[IGNORED_KEY] = state.ignored
    return state


def apply_to_session(state: ViewState) -> None:
    f = state.filters
    if f.date_from is not None or f.date_to is not None:
        st.session_state[DATES_KEY] = (f.date_from, f.date_to)
    for field_name, (key, _column) in CHOICE_WIDGETS.items():
        values = getattr(f, field_name)
        if values:
            st.session_state[key] = list(values)
    if f.text:
        st.session_state[TEXT_KEY] = f.text
    if f.min_fatalities:
        st.session_state[MIN_FATALITIES_KEY] = f.min_fatalities
    st.session_state[SOURCES_KEY] = f.sources.value
    st.session_state[LANG_KEY] = state.lang.value  # the widgets hold the values; `display_choices` reads enums
    st.session_state[NAMING_KEY] = state.naming.value
    st.session_state[BASEMAP_KEY] = state.basemap
    if state.center is not None:
        st.session_state[MAP_CENTER_KEY] = state.center
    if state.zoom is not None:
        st.session_state[MAP_ZOOM_KEY] = state.zoom
    st.session_state[KEEP_VIEW_KEY] = state.keep_view
    st.session_state[AREAS_KEY] = [key.value for key in state.areas]
    if state.selected_event:
        st.session_state[SELECTED_EVENT_KEY] = state.selected_event
        if state.center is None:  # a link to an event without a view: show the event
            st.session_state[CENTER_PENDING_KEY] = True


def view_from_session(filters: Filters, *, lang: Lang, naming: Naming, basemap: str) -> ViewState:
    """The view this session shows now. `present` is read through from the URL: the presentation view owns it."""
    present = from_query({"present": st.query_params.get_all("present")}).present if "present" in st.query_params \
        else False
    center = st.session_state.get(MAP_CENTER_KEY)
    return ViewState(
        filters=filters,
        center=tuple(center) if center else None,
        zoom=st.session_state.get(MAP_ZOOM_KEY),
        naming=naming,
        lang=lang,
        basemap=basemap,
        present=present,
        selected_event=st.session_state.get(SELECTED_EVENT_KEY, "") or "",
        keep_view=bool(st.session_state.get(KEEP_VIEW_KEY, False)),
        areas=tuple(AreaKey(key) for key in st.session_state.get(AREAS_KEY) or ()),
    )


def write(state: ViewState) -> None:
    """Put `state` in the address bar (only when it changed; other parameters stay)."""
    st.session_state[VIEW_KEY] = state
    wanted = to_query(state)
    params = current_params()
    if not query_differs(params, wanted):
        return
    merged: dict[str, str | list[str]] = {k: v for k, v in params.items() if k not in PARAMETERS}
    merged.update(wanted)
    st.query_params.from_dict(merged)


def write_map_view(center: tuple[float, float] | None, zoom: int | None) -> None:
    """After the map moved (from the map's fragment): store and publish the new centre and zoom."""
    if center is not None:
        st.session_state[MAP_CENTER_KEY] = center
    if zoom is not None:
        st.session_state[MAP_ZOOM_KEY] = zoom
    state = st.session_state.get(VIEW_KEY)
    if isinstance(state, ViewState):
        write(replace(state, center=center or state.center, zoom=zoom if zoom is not None else state.zoom))
