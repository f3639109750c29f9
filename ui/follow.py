"""The view follows new data: after a load, filters that no longer fit it are reset and the map fits it.

`follow_new_data` runs before the sidebar draws its widgets. When the data differs from the data this
session showed last, `services.follow.plan_follow` says what changes (fitted filters, the map's view, the
selected event, the line saying what was reset) and this module puts it into the widgets' state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eventmap.filter_report import FilterPart
from eventmap.filtering import Filters, SourceFilter, as_tuple
from eventmap.scene.model import Lang
from services.follow import DatesChange, FollowPlan, plan_follow
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
    """Fit the filters (and, after a change of data, the map) to `events`; `data_id` names the data.
    What changes is decided by `services.follow.plan_follow`; this puts it into the widgets' state."""
    seen = st.session_state.get(SEEN_DATA_KEY)
    if seen == data_id:
        return
    st.session_state[SEEN_DATA_KEY] = data_id
    plan = plan_follow(events, current=filters_in_session(), seen_before=seen is not None,
                       selected=st.session_state.get(SELECTED_EVENT_KEY), lang=lang)
    _put_in_widgets(plan)
    if plan.forget_view:
        for key in (MAP_CENTER_KEY, MAP_ZOOM_KEY, BASE_VIEW_KEY):
            st.session_state.pop(key, None)
        bump_timeline()
    if plan.drop_selected:
        st.session_state.pop(SELECTED_EVENT_KEY, None)
    if plan.notice:
        st.session_state[NOTICE_KEY] = plan.notice
    else:
        st.session_state.pop(NOTICE_KEY, None)


_WIDGET_KEYS: dict[FilterPart, str] = {
    **{FilterPart(name): key for name, (key, _column) in CHOICE_WIDGETS.items()},
    FilterPart.TEXT: TEXT_KEY, FilterPart.MIN_FATALITIES: MIN_FATALITIES_KEY, FilterPart.SOURCES: SOURCES_KEY,
}


def _put_in_widgets(plan: FollowPlan) -> None:
    after = plan.filters
    if plan.dates is DatesChange.CLEAR:
        st.session_state.pop(DATES_KEY, None)
    elif plan.dates is DatesChange.SET:
        st.session_state[DATES_KEY] = (after.date_from, after.date_to)
    for part in plan.changed:
        value = getattr(after, part.value)
        st.session_state[_WIDGET_KEYS[part]] = (list(value) if isinstance(value, tuple)
                                                else value.value if isinstance(value, SourceFilter) else value)


def reset_notice() -> None:
    """The line saying which filters the last new data reset (shown until the data changes again)."""
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(plain_markdown(notice), icon=":material/filter_alt_off:")

