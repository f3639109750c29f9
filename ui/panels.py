"""The main area's small panels: headline counter, where the data comes from, problems, events without a
location, the selected event's card. Text from the data is shown as text (`st.code`, `st.dataframe`) or
through the escaped HTML of `eventmap.mapping.popups`; never as Markdown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from base.problems import Severity
from eventmap.filter_report import hidden_report, hidden_text, loosen_text
from eventmap.filtering import Filters
from eventmap.i18n import t
from eventmap.mapping.popups import event_card_html
from eventmap.scene.model import Lang
from geo.naming import Naming, display_name
from services.loading import LoadedData, LoadFailure
from ui.safe_text import plain_markdown, spreadsheet_safe
from ui.sidebar import SELECTED_EVENT_KEY
from ui.url import IGNORED_KEY

MAX_PROBLEMS_SHOWN = 500
SELECTION_GENERATION_KEY = "_selection_generation"


def no_coordinates(frame: pd.DataFrame) -> pd.Series:
    return frame["latitude"].isna() | frame["longitude"].isna()


def headline_text(shown: pd.DataFrame, *, total: int, lang: Lang) -> str:
    """"N of M events shown; K without a location" (K counts the shown events that are not on the map)."""
    return t("dash.headline", lang, shown=f"{len(shown):,}", total=f"{total:,}",
             missing=f"{int(no_coordinates(shown).sum()):,}")


def headline(shown: pd.DataFrame, *, total: int, lang: Lang) -> None:
    st.markdown(f"#### {headline_text(shown, total=total, lang=lang)}")


def hidden_by_filters(events: pd.DataFrame, filters: Filters, *, lang: Lang) -> None:
    """How many events the filters hide and by which filter; when none is left, which filters to loosen."""
    report = hidden_report(events, filters)
    line = hidden_text(report, lang=lang)
    if not line:
        return
    loosen = loosen_text(report, lang=lang)
    if loosen:
        st.warning(plain_markdown(f"{line}. {loosen}"), icon=":material/filter_alt:")
    else:
        st.caption(plain_markdown(line), help=None)


def source_line(loaded: LoadedData, *, lang: Lang) -> None:
    """Which file is shown (its name and short hash; the About page says more), and any note about it."""
    for note in loaded.geocoding_notes:
        st.warning(t("data.online_off", lang, reason=plain_markdown(note)), icon=":material/cloud_off:")
    if loaded.team_version is not None:
        st.caption(t("team.source_line", lang, version=loaded.team_version))
        return
    kind = t("dash.uploaded", lang) if loaded.source_path is None else t("dash.data_file", lang)
    st.caption(t("dash.source_line", lang, kind=kind, name=plain_markdown(loaded.source_name),
                 hash=loaded.short_hash, format=loaded.detected_format))


def problems_text(problems, *, limit: int = MAX_PROBLEMS_SHOWN) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… {len(problems) - limit} more")
    return "\n".join(lines)


def load_problems(loaded: LoadedData, *, lang: Lang) -> None:
    """The loader's problems, `FILE:LINE: column: message`, in an expander (rows set aside are counted)."""
    if not loaded.problems:
        return
    errors = sum(1 for p in loaded.problems if p.severity is Severity.ERROR)
    label = t("dash.problems", lang, count=len(loaded.problems), errors=errors, rejected=loaded.rejected_count)
    with st.expander(label, icon=":material/warning:"):
        st.code(problems_text(list(loaded.problems)), language=None, wrap_lines=True)


def filled_in(loaded: LoadedData, *, lang: Lang) -> None:
    """What the loader filled in for a mapped table, in words: "status set to 'unverified' for 5 rows"."""
    if not loaded.filled:
        return
    parts = [t("mapping.fill_one", lang, field=fill.field, value=fill.value, rows=f"{fill.rows:,}")
             for fill in loaded.filled]
    st.info(plain_markdown(t("mapping.filled", lang, items="; ".join(parts))), icon=":material/edit_note:")


def names_waiting(loaded: LoadedData, *, lang: Lang) -> None:
    """Place names the online geocoder has not answered yet (its time for this load was used up, or it
    failed), with the way to the Places page, which looks them up."""
    waiting = loaded.geocode_summary.waiting if loaded.geocode_summary is not None else ()
    if not waiting:
        return
    st.info(t("dash.names_waiting", lang, count=f"{len(waiting):,}", rows=f"{sum(w.rows for w in waiting):,}"),
            icon=":material/schedule:")
    st.page_link("pages/1_Places.py", label=t("dash.open_places", lang), icon=":material/travel_explore:")


