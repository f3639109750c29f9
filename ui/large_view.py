"""The "view of a large file" step: a Parquet data file (`--data`, `EVENTMAP_DATA`) too large to load whole
is shown as its name, row count, date range and counts by country, side and event type (DuckDB aggregates,
`services.large_file`), with a choice of dates, countries, sides and event types, the number of events the
choice holds and the cap (`Settings.view_rows`). "Load this view" writes the view's rows to a Parquet file in
the state folder, which the normal loader reads (`ui.data.load_file`: validation, geocoding, the load cache).

The chosen view is in the URL (`eventmap.engine.view_choice`): a shared link opens the same view. The page then
says it shows a view ("a view of N of M events of FILE: ...") with a button to change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from base.errors import DataFileError
from base.settings import Settings
from eventmap.engine.view_choice import VIEW_PARAMETERS, ViewChoice
from eventmap.i18n import side_label, t
from eventmap.scene.model import Lang
from services.large_file import (
    DEFAULT_TARGET,
    FileSummary,
    count_view,
    default_choice,
    file_sha256,
    needs_view,
    renumbered,
    source_rows,
    summarize,
    write_view,
)
from services.loaded import LoadedData
from services.loading import LoadFailure, data_path, file_stamp
from ui import data
from ui.safe_text import plain_markdown, spreadsheet_safe

CHOSEN_KEY = "_large_view_chosen"  # {data file path: ViewChoice loaded}
EDIT_KEY = "_large_view_edit"  # the step is open again ("Change the view")
RESTORED_KEY = "_large_view_restored"  # the URL's view was read (once per session)
DATES_KEY, COUNTRIES_KEY, SIDES_KEY, TYPES_KEY = "lv_dates", "lv_countries", "lv_sides", "lv_types"
STAMP = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class LargeView:
    """The view loaded from a large file: the view's own Parquet file and what the page says about it."""

    path: Path  # the view file in the state folder
    name: str  # how the loaded data is named: "FILE · view"
    source: FileSummary
    choice: ViewChoice
    count: int


@st.cache_data(show_spinner=False, max_entries=4)
def cached_needs_view(path: str, stamp: STAMP, view_rows: int) -> int | None:
    """Whether the file opens as a view, decided once per file version (the memory free changes from one rerun
    to the next; the way a file is shown should not)."""
    del stamp
    return needs_view(Path(path), settings=Settings(view_rows=view_rows))


@st.cache_data(show_spinner=False, max_entries=4)
def cached_summary(path: str, stamp: STAMP) -> FileSummary | str:
    """The file's summary, or why no view of it can be chosen (in words)."""
    del stamp  # part of the key: a changed file is summarised again
    try:
        return summarize(Path(path))
    except DataFileError as error:
        return str(error)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_count(path: str, stamp: STAMP, key: str, _choice: ViewChoice) -> int:
    del stamp, key  # `key` stands for `_choice`
    return count_view(Path(path), _choice)


@st.cache_data(show_spinner=False, max_entries=4)
def cached_sha256(path: str, stamp: STAMP) -> str:
    del stamp
    return file_sha256(Path(path))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_view_file(path: str, stamp: STAMP, key: str, settings: Settings, _choice: ViewChoice) -> str:
    """The view's Parquet file, written once for every session."""
    del key
    return str(write_view(Path(path), _choice, sha256=cached_sha256(path, stamp), settings=settings))


@st.cache_resource(show_spinner=False, max_entries=4)
def _in_file_terms(view_file: str, key: str, name: str, _loaded: LoadedData) -> LoadedData:
    del key  # stands for `_loaded`
    rows = source_rows(Path(view_file))
    return _loaded if rows is None else renumbered(_loaded, rows, name=name)


def load(view: LargeView, settings: Settings) -> LoadedData | LoadFailure:
    """The view's events through the normal loader (validation, geocoding, the load cache), its problems and
    rows numbered as in the large file."""
    loaded = data.load_file(view.path, settings, name=view.name)
    if not isinstance(loaded, LoadedData):
        return loaded
    return _in_file_terms(str(view.path), loaded.cache_key, view.source.name, loaded)


