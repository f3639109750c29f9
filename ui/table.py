"""The event table: sortable, sources as links; selecting a row shows that event on the map.

The table goes to the browser a page at a time (`PAGE_ROWS` rows, in date order): a million events are as
light as five hundred, and every one can be reached by its page. An event picked on the map opens the page
that holds it, with its row selected.
"""

from __future__ import annotations

import math
from functools import partial
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import streamlit as st

from eventmap.i18n import side_label, t
from eventmap.scene.model import Lang
from eventmap.schema import split_sources
from geo.naming import Naming, display_name
from ui.safe_text import spreadsheet_safe
from ui.sidebar import SELECTED_EVENT_KEY, translated_value
from ui.url import CENTER_PENDING_KEY

TABLE_KEY_PREFIX = "events_table"
PAGE_ROWS = 500
PAGE_KEY_PREFIX = "events_table_page"
_ROWS_KEY = "_table_rows"
_FOLLOWED_KEY = "_table_followed"  # the selected event whose page was last opened
SHOWN_COLUMNS: tuple[str, ...] = (
    "date", "place", "side", "actor", "event_type", "sub_event_type", "status", "verification", "fatalities",
    "injured", "claimed_by", "disputed_by", "description", "link", "other_sources", "event_id",
)


def is_web_link(text: str) -> bool:
    """Only http(s) URLs with a host become links (never `javascript:`, `data:` or a relative path)."""
    text = text.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc) and not any(c.isspace() for c in text)


def table_frame(frame: pd.DataFrame, *, naming: Naming, lang: Lang, limit: int = PAGE_ROWS) -> pd.DataFrame:
    """The rows to show (newest last, at most `limit`): place in the chosen naming, schema words translated,
    the first web source as `link` and every other source (citations, further URLs) in `other_sources`."""
    shown = frame.sort_values(["date", "event_id"], kind="stable").head(limit).reset_index(drop=True)
    chosen = naming
    names = {loc: display_name(loc, chosen) for loc in shown["location"].unique()}
    links: list[str | None] = []
    others: list[list[str]] = []
    for cell in shown["sources"]:
        sources = split_sources(cell)
        first_link = next((s for s in sources if is_web_link(s)), None)
        links.append(first_link)
        others.append([s for s in sources if s != first_link])
    return pd.DataFrame(
        {
            "date": shown["date"].dt.date,
            "place": shown["location"].map(names),
            "side": shown["side"].map(lambda v: side_label(v, lang)),
            "actor": shown["actor"],
            "event_type": shown["event_type"].map(lambda v: translated_value("event_type", v, lang)),
            "sub_event_type": shown["sub_event_type"],
            "status": shown["status"].map(lambda v: translated_value("status", v, lang)),
            "verification": shown["verification"].map(lambda v: translated_value("verification", v, lang)),
            "fatalities": shown["fatalities"],
            "injured": shown["injured"],
            "claimed_by": shown["claimed_by"],
            "disputed_by": shown["disputed_by"],
            "description": shown["description"],
            "link": links,
            "other_sources": others,
            "event_id": shown["event_id"],
        },
    )


