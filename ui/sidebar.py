"""The sidebar: language, place names, basemap, and the filters, read into one `Filters` value.

Widgets keep their values in `st.session_state` under the keys below (never through `value=`), so the
URL (`ui.url`), the timeline brush and the "reset filters" button can set them before they are drawn.
A value that the current data does not offer (after an upload, or from a pasted link) is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from eventmap.filtering import Filters, SourceFilter, as_tuple, date_bounds, options
from eventmap.i18n import languages, t
from eventmap.scene import Lang
from eventmap.urlstate import DEFAULT_BASEMAP, DEFAULT_LANG, NAMINGS
from geo.gazetteer import default_gazetteer
from geo.naming import Naming, all_variants, display_name, naming_for_language
from geo.normalize import loose_key, normalize

LANG_KEY = "lang"
NAMING_KEY = "naming"
NAMING_LANG_KEY = "_naming_lang"  # the language whose default naming the naming widget was last set for
BASEMAP_KEY = "basemap"
DATES_KEY = "f_dates"
TEXT_KEY = "f_text"
MIN_FATALITIES_KEY = "f_min_fatalities"
SOURCES_KEY = "f_sources"
# Filters field -> (widget key, frame column).
CHOICE_WIDGETS: dict[str, tuple[str, str]] = {
    "sides": ("f_sides", "side"),
    "event_types": ("f_event_types", "event_type"),
    "sub_event_types": ("f_sub_event_types", "sub_event_type"),
    "statuses": ("f_statuses", "status"),
    "verifications": ("f_verifications", "verification"),
    "places": ("f_places", "location"),
}
FILTER_KEYS: tuple[str, ...] = (DATES_KEY, TEXT_KEY, MIN_FATALITIES_KEY, SOURCES_KEY,
                                *(k for k, _ in CHOICE_WIDGETS.values()))
TIMELINE_GENERATION_KEY = "timeline_generation"  # bumped to clear the timeline's brush
SELECTED_EVENT_KEY = "selected_event"
FILTERS_RESET_NOTICE_KEY = "_filters_reset_notice"  # the line saying which filters new data reset
PERSIST = "session"  # widget values survive a visit to another page


@dataclass(frozen=True, kw_only=True)
class DisplayChoices:
    lang: Lang
    naming: Naming
    basemap: str


def display_choices(*, basemaps: Sequence[str]) -> DisplayChoices:
    """Language, naming and basemap pickers (at the top of the sidebar; the language labels everything else)."""
    langs = languages()
    _keep_valid(LANG_KEY, langs, DEFAULT_LANG.value)
    lang = st.sidebar.selectbox(
        t("sidebar.language", st.session_state[LANG_KEY]), langs, key=LANG_KEY,
        format_func=lambda code: t("language.name", code), persist_state=PERSIST,
    )
    _naming_follows_language(lang)
    _keep_valid(NAMING_KEY, NAMINGS, naming_for_language(lang).value)
    naming = st.sidebar.radio(
        t("sidebar.naming", lang), NAMINGS, key=NAMING_KEY,
        format_func=lambda code: t(f"naming.{code}", lang), help=t("sidebar.naming_help", lang),
        persist_state=PERSIST,
    )
    _keep_valid(BASEMAP_KEY, basemaps, DEFAULT_BASEMAP if DEFAULT_BASEMAP in basemaps else basemaps[0])
    basemap = st.sidebar.radio(
        t("sidebar.basemap", lang), list(basemaps), key=BASEMAP_KEY,
        format_func=lambda code: t(f"basemap.{code}", lang), horizontal=True, persist_state=PERSIST,
    )
    return DisplayChoices(lang=Lang(lang), naming=Naming(naming), basemap=basemap)  # enums from here down


def filter_controls(frame: pd.DataFrame, *, lang: Lang, naming: Naming, data_key: str,
                    last_day: date | None = None) -> Filters:
    """The filter widgets for `frame`'s values; returns what they select. `data_key` names the data (the
    values offered are worked out once per data, not on every rerun). `last_day`: the date slider reaches at
    least this day (the last change of territorial control, which may come after the last event)."""
    sidebar = st.sidebar
    sidebar.subheader(t("sidebar.filters", lang))
    bounds = _summary(data_key, "dates", (), frame)
    if bounds is not None and last_day is not None and last_day > bounds[1]:
        bounds = (bounds[0], last_day)
    date_from, date_to = _date_slider(bounds, lang=lang)

    chosen: dict[str, tuple[str, ...]] = {}
    for field_name, (key, column) in CHOICE_WIDGETS.items():
        within = chosen.get("event_types", ()) if field_name == "sub_event_types" else ()
        values = _summary(data_key, column, within, frame)
        _keep_options(key, values)
        label = t(f"filter.{field_name}", lang)
        if field_name == "places":
            labels = _place_labels_cached(tuple(values), naming)
            picked = sidebar.multiselect(label, values, key=key, format_func=labels.__getitem__,
                                         placeholder=t("sidebar.place_placeholder", lang),
                                         help=t("sidebar.place_help", lang), persist_state=PERSIST)
        else:
            picked = sidebar.multiselect(label, values, key=key, format_func=_choice_label(field_name, lang),
                                         placeholder=t("sidebar.any", lang), persist_state=PERSIST)
        chosen[field_name] = as_tuple(picked)

    st.session_state[TEXT_KEY] = str(st.session_state.get(TEXT_KEY) or "")
    text = sidebar.text_input(t("filter.text", lang), key=TEXT_KEY, max_chars=200,
                              placeholder=t("sidebar.text_placeholder", lang), persist_state=PERSIST)
    most = _summary(data_key, "fatalities", (), frame)
    current = st.session_state.get(MIN_FATALITIES_KEY, 0)
    st.session_state[MIN_FATALITIES_KEY] = min(max(int(current or 0), 0), max(most, 0))
    min_fatalities = sidebar.number_input(t("filter.min_fatalities", lang), min_value=0, max_value=max(most, 0),
                                          step=1, key=MIN_FATALITIES_KEY, persist_state=PERSIST)
    sources_offered = [s.value for s in SourceFilter]
    _keep_valid(SOURCES_KEY, sources_offered, SourceFilter.ANY.value)
    sources = sidebar.radio(t("filter.sources", lang), sources_offered, key=SOURCES_KEY, horizontal=True,
                            format_func=lambda value: t(f"filter.sources.{value}", lang),
                            help=t("sidebar.sources_help", lang), persist_state=PERSIST)
    sidebar.button(t("sidebar.reset", lang), key="reset_filters", on_click=reset_filters,
                   icon=":material/restart_alt:", width="stretch")
    return Filters(date_from=date_from, date_to=date_to, text=text.strip(), min_fatalities=int(min_fatalities),
                   sources=SourceFilter(sources), **chosen)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(data_key: str, what: str, within_types: tuple[str, ...], _frame: pd.DataFrame):
    """What the filter widgets offer, once per data (`data_key`): a column's values (sub-types within the
    chosen event types), the date bounds, the most fatalities."""
    if what == "dates":
        return date_bounds(_frame)
    if what == "fatalities":
        return int(_frame["fatalities"].max()) if _frame["fatalities"].notna().any() else 0
    if within_types:
        return options(_frame.loc[_frame["event_type"].isin(within_types)], what)
    return options(_frame, what)


@st.cache_data(show_spinner=False, max_entries=32)
def _place_labels_cached(locations: tuple[str, ...], naming: Naming) -> dict[str, str]:
    return place_labels(locations, naming)


def reset_filters() -> None:
    """Every filter back to "no filter" (a callback: runs before the widgets are drawn)."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state.pop(SELECTED_EVENT_KEY, None)
    st.session_state.pop(FILTERS_RESET_NOTICE_KEY, None)
    bump_timeline()