def large_view(settings: Settings, *, lang: Lang) -> LargeView | None:
    """None when the data file is loaded whole; else the view chosen (from this session or the URL). While no
    view is chosen (or it is being changed) the step is shown and the page stops there."""
    path = data_path(settings).resolve()
    stamp = file_stamp(path)
    if cached_needs_view(str(path), stamp, settings.view_rows) is None:
        return None
    summary = cached_summary(str(path), stamp)
    if isinstance(summary, str):
        st.title(t("app.title", lang))
        st.error(t("view.unusable", lang), icon=":material/error:")
        st.code(summary, language=None, wrap_lines=True)
        st.stop()
    chosen = _chosen(str(path))
    if chosen is not None and not st.session_state.get(EDIT_KEY):
        count = cached_count(str(path), stamp, chosen.key(), chosen)
        if 0 < count <= settings.view_rows:
            with st.spinner(t("view.loading", lang, count=f"{count:,}")):
                view_file = cached_view_file(str(path), stamp, chosen.key(), settings, chosen)
            _write_url(chosen)
            return LargeView(path=Path(view_file), name=f"{summary.name} · view", source=summary, choice=chosen,
                             count=count)
        _open_step(chosen)  # a link to a view that is empty or over the cap: the step says why
    render_step(summary, path=str(path), stamp=stamp, settings=settings, lang=lang)
    st.stop()


def _chosen(path: str) -> ViewChoice | None:
    chosen: dict[str, ViewChoice] = st.session_state.setdefault(CHOSEN_KEY, {})
    if not st.session_state.get(RESTORED_KEY):
        st.session_state[RESTORED_KEY] = True
        linked = ViewChoice.from_query({name: st.query_params.get_all(name) for name in VIEW_PARAMETERS
                                        if name in st.query_params})
        if linked is not None:
            chosen[path] = linked
    return chosen.get(path)


def _write_url(choice: ViewChoice) -> None:
    """The view's parameters in the address bar (the others stay), only when they changed."""
    wanted = choice.to_query()
    current = {name: st.query_params.get_all(name) for name in VIEW_PARAMETERS if name in st.query_params}
    as_lists = {name: [value] if isinstance(value, str) else list(value) for name, value in wanted.items()}
    if current == as_lists:
        return
    merged: dict[str, str | list[str]] = {name: st.query_params.get_all(name) for name in st.query_params
                                          if name not in VIEW_PARAMETERS}
    merged.update(wanted)
    st.query_params.from_dict(merged)


def _open_step(choice: ViewChoice) -> None:
    """Open the step with `choice` in its widgets."""
    st.session_state[EDIT_KEY] = True
    st.session_state[DATES_KEY] = (choice.date_from, choice.date_to)
    st.session_state[COUNTRIES_KEY] = list(choice.countries)
    st.session_state[SIDES_KEY] = list(choice.sides)
    st.session_state[TYPES_KEY] = list(choice.event_types)


def _load(path: str, choice: ViewChoice) -> None:
    """A callback: load this view."""
    st.session_state.setdefault(CHOSEN_KEY, {})[path] = choice
    st.session_state[EDIT_KEY] = False