def upload_failed(failure: LoadFailure, *, lang: Lang) -> None:
    st.error(t("data.upload_failed", lang, name=plain_markdown(failure.source_name)), icon=":material/error:")
    st.code(problems_text(list(failure.problems)), language=None, wrap_lines=True)


def data_file_failed(failure: LoadFailure, *, lang: Lang) -> None:
    st.title(t("app.title", lang))
    st.error(t("data.file_failed", lang, name=plain_markdown(failure.source_name)), icon=":material/error:")
    st.code(problems_text(list(failure.problems)), language=None, wrap_lines=True)


def url_ignored(*, lang: Lang) -> None:
    ignored = st.session_state.pop(IGNORED_KEY, ())
    if ignored:
        st.warning(t("dash.url_ignored", lang, values=", ".join(ignored)), icon=":material/link_off:")


def without_location_frame(shown: pd.DataFrame, *, naming: Naming) -> pd.DataFrame:
    missing = shown.loc[no_coordinates(shown)]
    chosen = naming
    return pd.DataFrame({
        "event_id": missing["event_id"],
        "date": missing["date"].dt.date,
        "place": missing["location"].map(lambda loc: display_name(loc, chosen) if loc else ""),
        "reason": missing["geo_status"].replace("", "no place given"),
        "line": missing["source_line"],
    })


def without_location(shown: pd.DataFrame, *, naming: Naming, lang: Lang) -> None:
    """The shown events that are not on the map, with why (not found, ambiguous with candidates, ...)."""
    table = without_location_frame(shown, naming=naming)
    if table.empty:
        return
    with st.expander(t("dash.without_location", lang, count=f"{len(table):,}"), icon=":material/location_off:"):
        st.caption(t("dash.without_location_help", lang))
        st.dataframe(spreadsheet_safe(table), hide_index=True, width="stretch", column_config={
            "event_id": t("table.event_id", lang), "date": t("table.date", lang),
            "place": t("filter.places", lang), "reason": t("dash.reason", lang), "line": t("dash.line", lang)})


# The card's look (the map's popup styles, which live inside the map's frame, are not on the page).
CARD_CSS = """<style>
.em-card .em-popup table { border-collapse: collapse; margin: 4px 0; }
.em-card .em-popup th { text-align: start; padding: 1px 12px 1px 0; vertical-align: top; color: #555;
  font-weight: 600; }
.em-card .em-popup td { padding: 1px 0; vertical-align: top; }
.em-card .em-popup-head { font-weight: 700; font-size: 1.05em; }
.em-card .em-popup p { margin: 6px 0; }
.em-card .em-popup ul { margin: 2px 0; padding-inline-start: 18px; }
.em-card .em-popup a { word-break: break-all; }
.em-card .em-muted { color: #666; }
.em-card .em-no-source { color: #9A3412; margin: 6px 0; }
.em-card .em-swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px;
  box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.4); vertical-align: -0.1em; margin-inline-end: 4px; }
</style>"""


def selected_event(shown: pd.DataFrame, *, naming: Naming, lang: Lang, colours: Mapping[str, str],
                   history_link: bool = False) -> None:
    """The event picked in the table (or from a link), as a card under the map, with a button to close it
    and, with the team store (`history_link`), a link to the event's history of revisions."""
    event_id = st.session_state.get(SELECTED_EVENT_KEY, "")
    if not event_id:
        return
    rows = shown.loc[shown["event_id"] == event_id]
    if rows.empty:
        return
    row = rows.iloc[0].to_dict()
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        head.markdown(f"**{t('dash.selected', lang)}**")
        close.button(t("card.close", lang), key="close_selected", on_click=close_selected,
                     icon=":material/close:", width="stretch")
        card = event_card_html(row, naming=naming, lang=lang,
                               side_colour=colours.get(str(row.get("side", "")), "#999999"))
        st.html(f'{CARD_CSS}<div class="em-card">{card}</div>')
        if history_link:
            st.page_link("pages/6_History.py", label=t("team.history_link", lang), icon=":material/history:",
                         query_params={"event": event_id})


def close_selected() -> None:
    """A callback: no event selected any more, and the table starts without a selection."""
    st.session_state.pop(SELECTED_EVENT_KEY, None)
    st.session_state[SELECTION_GENERATION_KEY] = st.session_state.get(SELECTION_GENERATION_KEY, 0) + 1


def view_signature(filters: Filters, loaded: LoadedData) -> str:
    """A short id of (data, filters): what the shown events depend on."""
    return hashlib.sha256(f"{loaded.cache_key}|{filters!r}".encode()).hexdigest()[:12]


def table_generation(signature: str) -> str:
    """The table's identity: a new one (with no row selected) when the shown events change or a card is closed."""
    return f"{signature}_{st.session_state.get(SELECTION_GENERATION_KEY, 0)}"
