"""The timeline under the map: brushing a span sets the date filter (the chart itself is `eventmap.timeline`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from eventmap.i18n import t
from eventmap.scene.model import Lang
from eventmap.timeline import SELECTION_NAME, bin_for, selected_span, timeline_chart
from ui.sidebar import TIMELINE_GENERATION_KEY, set_dates

TIMELINE_HEIGHT_PX = 240


def timeline_heading(frame: pd.DataFrame, *, lang: Lang) -> str:
    """"Events per day", "per week" or "per month": what one bar of the timeline of `frame` counts."""
    dates = frame["date"].dropna() if "date" in frame else frame.iloc[0:0]
    unit = bin_for(dates.min().date(), dates.max().date()) if len(dates) else "day"
    return t("dash.timeline" if unit == "day" else f"dash.timeline_{unit}", lang)


def timeline_key() -> str:
    """The chart's widget key; a new one (after the slider moved or a reset) clears the brush."""
    return f"timeline_{st.session_state.get(TIMELINE_GENERATION_KEY, 0)}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_chart(key: tuple[str, str, tuple[tuple[str, str], ...], tuple[date, date] | None],
                  _frame: pd.DataFrame) -> alt.LayerChart:
    """`timeline_chart` of the events `key` names (data and filters but the dates, language, colours, date
    range), built once for every session of the process."""
    _, lang, colours, date_range = key
    return timeline_chart(_frame, colours=dict(colours), lang=lang, date_range=date_range)


def render_timeline(frame: pd.DataFrame, *, colours: Mapping[str, str], lang: Lang,
                    date_range: tuple[date, date] | None, signature: str) -> None:
    """`frame`: the events that pass every filter but the dates; `date_range`: the date filter (dims the rest).
    No such event: a sentence instead of an empty chart (the map says which filters to loosen). `signature`
    names the data and filters that gave `frame`: the same ones reuse the chart built for any session."""
    if frame.empty:
        st.info(t("scene.empty", lang), icon=":material/filter_alt_off:")
        return
    chart = _shared_chart((signature, lang, tuple(colours.items()), date_range), frame)
    key = timeline_key()
    st.altair_chart(chart, key=key, on_select=partial(_brushed, key), selection_mode=SELECTION_NAME,
                    width="stretch", height=TIMELINE_HEIGHT_PX)


def _brushed(key: str) -> None:
    """A callback: the brushed span becomes the date filter; clearing the brush shows every day again."""
    span = selected_span(st.session_state.get(key))
    if span is None:
        set_dates(None, None)
    else:
        set_dates(*span)
