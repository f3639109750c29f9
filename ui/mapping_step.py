"""The mapping step: an uploaded table that is neither the project's schema nor a known export is shown
(its first rows, raw cells as safe text) beside the guessed mapping of its columns onto the schema, one
selectbox per field, the order of its dates when the values leave it open, and "Load with this mapping".

A confirmed mapping is remembered for tables with the same header (`MappingMemory`, in the state folder):
the next such file skips the step, and the sidebar offers to change the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from base.errors import EventMapError
from base.settings import Settings
from eventmap.columns import FIELDS, ColumnMapping, MappingMemory, Order, decide_date_format, guess_mapping
from eventmap.i18n import t
from eventmap.scene.model import Lang
from eventmap.table_preview import TablePreview, preview_table, unique_columns
from services.loading import LoadOptions
from ui.safe_text import plain_markdown, spreadsheet_safe

CHOICES_KEY = "_upload_choices"  # {(sha256, sheet): LoadOptions} the user confirmed (or memory gave)
REOPEN_KEY = "_mapping_reopen"  # (sha256, sheet) whose mapping step the user reopened
REMEMBERED_KEY = "_mapping_remembered"  # (sha256, sheet) loaded with a remembered mapping
# The fields offered first, in this order; the others are under "more fields".
MAIN_FIELDS: tuple[str, ...] = ("date", "location", "latitude", "longitude", "side", "actor", "description",
                                "sources", "event_type", "country", "admin1", "fatalities", "claimed_by", "status")
NONE = ""  # the selectbox option "no column"


@dataclass(frozen=True, kw_only=True)
class PendingMapping:
    """An upload waiting for its column mapping."""

    data: bytes
    name: str
    digest: str
    preview: TablePreview
    sheet: str | None = None


@st.cache_data(show_spinner=False, max_entries=8)
def cached_preview(digest: str, name: str, sheet: str | None, max_rows: int, _data: bytes) -> TablePreview | None:
    """The first look at an upload (None when it is not a table: the loader then says why)."""
    del digest  # stands for `_data`
    try:
        return preview_table(_data, name=name, sheet=sheet, max_rows=max_rows)
    except (EventMapError, ValueError):
        return None


def options_for(digest: str, sheet: str | None, preview: TablePreview | None, *,
                settings: Settings) -> LoadOptions | None:
    """How to load the upload: the confirmed or remembered choices; None while the mapping step is needed."""
    key = (digest, sheet)
    chosen = st.session_state.setdefault(CHOICES_KEY, {}).get(key)
    if chosen is not None:
        return chosen
    if preview is None or not preview.needs_mapping:
        return LoadOptions(sheet=sheet)
    if st.session_state.get(REOPEN_KEY) != key:
        recalled = MappingMemory.from_settings(settings).recall(preview.header)
        if recalled is not None:
            st.session_state[REMEMBERED_KEY] = key
            return LoadOptions(sheet=sheet, mapping=recalled)
    return None


def mapped_note_and_reopen(digest: str, sheet: str | None, *, lang: Lang) -> None:
    """In the sidebar, for a table loaded through a mapping: where the mapping came from, and a way back."""
    key = (digest, sheet)
    if st.session_state.get(REMEMBERED_KEY) == key:
        st.caption(t("mapping.remembered", lang))
    st.button(t("mapping.reopen", lang), key="mapping_reopen", icon=":material/table_edit:",
              on_click=reopen, args=(key,))


def reopen(key: tuple[str, str | None]) -> None:
    """Show the mapping step again for this upload (and sheet)."""
    st.session_state.setdefault(CHOICES_KEY, {}).pop(key, None)
    st.session_state.pop(REMEMBERED_KEY, None)
    st.session_state[REOPEN_KEY] = key


def render(pending: PendingMapping, *, settings: Settings, lang: Lang) -> None:
    """The mapping step in the main area."""
    preview = pending.preview
    guess = guess_mapping(preview.header, preview.rows)
    prefix = f"map_{pending.digest[:10]}_{pending.sheet or ''}"
    st.title(t("mapping.title", lang))
    st.caption(t("mapping.intro", lang, name=plain_markdown(pending.name)))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("mapping.preview", lang))
        st.dataframe(spreadsheet_safe(_preview_frame(preview)), hide_index=True, width="stretch")
        if guess.unmapped_columns:
            st.caption(t("mapping.unused", lang, columns=plain_markdown(", ".join(guess.unmapped_columns))))
    with right:
        st.subheader(t("mapping.fields", lang))
        header = [c for c in dict.fromkeys(preview.header) if c.strip()]
        picked = {f: _field_box(f, header, guess, prefix=prefix, lang=lang) for f in MAIN_FIELDS if f in FIELDS}
        with st.expander(t("mapping.more_fields", lang)):
            for field_name in FIELDS:
                if field_name not in MAIN_FIELDS:
                    picked[field_name] = _field_box(field_name, header, guess, prefix=prefix, lang=lang)
    mapping = ColumnMapping({}, preview.header).with_overrides({f: c for f, c in picked.items() if c})
    with left:  # under the rows: how the dates read, what is missing, and the button
        _load_controls(pending, mapping, settings=settings, prefix=prefix, lang=lang)


def _load_controls(pending: PendingMapping, mapping: ColumnMapping, *, settings: Settings, prefix: str,
                   lang: Lang) -> None:
    dayfirst, order_open = _date_order(pending.preview, mapping, prefix=prefix, lang=lang)
    needs = mapping.needs()
    if needs:
        st.warning(t("mapping.needs", lang, what=", ".join(needs)), icon=":material/rule:")
    elif order_open:
        st.info(t("mapping.pick_order", lang), icon=":material/calendar_month:")
    st.button(t("mapping.load", lang), key=f"{prefix}_load", type="primary", icon=":material/upload:",
              disabled=bool(needs) or order_open, on_click=_confirm,
              args=(pending, LoadOptions(sheet=pending.sheet, mapping=mapping, dayfirst=dayfirst), settings))


def _field_box(field_name: str, header: list[str], guess, *, prefix: str, lang: Lang) -> str:
    guessed = guess.mapping.column_of(field_name)
    options = [NONE, *header]
    reason = guess.guesses.get(field_name)
    return st.selectbox(
        _field_label(field_name, lang), options, index=options.index(guessed) if guessed in options else 0,
        key=f"{prefix}__{field_name}", format_func=lambda c: t("mapping.no_column", lang) if c == NONE else c,
        help=plain_markdown(reason.reason) if reason is not None else None,
    )


def _field_label(field_name: str, lang: Lang) -> str:
    key = f"field.{field_name}"
    label = t(key, lang)
    return f"{label} ({field_name})" if label != key else field_name


def _date_order(preview: TablePreview, mapping: ColumnMapping, *, prefix: str,
                lang: Lang) -> tuple[bool | None, bool]:
    """(dayfirst chosen, whether the order is still open): the choice is offered only when the values of the
    date column cannot settle it."""
    column = mapping.column_of("date")
    if column is None:
        return None, False
    decided = decide_date_format(preview.column_values(column))
    if decided.order is not Order.UNDECIDED:
        st.caption(t("mapping.dates_read", lang, how=plain_markdown(str(decided))))
        return None, False
    choice = st.radio(t("mapping.date_order", lang), ("day", "month"), index=None, horizontal=True,
                      key=f"{prefix}_dayfirst", format_func=lambda o: t(f"mapping.order.{o}", lang),
                      help=plain_markdown(str(decided)))
    return (None, True) if choice is None else (choice == "day", False)


def _confirm(pending: PendingMapping, options: LoadOptions, settings: Settings) -> None:
    """A callback: load with these choices, and remember the mapping for this header."""
    key = (pending.digest, pending.sheet)
    st.session_state.setdefault(CHOICES_KEY, {})[key] = options
    st.session_state.pop(REOPEN_KEY, None)
    if options.mapping is not None:
        MappingMemory.from_settings(settings).remember(pending.preview.header, options.mapping)


def _preview_frame(preview: TablePreview) -> pd.DataFrame:
    columns = unique_columns(preview.header)
    width = len(columns)
    rows = [list(row[:width]) + [""] * (width - len(row)) for row in preview.shown_rows]
    return pd.DataFrame(rows, columns=columns, dtype=object)
