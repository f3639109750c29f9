"""services.team against a real store (PostgreSQL): the published events as the dashboard's data, stamped
with their version; form values to proposals and reviews, each answer an `Outcome`; search as text."""

from __future__ import annotations

import pandas as pd
import pytest
from storekit import (
    EDITOR,
    OTHER_EDITOR,
    OTHER_REVIEWER,
    REVIEWER,
    VIEWER,
    event_values,
)

from services.loaded import LoadedData
from services.loading import LoadFailure
from services.team import (
    OutcomeKind,
    event_state,
    history_table,
    propose_edit,
    publish_revision,
    published_data,
    reject_revision,
    retract_event,
    revision_diff,
    search_events,
)
from store import RevisionKind, RevisionState
from store.postgres import PostgresStore

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(team_store: PostgresStore) -> PostgresStore:
    """A store on a fresh database with the people of tests/storekit.py."""
    return team_store


def published(store: PostgresStore, event_id: str = "T-1", **changes: str) -> int:
    """Add an event and publish it; the new published version."""
    outcome = propose_edit(store, EDITOR, values=event_values(event_id, **changes), base_number=None, reason="new")
    assert outcome.ok, outcome
    assert outcome.revision is not None
    assert publish_revision(store, REVIEWER, revision=outcome.revision).ok
    return store.published_version()


def test_an_empty_store_says_nothing_is_published(store):
    loaded = published_data(store)
    assert isinstance(loaded, LoadFailure)
    assert loaded.source_name == "team store, published version 0"
    assert "no event is published yet" in loaded.problems[0].message


def test_the_published_events_are_the_dashboard_data_named_with_their_version(store):
    first = published(store, "T-1")
    loaded = published_data(store, store_id="a")
    assert isinstance(loaded, LoadedData)
    assert loaded.source_name == f"team store, published version {first}"
    assert loaded.events["event_id"].tolist() == ["T-1"]
    assert pd.api.types.is_datetime64_any_dtype(loaded.events["date"])
    second = published(store, "T-2", location="Barda", latitude="40.3744", longitude="47.1262")
    later = published_data(store, store_id="a")
    assert isinstance(later, LoadedData)
    assert later.source_name == f"team store, published version {second}"
    assert second > first
    assert sorted(later.events["event_id"]) == ["T-1", "T-2"]
    assert later.identity == loaded.identity, "same store: nobody's filters or view reset by a publication"
    assert later.cache_key != loaded.cache_key, "a new version: the map and filters are keyed anew"


@pytest.mark.parametrize(("who", "kind"), [(VIEWER, OutcomeKind.DENIED), (EDITOR, OutcomeKind.SAVED)])
def test_only_an_editor_proposes(store, who, kind):
    outcome = propose_edit(store, who, values=event_values("T-9"), base_number=None, reason="seen")
    assert outcome.kind is kind
    assert len(store.pending()) == (1 if kind is OutcomeKind.SAVED else 0)


@pytest.mark.parametrize(("changes", "reason", "field"), [
    ({"date": "2020-02-30"}, "typo", "date"),
    ({"status": "rumoured"}, "typo", "status"),
    ({}, "   ", "reason"),
])
def test_a_refused_edit_names_the_field_and_writes_nothing(store, changes, reason, field):
    outcome = propose_edit(store, EDITOR, values=event_values("T-1", **changes), base_number=None, reason=reason)
    assert outcome.kind is OutcomeKind.REFUSED
    assert field in [p.column for p in outcome.problems]
    assert store.pending() == []
    assert store.history("T-1") == []


def test_a_second_proposal_from_the_same_revision_is_a_conflict_with_both_sides(store):
    published(store, "T-1")
    first = propose_edit(store, EDITOR, values=event_values("T-1", fatalities="3"), base_number=1, reason="a")
    second = propose_edit(store, OTHER_EDITOR, values=event_values("T-1", fatalities="4"), base_number=1,
                          reason="b")
    assert first.ok
    assert second.kind is OutcomeKind.CONFLICT
    assert second.theirs is not None
    assert second.theirs.author == EDITOR.name
    assert second.yours["fatalities"] == "4"
    assert [(c.column, c.old, c.new) for c in second.changes_from_theirs()] == [("fatalities", "3", "4")]


@pytest.mark.parametrize(("reviewer", "kind"), [
    (EDITOR, OutcomeKind.DENIED),  # an editor may not review
    (OTHER_EDITOR, OutcomeKind.DENIED),
    (REVIEWER, OutcomeKind.DENIED),  # the author: never their own
    (OTHER_REVIEWER, OutcomeKind.SAVED),
])
def test_a_second_person_reviews(store, reviewer, kind):
    added = store.propose(REVIEWER, values=event_values("T-1"), base_number=None, reason="new")
    outcome = publish_revision(store, reviewer, revision=added)
    assert outcome.kind is kind
    assert store.published_version() == (1 if kind is OutcomeKind.SAVED else 0)


def test_a_rejection_needs_a_note_and_keeps_it_in_the_history(store):
    added = store.propose(EDITOR, values=event_values("T-1"), base_number=None, reason="new")
    assert reject_revision(store, REVIEWER, revision=added, note=" ").kind is OutcomeKind.REFUSED
    assert reject_revision(store, REVIEWER, revision=added, note="no source").ok
    (only,) = event_state(store, "T-1").history
    assert (only.state, only.review_note, only.reviewer) == (RevisionState.REJECTED, "no source", REVIEWER.name)


def test_a_retraction_shows_every_column_leaving_and_the_history_lists_every_step(store):
    published(store, "T-1")
    retraction = retract_event(store, EDITOR, event_id="T-1", base_number=1, reason="duplicate")
    assert retraction.ok
    assert retraction.revision is not None
    state = event_state(store, "T-1")
    diff = revision_diff(retraction.revision, state.history)
    assert set(diff["new"]) == {""}
    assert "event_id" in diff["column"].tolist()
    assert publish_revision(store, OTHER_REVIEWER, revision=retraction.revision).ok
    state = event_state(store, "T-1")
    assert state.retracted
    assert state.pending == ()
    table = history_table(state.history)
    assert table[["number", "kind", "author", "reason"]].values.tolist() == [
        [1, "add", "ana", "new"], [2, "retract", "ana", "duplicate"]]
    assert store.published_events().empty


@pytest.mark.parametrize(("text", "found"), [
    ("t-1", ["T-1"]), ("barda", ["T-2"]), ("CATHEDRAL", ["T-1", "T-2"]), ("", ["T-1", "T-2"]),
    ("'; DROP TABLE events; --", []), (".*", []), ("%", []),
])
def test_search_finds_id_place_or_description_as_text(store, text, found):
    published(store, "T-1")
    published(store, "T-2", location="Barda", latitude="40.3744", longitude="47.1262")
    events = store.published_events()
    assert sorted(search_events(events, text)["event_id"]) == found
    assert [r.kind for r in store.history("T-1")] == [RevisionKind.ADD]