def bump_timeline() -> None:
    st.session_state[TIMELINE_GENERATION_KEY] = st.session_state.get(TIMELINE_GENERATION_KEY, 0) + 1


def effective_date_range(frame: pd.DataFrame, filters: Filters) -> tuple[date, date] | None:
    """The days the date filter lets through (None when there is no data)."""
    bounds = date_bounds(frame)
    if bounds is None:
        return None
    return filters.date_from or bounds[0], filters.date_to or bounds[1]


def date_bounds_of(frame: pd.DataFrame) -> date | None:
    """The last day of the data (None when there is no data)."""
    bounds = date_bounds(frame)
    return bounds[1] if bounds is not None else None


def set_dates(first: date | None, last: date | None) -> None:
    """Set the date filter (from the timeline or the URL); None ends mean the data's first or last day."""
    st.session_state[DATES_KEY] = (first, last)


MAX_VARIANTS_IN_LABEL = 12


def place_variants(location: str) -> list[str]:
    """Every spelling the gazetteer knows for the place named `location` (none when it names no place,
    or several)."""
    gazetteer = default_gazetteer()
    aliases = gazetteer.exact(normalize(location)) or gazetteer.loose(loose_key(location))
    place_ids = {alias.place_id for alias in aliases}
    return all_variants(place_ids.pop(), gazetteer=gazetteer) if len(place_ids) == 1 else []