def render_table(frame: pd.DataFrame, *, naming: Naming, lang: Lang, generation: str, signature: str) -> None:
    """The table of `frame`, a page at a time. `generation` changes with the filters: a new table starts on
    its first page with no selection. `signature` names the data and filters that gave `frame` (its date
    order is worked out once for every session)."""
    order = date_order(signature, frame)
    pages = max(1, math.ceil(len(order) / PAGE_ROWS))
    page_key = f"{PAGE_KEY_PREFIX}_{generation}"
    selected = st.session_state.get(SELECTED_EVENT_KEY, "")
    _open_page_of(frame, order, selected, page_key=page_key)
    page = 1
    if pages > 1:
        page = int(st.number_input(t("table.page", lang, pages=f"{pages:,}"), min_value=1, max_value=pages,
                                   step=1, key=page_key))
    start = (page - 1) * PAGE_ROWS
    rows, shown = _rows_of_session(frame.iloc[order[start:start + PAGE_ROWS]], naming=naming, lang=lang,
                                   key=(generation, page))
    if pages > 1:
        st.caption(t("table.rows", lang, first=f"{start + 1:,}", last=f"{start + len(rows):,}",
                     total=f"{len(order):,}"))
    key = f"{TABLE_KEY_PREFIX}_{generation}_{page}"
    selection_default = None
    if selected:
        positions = rows.index[rows["event_id"] == selected].tolist()
        if positions:
            selection_default = {"selection": {"rows": positions[:1], "columns": []}}
    st.dataframe(
        shown,
        key=key,
        hide_index=True,
        on_select=partial(_row_selected, key, tuple(rows["event_id"])),
        selection_mode="single-row",
        selection_default=selection_default,
        column_order=SHOWN_COLUMNS,
        column_config=_column_config(lang),
        height=420,
        width="stretch",
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def date_order(signature: str, _frame: pd.DataFrame) -> np.ndarray:
    """The positions of `_frame`'s rows by date and id (newest last): worked out once per data and filters
    (`signature`) for every session of the process; only the two columns are sorted, not the whole frame."""
    keys = _frame[["date", "event_id"]].reset_index(drop=True)
    return keys.sort_values(["date", "event_id"], kind="stable").index.to_numpy()


def _open_page_of(frame: pd.DataFrame, order: np.ndarray, selected: str, *, page_key: str) -> None:
    """When an event was newly selected (on the map, in the URL), open the page that holds it."""
    if not selected or st.session_state.get(_FOLLOWED_KEY) == selected:
        return
    st.session_state[_FOLLOWED_KEY] = selected
    found = (frame["event_id"].to_numpy() == selected).nonzero()[0]
    if len(found):
        rank = (order == found[0]).nonzero()[0]
        st.session_state[page_key] = int(rank[0]) // PAGE_ROWS + 1


def _rows_of_session(frame: pd.DataFrame, *, naming: Naming, lang: Lang,
                     key: tuple[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`table_frame` (its event ids map a selected row back to its event) and the same rows as shown, safe in
    a spreadsheet (the toolbar's "Download as CSV" writes what is shown); remembered for this session until
    the shown events, the page, naming or language change."""
    memo = (key, naming, lang)
    kept = st.session_state.get(_ROWS_KEY)
    if kept is not None and kept[0] == memo:
        return kept[1], kept[2]
    rows = table_frame(frame, naming=naming, lang=lang)
    shown = spreadsheet_safe(rows)
    st.session_state[_ROWS_KEY] = (memo, rows, shown)
    return rows, shown


def _row_selected(key: str, event_ids: tuple[str, ...]) -> None:
    """A callback: the selected row's event becomes the selected event, and the map centres on it."""
    state = st.session_state.get(key) or {}
    rows = (state.get("selection") or {}).get("rows") or []
    if rows and 0 <= rows[0] < len(event_ids):
        st.session_state[SELECTED_EVENT_KEY] = event_ids[rows[0]]
        st.session_state[CENTER_PENDING_KEY] = True
    else:
        st.session_state.pop(SELECTED_EVENT_KEY, None)


def _column_config(lang: Lang) -> dict[str, object]:
    cc = st.column_config
    return {
        "date": cc.DateColumn(t("table.date", lang), format="YYYY-MM-DD", width="small"),
        "place": cc.TextColumn(t("filter.places", lang)),
        "side": cc.TextColumn(t("filter.sides", lang)),
        "actor": cc.TextColumn(t("card.actor", lang)),
        "event_type": cc.TextColumn(t("filter.event_types", lang)),
        "sub_event_type": cc.TextColumn(t("filter.sub_event_types", lang)),
        "status": cc.TextColumn(t("card.status", lang), width="small"),
        "verification": cc.TextColumn(t("card.verification", lang)),
        "fatalities": cc.NumberColumn(t("table.fatalities", lang), format="%d", width="small"),
        "injured": cc.NumberColumn(t("table.injured", lang), format="%d", width="small"),
        "claimed_by": cc.TextColumn(t("card.claimed_by", lang)),
        "disputed_by": cc.TextColumn(t("card.disputed_by", lang)),
        "description": cc.TextColumn(t("card.description", lang), width="large"),
        "link": cc.LinkColumn(t("card.sources", lang), display_text=r"https?://(?:www\.)?([^/]+)"),
        "other_sources": cc.ListColumn(t("table.other_sources", lang)),
        "event_id": cc.TextColumn(t("table.event_id", lang), width="small"),
    }