def render_step(summary: FileSummary, *, path: str, stamp: STAMP, settings: Settings, lang: Lang) -> None:
    """The step in the main area: the file in figures, the choice, its count against the cap, the button."""
    if DATES_KEY not in st.session_state:
        default = default_choice(summary, target=min(DEFAULT_TARGET, settings.view_rows))
        st.session_state[DATES_KEY] = (default.date_from, default.date_to)
    st.session_state[DATES_KEY] = _within(st.session_state[DATES_KEY], summary)
    st.title(t("view.title", lang))
    st.markdown(plain_markdown(t("view.intro", lang, name=summary.name, rows=f"{summary.rows:,}",
                                 first=summary.first_day.isoformat(), last=summary.last_day.isoformat(),
                                 cap=f"{settings.view_rows:,}")))
    figures = st.columns(3)
    for column, (field_name, counts) in zip(figures, (("countries", summary.countries), ("sides", summary.sides),
                                                       ("event_types", summary.event_types)), strict=True):
        with column:
            st.caption(t(f"view.{field_name}_counts", lang, count=f"{len(counts):,}"))
            events = t("view.events", lang)
            table = pd.DataFrame({t("view.value", lang): [_label(field_name, v, lang) for v, _ in counts],
                                  events: [n for _, n in counts]})
            st.dataframe(spreadsheet_safe(table), hide_index=True, height=180,
                         column_config={events: st.column_config.NumberColumn(format="localized")})
    choice = _choice_widgets(summary, lang=lang)
    count = cached_count(path, stamp, choice.key(), choice)
    too_many = count > settings.view_rows
    if too_many:
        st.error(t("view.over_cap", lang, count=f"{count:,}", cap=f"{settings.view_rows:,}"),
                 icon=":material/block:")
    elif count == 0:
        st.warning(t("view.empty", lang), icon=":material/filter_alt_off:")
    else:
        st.markdown(f"#### {t('view.holds', lang, count=f'{count:,}', rows=f'{summary.rows:,}')}")
    st.button(t("view.load", lang), key="lv_load", type="primary", icon=":material/filter_alt:",
              disabled=too_many or count == 0, on_click=_load, args=(path, choice))


def _choice_widgets(summary: FileSummary, *, lang: Lang) -> ViewChoice:
    dates = st.date_input(t("view.dates", lang), key=DATES_KEY, min_value=summary.first_day,
                          max_value=summary.last_day, format="YYYY-MM-DD")
    date_from, date_to = _date_pair(dates, summary)
    picked: dict[str, tuple[str, ...]] = {}
    for field_name, key, counts in (("countries", COUNTRIES_KEY, summary.countries),
                                    ("sides", SIDES_KEY, summary.sides),
                                    ("event_types", TYPES_KEY, summary.event_types)):
        offered = [value for value, _ in counts]
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in offered]
        numbers = dict(counts)
        picked[field_name] = tuple(st.multiselect(
            t(f"view.{field_name}", lang) if field_name == "countries" else t(f"filter.{field_name}", lang),
            offered, key=key, placeholder=t("view.every", lang),
            format_func=lambda v, f=field_name, n=numbers: f"{_label(f, v, lang)} ({n[v]:,})"))
    return ViewChoice(date_from=date_from, date_to=date_to, **picked)


def _within(value: object, summary: FileSummary) -> tuple[date, date]:
    """The widget's range inside the file's days (a link may name days the file does not have, or none)."""
    start, end = _date_pair(value, summary)
    first, last = summary.first_day, summary.last_day
    return min(max(start, first), last), min(max(end, first), last)


def _date_pair(value: object, summary: FileSummary) -> tuple[date, date]:
    """The range of the date widget; while only the first day is picked, that day to the file's last."""
    pair = list(value) if isinstance(value, tuple | list) else [value]
    start = pair[0] if pair and isinstance(pair[0], date) else summary.first_day
    end = pair[1] if len(pair) > 1 and isinstance(pair[1], date) else summary.last_day
    return start, end


def _label(field_name: str, value: str, lang: Lang) -> str:
    return side_label(value, lang) if field_name == "sides" else value


def view_line(view: LargeView, *, lang: Lang) -> None:
    """"A view of N of M events of FILE: dates; countries; ..." and the button to change the view."""
    line = t("view.line", lang, count=f"{view.count:,}", rows=f"{view.source.rows:,}", name=view.source.name,
             view=view.choice.describe(lang))
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(plain_markdown(line), icon=":material/filter_alt:")
    right.button(t("view.change", lang), key="lv_change", icon=":material/tune:", on_click=_open_step,
                 args=(view.choice,))
