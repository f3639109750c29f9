"""What the Edit, Review and History pages share: who the session is, the team store or the one sentence
saying it is needed, choosing an event, the published set's downloads, an outcome in words.

Text from the store (ids, places, reasons, names) reaches the page as text: escaped for Markdown
(`plain_markdown`) or in tables (`spreadsheet_safe`), never as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from access import Principal
from base.settings import Settings
from eventmap.i18n import t
from eventmap.scene import Lang
from services.loading import LoadedData
from services.team import Outcome, OutcomeKind, event_state, search_events
from store import EventStore, Revision, StoreUnavailableError
from ui import data, who
from ui.router import start_page
from ui.safe_text import plain_markdown, spreadsheet_safe

NEW_EVENT = ""  # the chooser's option for "a new event"
SEARCH_KEY = "team_search"
CHOSEN_KEY = "team_event"
ASKED_KEY = "_team_event_asked"  # the `?event=` last followed
EXPORT_FORMATS = (("csv", "text/csv", ":material/table:"), ("geojson", "application/geo+json", ":material/map:"))


@dataclass(frozen=True, slots=True)
class TeamPage:
    """What a team page starts with: the settings, the language, the store and the person."""

    settings: Settings
    lang: Lang
    store: EventStore
    principal: Principal


def start_team_page(title_key: str, *, show_who: bool = True) -> TeamPage:
    """The start of the Edit, Review and History pages: the routed page (`start_page`), its title, the team
    store (or the sentence that says it is needed, and the page stops) and the person (said under the title
    with `show_who`)."""
    settings, choices = start_page()
    lang = choices.lang
    st.title(t(title_key, lang))
    store = team_store_or_stop(settings, lang=lang)
    principal = current_principal(settings)
    if show_who:
        who_line(principal, lang=lang)
    return TeamPage(settings=settings, lang=lang, store=store, principal=principal)


def current_principal(settings: Settings) -> Principal:
    """The person behind this session (`ui.who`: signed in, named by the proxy, else an anonymous viewer)."""
    return who.current(settings)


def team_store_or_stop(settings: Settings, *, lang: Lang) -> EventStore:
    """The team store; without one (file mode), the sentence that says how to start it, and the page stops."""
    if not settings.team_store:
        st.info(t("team.needs_store", lang), icon=":material/database:")
        st.stop()
    return data.connected_store(settings)


def who_line(principal: Principal, *, lang: Lang) -> None:
    if principal.name:
        st.caption(t("team.signed_in", lang, name=plain_markdown(principal.name), role=principal.role.label))
    else:
        st.caption(t("team.anonymous", lang))


def published_events(settings: Settings) -> pd.DataFrame:
    """The published events as the dashboard shows them (empty when none is published yet)."""
    loaded = data.choose_data(settings, None)
    return loaded.events if isinstance(loaded, LoadedData) else pd.DataFrame()


def _label(row: pd.Series) -> str:
    day = row["date"].date().isoformat() if pd.notna(row.get("date")) else ""
    description = str(row.get("description", ""))
    short = description if len(description) <= 70 else description[:69] + "…"
    return f"{row['event_id']} · {day} · {row.get('location', '')} · {short}"


def choose_event(events: pd.DataFrame, store: EventStore, *, lang: Lang, allow_new: bool) -> str:
    """An event chosen by searching its id, place or description (or `NEW_EVENT`); "" when none is chosen.

    The URL's `?event=ID` chooses that event when it is published or has a history (a retracted event, an
    addition waiting); so does a search that names an event id exactly. Choosing reads; it changes nothing."""
    text = st.text_input(t("team.search", lang), key=SEARCH_KEY, max_chars=200,
                         placeholder=t("team.search_hint", lang))
    found = search_events(events, text)
    labels = {str(row["event_id"]): _label(row) for _, row in found.iterrows()}
    published = events.set_index("event_id", drop=False) if "event_id" in events.columns else pd.DataFrame()
    asked = st.query_params.get("event", "").strip()[:200]
    for wanted in dict.fromkeys((text.strip(), asked)):
        if not wanted or wanted in labels:
            continue
        if wanted in published.index:
            labels[wanted] = _label(published.loc[wanted])
        elif _has_history(store, wanted):
            labels[wanted] = wanted
    if text.strip() and found.empty:
        st.caption(t("team.no_match", lang))
    options: list[str] = ([NEW_EVENT] if allow_new else []) + list(labels)
    if not options:
        return ""
    current = st.session_state.get(CHOSEN_KEY)
    if asked and asked != st.session_state.get(ASKED_KEY) and asked in options:
        current = asked  # a new link: its event
    st.session_state[ASKED_KEY] = asked
    if current not in options:
        current = options[0]
    st.session_state[CHOSEN_KEY] = current
    new_label = t("team.new_event", lang)
    chosen = st.selectbox(t("team.event", lang), options, key=CHOSEN_KEY,
                          format_func=lambda value: new_label if value == NEW_EVENT else labels.get(value, value))
    if chosen and chosen != asked:
        st.query_params["event"] = chosen  # the page's link names the event shown
        st.session_state[ASKED_KEY] = chosen
    elif not chosen and asked:
        del st.query_params["event"]
    return str(chosen)


def _has_history(store: EventStore, event_id: str) -> bool:
    try:
        return bool(event_state(store, event_id).history)
    except StoreUnavailableError as error:
        data.store_unavailable(error)


def export_buttons(store: EventStore, *, lang: Lang) -> None:
    """The published set as CSV and GeoJSON, made when the button is pressed (nothing is read before) and
    stamped inside with the version it shows (a `published_version` column, the GeoJSON's metadata)."""
    try:
        version = store.published_version()
    except StoreUnavailableError as error:
        data.store_unavailable(error)
    st.subheader(t("team.export", lang))
    st.caption(t("team.export_help", lang, version=version))
    columns = st.columns(len(EXPORT_FORMATS))
    for column, (fmt, media_type, icon) in zip(columns, EXPORT_FORMATS, strict=True):
        column.download_button(t(f"team.export_{fmt}", lang), data=partial(_export, store, fmt),
                               file_name=f"events-published.{fmt}", mime=media_type, key=f"team_export_{fmt}",
                               icon=icon, on_click="ignore")


def _export(store: EventStore, fmt: str) -> bytes:
    return store.export_published(fmt=fmt).data


def show_outcome(outcome: Outcome, *, lang: Lang, saved_key: str) -> None:
    """An outcome of a write in words: saved, refused (field and reason), denied, unavailable. A conflict is
    shown by the form, which keeps the person's values."""
    if outcome.kind is OutcomeKind.SAVED and outcome.revision is not None:
        st.success(t(saved_key, lang, event=plain_markdown(outcome.revision.event_id),
                     number=outcome.revision.number), icon=":material/check_circle:")
    elif outcome.kind is OutcomeKind.REFUSED:
        st.error(t("team.refused", lang), icon=":material/error:")
        if outcome.problems:
            st.dataframe(problems_table(outcome, lang=lang), hide_index=True, width="stretch")
        else:
            st.code(outcome.message, language=None, wrap_lines=True)
    elif outcome.kind is OutcomeKind.DENIED:
        st.error(t("team.denied", lang, reason=plain_markdown(outcome.message)), icon=":material/block:")
    elif outcome.kind is OutcomeKind.UNAVAILABLE:
        st.error(t("team.unavailable", lang, reason=plain_markdown(outcome.message)), icon=":material/cloud_off:")


def problems_table(outcome: Outcome, *, lang: Lang) -> pd.DataFrame:
    """Each problem's field, reason and the value given, as the store said them."""
    table = pd.DataFrame({
        t("team.field", lang): [p.column or "" for p in outcome.problems],
        t("team.reason_col", lang): [p.message for p in outcome.problems],
        t("team.value", lang): ["" if p.value is None else p.value for p in outcome.problems],
    })
    return spreadsheet_safe(table)


def text_table(frame: pd.DataFrame) -> None:
    """A small table whose long texts wrap (a diff: a reviewer reads every word). `st.table` reads Markdown in
    its cells: each cell is escaped, so the data shows as the text it is."""
    st.table(frame.map(lambda value: plain_markdown(value) if isinstance(value, str) else value), hide_index=True)


def revision_title(revision: Revision, *, lang: Lang) -> str:
    """"EVENT · revision N (kind) by AUTHOR at TIME", escaped for Markdown."""
    return plain_markdown(t("team.revision_title", lang, event=revision.event_id, number=revision.number,
                            kind=t(f"team.kind.{revision.kind.value}", lang), author=revision.author,
                            time=revision.created_at.strftime("%Y-%m-%d %H:%M")))


def kinds_and_states(lang: Lang) -> dict[str, str]:
    return {value: t(f"team.kind.{value}", lang) for value in ("add", "correct", "retract")} | {
        value: t(f"team.state.{value}", lang) for value in ("proposed", "published", "rejected", "superseded")}


def translated(frame: pd.DataFrame, columns: Sequence[str], *, lang: Lang) -> pd.DataFrame:
    """`frame` with its kind and state words in the interface language."""
    words = kinds_and_states(lang)
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].map(lambda value: words.get(value, value))
    return shown
