"""The view follows new data: after a load, filters that no longer fit it are reset and the map fits it.

`follow_new_data` runs before the sidebar draws its widgets. When the data differs from the data this
session showed last (an upload, going back to the data file, the file changed), the filters are fitted
to it (`eventmap.filter_fit`), the map forgets its view (the new base map opens on the new events'
extent), and one line says what was reset. On a session's first run only the filters are fitted: a
shared link's map view is kept.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eventmap.filter_fit import fit_filters, fit_notice
from eventmap.filtering import Filters, SourceFilter, as_tuple
from eventmap.scene.model import Lang
from ui.map_view import BASE_VIEW_KEY
from ui.safe_text import plain_markdown
from ui.sidebar import (
    CHOICE_WIDGETS,
    DATES_KEY,
    FILTERS_RESET_NOTICE_KEY,
    MIN_FATALITIES_KEY,
    SELECTED_EVENT_KEY,
    SOURCES_KEY,
    TEXT_KEY,
    bump_timeline,
)
from ui.url import MAP_CENTER_KEY, MAP_ZOOM_KEY

SEEN_DATA_KEY = "_data_seen"  # the SHA-256 of the data this session showed last
LAST_FILTERS_KEY = "_last_filters"  # the Filters of the last run (what the widgets meant on that data)
NOTICE_KEY = FILTERS_RESET_NOTICE_KEY


def remember_filters(filters: Filters) -> None:
    """Keep what the filters selected on this run (the next data is compared with it)."""
    st.session_state[LAST_FILTERS_KEY] = filters


def filters_in_session() -> Filters:
    """The filters the widgets hold now: the last run's, or, before the first, what the URL put there."""
    last = st.session_state.get(LAST_FILTERS_KEY)
    if isinstance(last, Filters):
        return last
    first, last_day = st.session_state.get(DATES_KEY) or (None, None)
    choices = {name: as_tuple(st.session_state.get(key) or []) for name, (key, _column) in CHOICE_WIDGETS.items()}
    try:
        sources = SourceFilter(st.session_state.get(SOURCES_KEY) or SourceFilter.ANY.value)
    except ValueError:
        sources = SourceFilter.ANY
    return Filters(date_from=first, date_to=last_day, text=str(st.session_state.get(TEXT_KEY) or "").strip(),
                   min_fatalities=int(st.session_state.get(MIN_FATALITIES_KEY) or 0), sources=sources, **choices)


def follow_new_data(events: pd.DataFrame, *, data_id: str, lang: Lang) -> None:
    """Fit the filters (and, after a change of data, the map) to `events`; `data_id` names the data."""
    seen = st.session_state.get(SEEN_DATA_KEY)
    if seen == data_id:
        return
    st.session_state[SEEN_DATA_KEY] = data_id
    current = filters_in_session()
    fitted = fit_filters(current, events)
    _put_in_widgets(current, fitted.filters, seen_before=seen is not None)
    if seen is not None:
        for key in (MAP_CENTER_KEY, MAP_ZOOM_KEY, BASE_VIEW_KEY):
            st.session_state.pop(key, None)
        selected = st.session_state.get(SELECTED_EVENT_KEY)
        if selected and not (events["event_id"] == selected).any():
            st.session_state.pop(SELECTED_EVENT_KEY, None)
        bump_timeline()
    notice = fit_notice(fitted, lang=lang)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    else:
        st.session_state.pop(NOTICE_KEY, None)


def _put_in_widgets(before: Filters, after: Filters, *, seen_before: bool) -> None:
    if seen_before and (before.date_from, before.date_to) == (None, None):
        st.session_state.pop(DATES_KEY, None)  # it was the whole old data: it is the whole new data
    elif (after.date_from, after.date_to) != (before.date_from, before.date_to) or seen_before:
        if after.date_from is None and after.date_to is None:
            st.session_state.pop(DATES_KEY, None)
        else:
            st.session_state[DATES_KEY] = (after.date_from, after.date_to)
    for name, (key, _column) in CHOICE_WIDGETS.items():
        if getattr(after, name) != getattr(before, name):
            st.session_state[key] = list(getattr(after, name))
    if after.text != before.text:
        st.session_state[TEXT_KEY] = after.text
    if after.min_fatalities != before.min_fatalities:
        st.session_state[MIN_FATALITIES_KEY] = after.min_fatalities
    if after.sources is not before.sources:
        st.session_state[SOURCES_KEY] = after.sources.value


def reset_notice() -> None:
    """The line saying which filters the last new data reset (shown until the data changes again)."""
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(plain_markdown(notice), icon=":material/filter_alt_off:")

