"""The review queue: proposed revisions, oldest first, each with what it changes in the published event;
Publish or Reject (with a note) for a reviewer who did not write it. A reviewer's own revisions are listed
with the sentence that says another reviewer decides them; an editor reads the queue only; a viewer (anyone
not signed in) sees how many revisions wait, not their unreviewed values.
"""

from __future__ import annotations

import streamlit as st

from access import Action, Principal, allowed
from access.roles import may_review
from eventmap.i18n import t
from eventmap.scene import Lang
from services.team import Outcome, OutcomeKind, event_state, publish_revision, reject_revision, revision_diff
from store import EventStore, Revision, RevisionKind, RevisionState, StoreUnavailableError
from ui import data
from ui.edit_common import revision_title, show_outcome, text_table
from ui.safe_text import plain_markdown

MESSAGE_KEY = "team_review_message"
MAX_SHOWN = 50  # the oldest first; the count says how many wait in all


def render(store: EventStore, principal: Principal, *, lang: Lang) -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if isinstance(message, Outcome):
        show_outcome(message, lang=lang, saved_key=_saved_key(message))
    try:
        pending = store.pending()
    except StoreUnavailableError as error:
        data.store_unavailable(error)
    if not allowed(principal, Action.PROPOSE):  # unreviewed values are not public
        st.info(t("review.team_only", lang, count=len(pending)), icon=":material/lock:")
        return
    if not allowed(principal, Action.REVIEW):
        st.info(t("review.read_only", lang), icon=":material/visibility:")
    if not pending:
        st.success(t("review.empty", lang), icon=":material/done_all:")
        return
    st.caption(t("review.count", lang, count=len(pending)))
    for revision in pending[:MAX_SHOWN]:
        _one(store, principal, revision, lang=lang)


def _saved_key(outcome: Outcome) -> str:
    if outcome.revision is not None and outcome.revision.state is RevisionState.REJECTED:
        return "review.rejected"
    return "review.published"


def _one(store: EventStore, principal: Principal, revision: Revision, *, lang: Lang) -> None:
    with st.container(border=True):
        st.markdown(f"**{revision_title(revision, lang=lang)}**")
        st.caption(t("review.reason", lang, reason=plain_markdown(revision.reason)))
        try:
            history = event_state(store, revision.event_id).history
        except StoreUnavailableError as error:
            data.store_unavailable(error)
        diff = revision_diff(revision, history)
        if revision.kind is RevisionKind.RETRACT:
            st.caption(t("review.retract", lang))
        text_table(diff.rename(columns={
            "column": t("team.column", lang), "old": t("review.old", lang), "new": t("review.new", lang)}))
        if not allowed(principal, Action.REVIEW):
            return
        if not may_review(principal, author=revision.author):
            st.info(t("review.own", lang), icon=":material/person_off:")
            return
        key = f"review|{revision.revision_id}"
        note = st.text_input(t("review.note", lang), key=f"{key}|note", max_chars=2000,
                             help=t("review.note_help", lang))
        publish, reject = st.columns(2)
        if publish.button(t("review.publish", lang), key=f"{key}|publish", type="primary",
                          icon=":material/public:", width="stretch"):
            _done(publish_revision(store, principal, revision=revision, note=note), lang=lang)
        if reject.button(t("review.reject", lang), key=f"{key}|reject", icon=":material/undo:", width="stretch"):
            _done(reject_revision(store, principal, revision=revision, note=note), lang=lang)


def _done(outcome: Outcome, *, lang: Lang) -> None:
    """A decision taken: the queue is read again (the message shows at the top); a refusal shows here."""
    if outcome.kind is OutcomeKind.SAVED:
        st.session_state[MESSAGE_KEY] = outcome
        st.rerun()
    show_outcome(outcome, lang=lang, saved_key="review.published")
