"""Importing a file makes one revision per row in one transaction: all or nothing. Seeding publishes an empty
store's first events, by a named admin, and says so in the history."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from eventframes import PROJECT_ROOT
from storekit import ADMIN, EDITOR, REVIEWER, event_values

from access.errors import PermissionDeniedError
from eventmap.loading import load_events
from store.api import EditRefusedError, RevisionKind, RevisionState

pytestmark = pytest.mark.postgres

DATA = PROJECT_ROOT / "tests" / "data"


@pytest.mark.parametrize("name", ["events.json", "events.xlsx", "events.ods", "events.parquet", "project_utf8.csv",
                                  "project_cp1256.csv", "project_semicolon.csv", "acled_current.csv"])
def test_any_format_the_loader_reads_becomes_revisions(store, name):
    expected = load_events(DATA / name).events
    result = store.import_file(EDITOR, DATA / name, reason="the partner's table")
    assert result.revisions == len(expected)
    pending = store.pending()
    assert [r.event_id for r in pending] == expected["event_id"].tolist()
    assert {(r.kind, r.state, r.author, r.batch) for r in pending} == {
        (RevisionKind.ADD, RevisionState.PROPOSED, "ana", result.batch)}
    assert store.published_events().empty  # a reviewer publishes


@pytest.mark.parametrize("name", ["project_broken.csv", "events.geojson"])
def test_a_file_with_a_bad_row_imports_nothing(store, name):
    expected = load_events(DATA / name).errors
    with pytest.raises(EditRefusedError, match="nothing was imported") as caught:
        store.import_file(EDITOR, DATA / name, reason="partner")
    assert list(caught.value.problems) == expected
    assert all(p.file == name and p.line for p in caught.value.problems)  # file:line
    assert store.pending() == []


def test_a_file_that_cannot_be_read_imports_nothing(store, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("just,some\nwords,here\n", encoding="utf-8")
    with pytest.raises(EditRefusedError, match=r"notes\.csv"):
        store.import_file(EDITOR, path, reason="partner")
    assert store.pending() == []


def test_a_row_of_an_event_waiting_for_review_refuses_the_whole_import(store, tmp_path):
    rows = load_events(DATA / "project_utf8.csv").events
    waiting_id = rows["event_id"].iloc[2]
    store.propose(EDITOR, values=event_values(waiting_id), base_number=None, reason="mine first")
    with pytest.raises(EditRefusedError, match="waiting for review") as caught:
        store.import_file(EDITOR, DATA / "project_utf8.csv", reason="partner")
    assert [(p.line, p.column, p.value) for p in caught.value.problems] == [
        (int(rows["source_line"].iloc[2]), "event_id", waiting_id)]
    assert len(store.pending()) == 1


def test_importing_again_corrects_changed_rows_only(store, tmp_path):
    path = tmp_path / "events.csv"
    shutil.copy(DATA / "project_utf8.csv", path)
    store.import_file(EDITOR, path, reason="first")
    for revision in store.pending():
        store.publish(REVIEWER, revision_id=revision.revision_id)
    again = store.import_file(EDITOR, path, reason="the same file")
    assert again.revisions == 0
    assert store.pending() == []
    frame = load_events(path).events
    first_id = frame["event_id"].iloc[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(str(frame["description"].iloc[0]), "A corrected description"), encoding="utf-8")
    corrected = store.import_file(EDITOR, path, reason="corrected")
    assert corrected.revisions == 1
    [revision] = store.pending()
    assert (revision.event_id, revision.kind, revision.base_number, revision.number) == (
        first_id, RevisionKind.CORRECT, 1, 2)


def test_seeding_publishes_the_bundled_events_and_says_who(store):
    result = store.seed(ADMIN, PROJECT_ROOT / "events.csv")
    expected = load_events(PROJECT_ROOT / "events.csv").events
    assert result.revisions == len(expected) == len(store.published_events())
    assert result.published_version == store.published_version() == 1
    first = store.history(str(expected["event_id"].iloc[0]))[0]
    assert (first.author, first.reviewer, first.state, first.reason) == (
        "adam", "adam", RevisionState.PUBLISHED, "initial events from events.csv")
    assert "without a second reviewer" in first.review_note
    with pytest.raises(PermissionDeniedError, match="empty store"):
        store.seed(ADMIN, PROJECT_ROOT / "events.csv")


@pytest.mark.parametrize("who", [EDITOR, REVIEWER])
def test_only_an_admin_seeds(store, who):
    with pytest.raises(PermissionDeniedError, match="named admin"):
        store.seed(who, PROJECT_ROOT / "events.csv")
    assert store.published_version() == 0


def test_the_published_frame_is_the_loaders_frame(store, bundled_events):
    store.seed(ADMIN, PROJECT_ROOT / "events.csv")
    frame = store.published_events()
    loaded = bundled_events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    assert list(frame.columns) == [*loaded.columns, "revision"]
    assert frame.dtypes.drop("revision").to_dict() == loaded.dtypes.to_dict()
    with_points = loaded["latitude"].notna()  # the rest were geocoded by the store (the loader leaves them)
    columns = [c for c in loaded.columns if c not in ("source_line", "geo_source", "geo_status", "matched_name",
                                                       "geo_confidence")]
    pd.testing.assert_frame_equal(frame.loc[with_points, columns], loaded.loc[with_points, columns])
