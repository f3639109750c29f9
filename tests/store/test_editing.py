"""Proposing, publishing, rejecting and retracting events: the public view shows published revisions only,
each publication raises the published version, the history keeps every step and diffs show what changed."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import update
from storekit import EDITOR, OTHER_EDITOR, OTHER_REVIEWER, REVIEWER, event_values

from store.api import ConflictError, EditRefusedError, FieldChange, RevisionKind, RevisionState, diff_values
from store.postgres.tables import events

pytestmark = pytest.mark.postgres


def _published(store, event_id="T-1"):
    revision = store.propose(EDITOR, values=event_values(event_id), base_number=None, reason="reported today")
    return store.publish(REVIEWER, revision_id=revision.revision_id, note="checked the source")


def test_a_proposal_is_not_public_until_published(store):
    revision = store.propose(EDITOR, values=event_values(), base_number=None, reason="reported today")
    assert (revision.number, revision.base_number, revision.kind, revision.state) == (
        1, None, RevisionKind.ADD, RevisionState.PROPOSED)
    assert store.published_events().empty
    assert store.pending() == [revision]
    published = store.publish(REVIEWER, revision_id=revision.revision_id, note="checked")
    assert (published.state, published.reviewer, published.review_note) == (RevisionState.PUBLISHED, "rita", "checked")
    frame = store.published_events()
    assert frame["event_id"].tolist() == ["T-1"]
    assert frame["revision"].tolist() == [1]
    assert store.pending() == []
    assert store.published_version() == 1


def test_a_correction_keeps_the_history_and_its_diff(store):
    first = _published(store)
    changed = event_values(description="Shelling of the Ghazanchetsots Cathedral", fatalities="2")
    second = store.propose(OTHER_EDITOR, values=changed, base_number=first.number, reason="second source")
    assert (second.number, second.base_number, second.kind) == (2, 1, RevisionKind.CORRECT)
    assert store.published_events()["description"].tolist() == ["Shelling of the cathedral"]  # not yet
    store.publish(OTHER_REVIEWER, revision_id=second.revision_id)
    assert store.published_events()["fatalities"].tolist() == [2]
    assert store.published_version() == 2
    history = store.history("T-1")
    assert [(r.number, r.author, r.reviewer, r.reason) for r in history] == [
        (1, "ana", "rita", "reported today"), (2, "ben", "ravi", "second source")]
    assert diff_values(history[0].values, history[1].values) == [
        FieldChange("description", "Shelling of the cathedral", "Shelling of the Ghazanchetsots Cathedral"),
        FieldChange("fatalities", "0", "2")]


def test_a_rejected_proposal_stays_in_the_history_and_frees_the_event(store):
    first = _published(store)
    proposal = store.propose(EDITOR, values=event_values(status="confirmed"), base_number=1, reason="confirmed")
    with pytest.raises(EditRefusedError, match="needs a note"):
        store.reject(REVIEWER, revision_id=proposal.revision_id, note=" ")
    rejected = store.reject(REVIEWER, revision_id=proposal.revision_id, note="the source does not say so")
    assert rejected.state is RevisionState.REJECTED
    again = store.propose(EDITOR, values=event_values(status="denied"), base_number=first.number, reason="denied")
    assert again.number == 3
    assert [r.state for r in store.history("T-1")] == [RevisionState.PUBLISHED, RevisionState.REJECTED,
                                                        RevisionState.PROPOSED]


def test_a_retraction_hides_the_event_and_keeps_its_history(store):
    _published(store, "T-1")
    _published(store, "T-2")
    retraction = store.retract(EDITOR, event_id="T-1", base_number=1, reason="a duplicate of T-2")
    assert retraction.kind is RevisionKind.RETRACT
    store.publish(REVIEWER, revision_id=retraction.revision_id)
    assert store.published_events()["event_id"].tolist() == ["T-2"]
    assert [r.kind for r in store.history("T-1")] == [RevisionKind.ADD, RevisionKind.RETRACT]
    with pytest.raises(ConflictError, match="retracted already"):
        store.retract(EDITOR, event_id="T-1", base_number=2, reason="again")
    restored = store.propose(EDITOR, values=event_values("T-1"), base_number=2, reason="not a duplicate after all")
    store.publish(REVIEWER, revision_id=restored.revision_id)
    assert sorted(store.published_events()["event_id"]) == ["T-1", "T-2"]


@pytest.mark.parametrize(("base", "words"), [
    (None, "exists already"),  # adding an event that is there
    (7, "changed since revision 7"),  # a base that was never published
])
def test_a_wrong_base_is_a_conflict_that_keeps_your_values(store, base, words):
    _published(store)
    mine = event_values(notes="my notes")
    with pytest.raises(ConflictError, match=words) as caught:
        store.propose(OTHER_EDITOR, values=mine, base_number=base, reason="mine")
    assert caught.value.yours == mine
    assert caught.value.theirs is not None
    assert caught.value.theirs.number == 1
    assert len(store.history("T-1")) == 1


def test_a_second_proposal_while_one_waits_is_a_conflict(store):
    _published(store)
    waiting = store.propose(EDITOR, values=event_values(notes="first"), base_number=1, reason="first")
    with pytest.raises(ConflictError, match="waiting for review") as caught:
        store.propose(OTHER_EDITOR, values=event_values(notes="second"), base_number=1, reason="second")
    assert caught.value.theirs == waiting
    assert caught.value.yours["notes"] == "second"


def test_publishing_twice_is_refused(store):
    revision = store.propose(EDITOR, values=event_values(), base_number=None, reason="new")
    store.publish(REVIEWER, revision_id=revision.revision_id)
    with pytest.raises(ConflictError, match="published already"):
        store.publish(OTHER_REVIEWER, revision_id=revision.revision_id)
    assert store.published_version() == 1


@pytest.mark.parametrize(("location", "lat", "status"), [
    ("Stepanakert", 39.8153, "resolved"),
    ("Martuni", None, "ambiguous: Martuni (AZ), Martuni (AM)"),  # unsure: no point, flagged
    ("Nowhere-on-earth", None, "not_found: not in the test places"),
])
def test_a_place_without_coordinates_is_geocoded_never_guessed(store, location, lat, status):
    values = event_values(location=location, latitude="", longitude="")
    revision = store.propose(EDITOR, values=values, base_number=None, reason="new")
    assert revision.values["geo_status"] == status
    store.publish(REVIEWER, revision_id=revision.revision_id)
    row = store.published_events().iloc[0]
    if lat is None:
        assert math.isnan(row["latitude"])
    else:
        assert row["latitude"] == lat


def test_a_point_typed_in_is_marked_as_a_files_point_is(store):
    revision = store.propose(EDITOR, values=event_values(), base_number=None, reason="new")
    assert (revision.values["geo_source"], revision.values["geo_status"]) == ("data", "resolved")
    store.publish(REVIEWER, revision_id=revision.revision_id)
    moved = dict(store.history("T-1")[0].values, latitude="39.8", longitude="46.76")
    second = store.propose(EDITOR, values=moved, base_number=1, reason="a closer point")
    assert (second.values["latitude"], second.values["geo_source"], second.values["geo_status"]) == (
        "39.8", "data", "resolved")


def test_a_changed_place_is_geocoded_again(store):
    revision = store.propose(EDITOR, values=event_values(location="Stepanakert", latitude="", longitude=""),
                             base_number=None, reason="new")
    store.publish(REVIEWER, revision_id=revision.revision_id)
    moved = dict(store.history("T-1")[0].values, location="Barda")
    second = store.propose(EDITOR, values=moved, base_number=1, reason="it was Barda")
    assert (second.values["latitude"], second.values["matched_name"]) == ("40.3744", "Barda")


def test_a_revision_whose_base_is_no_longer_published_is_superseded(store):
    _published(store)
    proposal = store.propose(EDITOR, values=event_values(notes="from revision 1"), base_number=1, reason="mine")
    with store.engine.begin() as connection:  # another publication got there first (as by a second server)
        connection.execute(update(events).where(events.c.event_id == "T-1").values(revision=5))
    with pytest.raises(ConflictError, match="marked superseded") as caught:
        store.publish(REVIEWER, revision_id=proposal.revision_id)
    assert caught.value.yours == proposal.values
    assert store.history("T-1")[-1].state is RevisionState.SUPERSEDED
    assert store.pending() == []
    assert store.published_version() == 1


def test_a_correction_that_changes_nothing_is_refused(store):
    _published(store)
    with pytest.raises(EditRefusedError, match="the same values as revision 1"):
        store.propose(EDITOR, values=dict(store.history("T-1")[0].values), base_number=1, reason="no change")
    assert store.pending() == []
