"""The edit form: every schema field, prefilled from the event's published revision (empty for a new event),
a reason, and Save, which proposes a revision for review; Retract proposes to withdraw the event.

A refused edit lists each field and reason as the store said them and writes nothing. A conflict (someone
saved the same event first, or a change of it waits for review) says who saved which revision when, shows
what differs, and keeps the person's values in the form; over a newer published revision they may then save
them. The form remembers the revision it started from (`base`) until a save goes through or the person
starts again from the published revision.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import Principal
from eventmap.i18n import t
from eventmap.scene import Lang
from eventmap.schema import COLUMNS, Column, Kind
from services.team import EventState, Outcome, OutcomeKind, propose_edit, retract_event
from store import EventStore, FieldChange, RevisionState
from ui.edit_common import NEW_EVENT, show_outcome, text_table
from ui.safe_text import plain_markdown

LONG_TEXT = frozenset({"description", "description_original", "description_ar", "notes", "sources"})
MESSAGE_KEY = "team_form_message"  # an outcome to show after the rerun that follows a save
GENERATION_KEY = "team_new_generation"  # a new-event form starts empty again after each addition
MAX_FIELD_CHARS = 10_000
REASON_FIELDS = ("reason", "retract_reason")


def _prefix(event_id: str) -> str:
    if event_id == NEW_EVENT:
        return f"team_f|new|{st.session_state.get(GENERATION_KEY, 0)}"
    return f"team_f|{event_id}"


def _forget(prefix: str) -> None:
    """The form starts again from the published revision at the next run (its reasons empty: a widget whose
    state is only deleted keeps showing its text in the browser, so they are set empty before it is drawn)."""
    for key in [key for key in st.session_state if str(key).startswith(prefix + "|")]:
        del st.session_state[key]
    st.session_state[f"{prefix}|reset"] = True


def _reset_reasons(prefix: str) -> None:
    if st.session_state.pop(f"{prefix}|reset", False):
        for name in REASON_FIELDS:
            st.session_state[f"{prefix}|{name}"] = ""


def field_key(prefix: str, column: str) -> str:
    return f"{prefix}|{column}"


def _field(column: Column, key: str, *, disabled: bool) -> None:
    """One field's widget; its value lives in `st.session_state[key]` (set before it is drawn)."""
    label = column.name + (" *" if column.required else "")
    if column.kind is Kind.CHOICE:
        current = st.session_state.get(key, "")
        options = list(column.choices) if column.required else ["", *column.choices]
        if current not in options:  # a value the form did not offer stays what it is: the store judges it
            options = [current, *options]
        st.selectbox(label, options, key=key, help=column.meaning, disabled=disabled)
    elif column.name in LONG_TEXT:
        st.text_area(label, key=key, help=column.meaning, max_chars=MAX_FIELD_CHARS, height=90, disabled=disabled)
    else:
        st.text_input(label, key=key, help=column.meaning, max_chars=MAX_FIELD_CHARS, disabled=disabled)