def place_labels(locations: Sequence[str], naming: Naming) -> dict[str, str]:
    """Each place in the chosen naming, followed by its other names, so that typing any variant finds it:
    "Shusha · Shushi · Şuşa · Шуша · شوشة …"."""
    labels: dict[str, str] = {}
    for location in locations:
        shown = display_name(location, naming)
        seen = {shown.casefold(), *(part.strip().casefold() for part in shown.split(" / "))}
        others: list[str] = []
        for variant in [location, *place_variants(location)]:
            if variant.casefold() not in seen:
                seen.add(variant.casefold())
                others.append(variant)
        others = others[:MAX_VARIANTS_IN_LABEL]
        labels[location] = f"{shown} · {' · '.join(others)}" if others else shown
    return labels


def _date_slider(bounds: tuple[date, date] | None, *, lang: Lang) -> tuple[date | None, date | None]:
    """The date range slider; (None, None) when it spans the whole data (so links stay short)."""
    if bounds is None:
        return None, None
    low, high = bounds
    first, last = st.session_state.get(DATES_KEY) or (None, None)
    first = min(max(first or low, low), high)
    last = min(max(last or high, low), high)
    if first > last:
        first, last = last, first
    if low == high:
        st.sidebar.caption(f"{t('filter.dates', lang)}: {low.isoformat()}")
        st.session_state.pop(DATES_KEY, None)
        return None, None
    st.session_state[DATES_KEY] = (first, last)
    first, last = st.sidebar.slider(t("filter.dates", lang), min_value=low, max_value=high, key=DATES_KEY,
                                    format="YYYY-MM-DD", on_change=bump_timeline, persist_state=PERSIST)
    return (None if first == low else first), (None if last == high else last)


def _naming_follows_language(lang: str) -> None:
    """A change of language brings its own place names (Arabic, Russian) unless the user picked a naming
    other than the previous language's default."""
    previous = st.session_state.get(NAMING_LANG_KEY)
    st.session_state[NAMING_LANG_KEY] = lang
    if previous is None or previous == lang:
        return
    if st.session_state.get(NAMING_KEY, naming_for_language(previous).value) == naming_for_language(previous).value:
        st.session_state[NAMING_KEY] = naming_for_language(lang).value


def _keep_valid(key: str, allowed: Sequence[str], default: str) -> None:
    """Set the widget's value before it is drawn, always: on another page the same key is a new widget,
    which would otherwise start from its default instead of the value the session had."""
    value = st.session_state.get(key)
    st.session_state[key] = value if value in allowed else default


def _keep_options(key: str, values: Sequence[str]) -> None:
    offered = set(values)
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in offered]


_VALUE_PREFIXES = {"statuses": "status", "verifications": "verification", "event_types": "event_type", "sides": "side",
                   "sub_event_types": "sub_event_type"}


def _choice_label(field_name: str, lang: Lang):
    """Statuses, verifications and event types are the schema's words: shown translated; other values are data."""
    prefix = _VALUE_PREFIXES.get(field_name)
    if prefix is None:
        return str
    return lambda value: translated_value(prefix, value, lang)


def translated_value(prefix: str, value: str, lang: Lang) -> str:
    """The catalogue's word for a schema value (`status.claimed`), or the value itself when it has none."""
    key = f"{prefix}.{value}"
    text = t(key, lang)
    return value if text == key else text
