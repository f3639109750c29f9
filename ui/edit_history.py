"""An event's history: every revision (number, kind, state, author, time, reason, reviewer, note), and the
differences between any two revisions the reader chooses. Read by everyone; only the team (editors and
reviewers) compares the values of revisions that were never published.
"""

from __future__ import annotations

import streamlit as st

from eventmap.i18n import t
from eventmap.scene import Lang
from services.team import EventState, diff_table, history_table
from store import Revision, RevisionKind, RevisionState
from ui.edit_common import text_table, translated
from ui.safe_text import plain_markdown, spreadsheet_safe

HISTORY_COLUMNS = ("public", "number", "kind", "state", "author", "time", "reason", "reviewer", "reviewed", "note")


def render(state: EventState, *, lang: Lang, team: bool) -> None:
    """The history table and the chosen pair's differences. Every revision is listed; the values of one that
    was never published (waiting, rejected, superseded) are compared for the team only (`team`: someone who
    may propose), never for the public."""
    if not state.history:
        st.info(t("history.none", lang, event=plain_markdown(state.event_id)), icon=":material/history:")
        return
    st.subheader(t("history.title", lang, event=plain_markdown(state.event_id)))
    shown = state.published.number if state.published is not None and not state.retracted else None
    table = translated(history_table(state.history, shown=shown), ("kind", "state"), lang=lang)
    st.dataframe(spreadsheet_safe(table), hide_index=True, width="stretch",
                 column_config={name: t(f"history.{name}", lang) for name in HISTORY_COLUMNS})
    comparable = [r for r in state.history if team or r.state is RevisionState.PUBLISHED]
    if not team and len(comparable) < len(state.history):
        st.caption(t("history.public_only", lang))
    if len(comparable) < 2:
        return
    st.subheader(t("history.compare", lang))
    by_number = {r.number: r for r in comparable}
    numbers = list(by_number)
    key = f"history|{state.event_id}"
    for side, default in (("from", numbers[-2]), ("to", numbers[-1])):
        if st.session_state.get(f"{key}|{side}") not in numbers:
            st.session_state[f"{key}|{side}"] = default
    left, right = st.columns(2)
    first = left.selectbox(t("history.from", lang), numbers, key=f"{key}|from",
                           format_func=lambda n: _label(by_number[n], lang=lang))
    second = right.selectbox(t("history.to", lang), numbers, key=f"{key}|to",
                             format_func=lambda n: _label(by_number[n], lang=lang))
    diff = diff_table(_values(by_number[first]), _values(by_number[second]))
    if diff.empty:
        st.caption(t("history.same", lang))
        return
    text_table(diff.rename(columns={
        "column": t("team.column", lang), "old": t("history.in", lang, number=first),
        "new": t("history.in", lang, number=second)}))


def _values(revision: Revision) -> dict[str, str]:
    """What a revision says the event is: a retraction says it is not shown (no values)."""
    return {} if revision.kind is RevisionKind.RETRACT else dict(revision.values)


def _label(revision: Revision, *, lang: Lang) -> str:
    return t("history.option", lang, number=revision.number, kind=t(f"team.kind.{revision.kind.value}", lang),
             state=t(f"team.state.{revision.state.value}", lang), author=revision.author)