def render(store: EventStore, principal: Principal, chosen: str, state: EventState | None, *, lang: Lang) -> None:
    """The form for `chosen` (an event id, or `NEW_EVENT`) and, for a published event, the retraction."""
    message = st.session_state.pop(MESSAGE_KEY, None)
    if isinstance(message, Outcome):
        show_outcome(message, lang=lang, saved_key="team.proposed")
    published = state.published if state is not None else None
    if state is not None and state.retracted:
        st.warning(t("team.retracted", lang, number=published.number if published else 0),
                   icon=":material/visibility_off:")
    for waiting in state.pending if state is not None else ():
        st.info(t("team.waiting", lang, number=waiting.number, author=plain_markdown(waiting.author)),
                icon=":material/hourglass_top:")
    published_number = published.number if published is not None else None
    prefix = _prefix(chosen)
    base_key = f"{prefix}|base"
    conflict_key = f"{prefix}|conflict"
    _reset_reasons(prefix)
    if any(field_key(prefix, column.name) not in st.session_state for column in COLUMNS):
        start = state.values if state is not None else {}  # (again) from the published revision
        for column in COLUMNS:
            st.session_state[field_key(prefix, column.name)] = start.get(column.name, "")
        st.session_state[base_key] = published_number
    if chosen != NEW_EVENT:
        st.session_state[field_key(prefix, "event_id")] = chosen  # an event keeps its id
    base = st.session_state.get(base_key) if chosen != NEW_EVENT else None
    if chosen != NEW_EVENT and base != published_number:
        st.caption(t("team.form_base", lang, number=base or 0))
    with st.form(key=f"{prefix}|form", enter_to_submit=False, border=True):
        left, right = st.columns(2)
        for number, column in enumerate(COLUMNS):
            with left if number % 2 == 0 else right:
                _field(column, field_key(prefix, column.name),
                       disabled=column.name == "event_id" and chosen != NEW_EVENT)
        reason = st.text_input(t("team.reason", lang), key=f"{prefix}|reason", max_chars=2000,
                               help=t("team.reason_help", lang))
        save, restart = st.columns([3, 2])
        saved = save.form_submit_button(t("team.save", lang), type="primary", icon=":material/send:")
        again = restart.form_submit_button(t("team.start_again", lang), icon=":material/restart_alt:")
    if again:
        _forget(prefix)
        st.rerun()
    if saved:
        values = {column.name: str(st.session_state.get(field_key(prefix, column.name), "") or "")
                  for column in COLUMNS}
        if chosen != NEW_EVENT:  # the event chosen, whatever a browser sends for the disabled id field
            values["event_id"] = chosen
        outcome = propose_edit(store, principal, values=values, base_number=base, reason=reason)
        if outcome.kind is OutcomeKind.SAVED:
            _forget(prefix)  # the form shows the published revision again; the proposal waits for review
            st.session_state[MESSAGE_KEY] = outcome
            if chosen == NEW_EVENT:  # the next addition starts from an empty form
                st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
            st.rerun()
        if outcome.kind is OutcomeKind.CONFLICT:
            st.session_state[conflict_key] = outcome
        else:
            show_outcome(outcome, lang=lang, saved_key="team.proposed")
    conflict = st.session_state.get(conflict_key)
    if isinstance(conflict, Outcome):
        _conflict(conflict, base_key=base_key, conflict_key=conflict_key, lang=lang, rebase=chosen != NEW_EVENT)
    if published is not None and not (state is not None and state.retracted):
        _retract_form(store, principal, chosen, base=published.number, prefix=prefix, lang=lang)


def _conflict(outcome: Outcome, *, base_key: str, conflict_key: str, lang: Lang, rebase: bool) -> None:
    """Who saved first, when, and what differs; the person's values stay in the form above."""
    theirs = outcome.theirs
    if theirs is None:
        st.error(t("team.conflict_unknown", lang, reason=plain_markdown(outcome.message)),
                 icon=":material/sync_problem:")
        return
    st.error(t("team.conflict", lang, name=plain_markdown(theirs.author), number=theirs.number,
               time=theirs.created_at.strftime("%Y-%m-%d %H:%M:%S")), icon=":material/sync_problem:")
    st.caption(t("team.conflict_diff", lang))
    changes = outcome.changes_from_theirs()
    text_table(_changes_frame(changes, lang=lang))
    if theirs.state is not RevisionState.PUBLISHED:  # one change of an event waits for review at a time
        st.info(t("team.conflict_wait", lang, number=theirs.number), icon=":material/hourglass_top:")
        return
    if not rebase:  # a new event whose id is taken: another id, or a correction of that event
        return
    if st.button(t("team.conflict_keep", lang, number=theirs.number), key=f"{conflict_key}|rebase",
                 icon=":material/merge:"):
        st.session_state[base_key] = theirs.number
        st.session_state.pop(conflict_key, None)
        st.rerun()


def _changes_frame(changes: list[FieldChange], *, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame({t("team.column", lang): [c.column for c in changes],
                         t("team.theirs", lang): [c.old for c in changes],
                         t("team.yours", lang): [c.new for c in changes]})


def _retract_form(store: EventStore, principal: Principal, event_id: str, *, base: int, prefix: str,
                  lang: Lang) -> None:
    with st.expander(t("team.retract_title", lang), icon=":material/delete:"):
        with st.form(key=f"{prefix}|retract_form", enter_to_submit=False, border=False):
            reason = st.text_input(t("team.reason", lang), key=f"{prefix}|retract_reason", max_chars=2000)
            retract = st.form_submit_button(t("team.retract", lang), icon=":material/visibility_off:")
        if retract:
            outcome = retract_event(store, principal, event_id=event_id, base_number=base, reason=reason)
            if outcome.kind is OutcomeKind.SAVED:
                _forget(prefix)
                st.session_state[MESSAGE_KEY] = outcome
                st.rerun()
            if outcome.kind is OutcomeKind.CONFLICT and outcome.theirs is not None:
                st.error(t("team.conflict", lang, name=plain_markdown(outcome.theirs.author),
                           number=outcome.theirs.number,
                           time=outcome.theirs.created_at.strftime("%Y-%m-%d %H:%M:%S")),
                         icon=":material/sync_problem:")
            else:
                show_outcome(outcome, lang=lang, saved_key="team.proposed")
