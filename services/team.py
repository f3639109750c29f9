"""The team store seen by the dashboard, without Streamlit: its published events as the dashboard's frame,
and edits, reviews and retractions as structured outcomes a page can show.

Every write goes through the store's functions, which check the person's role and validate the values like
a file row; this module only turns form values into those calls and the store's answers (a revision, the
problems of a refused edit, the revision that got there first, a lost connection, a role that may not) into
an `Outcome`. Nothing here changes anything the store did not accept.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from access import Action, PermissionDeniedError, Principal, allowed
from base.problems import Problem
from base.settings import Settings
from eventmap.schema import COLUMN_NAMES
from services.loaded import LoadedData
from services.loading import SHORT_HASH_LENGTH, LoadFailure
from store import (
    ConflictError,
    EditRefusedError,
    EventStore,
    FieldChange,
    Revision,
    RevisionKind,
    RevisionState,
    StoreError,
    StoreUnavailableError,
    diff_values,
)

SOURCE_NAME = "team store, published version {version}"
VERSION_TRIES = 3  # a publication between reading the version and the events: read again
SEARCH_FIELDS = ("event_id", "location", "description")
MAX_SEARCH_RESULTS = 200
SCHEMA_COLUMNS = frozenset(COLUMN_NAMES)


def open_team_store(settings: Settings) -> EventStore:
    """The store `settings.database_url` names (the UI keeps one per process). Imported here: the embedded
    default never loads the database's libraries."""
    from store import open_store

    return open_store(settings.database_url)


# --- the published events as the dashboard's data ------------------------------------------------------------


def source_name(version: int) -> str:
    return SOURCE_NAME.format(version=version)


def published_snapshot(store: EventStore) -> tuple[int, pd.DataFrame]:
    """(version, events) of one publication: the version is read before and after the events, and the read
    repeated when a publication came in between, so the number always names the events it comes with."""
    for _ in range(VERSION_TRIES):
        before = store.published_version()
        events = store.published_events()
        if store.published_version() == before:
            return before, events
    raise StoreUnavailableError(f"the published version kept changing while it was read ({VERSION_TRIES} tries)")


def published_data(store: EventStore, *, store_id: str = "") -> LoadedData | LoadFailure:
    """The published events as the dashboard's data, named "team store, published version N".

    The store validated and placed every event when it was written: its frame is the file loader's, shown as
    it is. `store_id` names the store (hashed, never shown): the data's identity stays the same from one
    version to the next, so a publication updates the map without resetting anyone's filters or view, while
    `cache_key` (the map's and the filters' key) changes with the version."""
    version, events = published_snapshot(store)
    name = source_name(version)
    if events.empty:
        return LoadFailure(source_name=name, problems=(Problem(
            file=name, line=None, column=None,
            message="no event is published yet: an editor proposes one on the Edit page, a reviewer publishes it"),))
    digest = hashlib.sha256(f"team store|{store_id}".encode()).hexdigest()
    return LoadedData(events=events.drop(columns=["revision"], errors="ignore"), source_name=name,
                      detected_format="team store", sha256=digest, short_hash=digest[:SHORT_HASH_LENGTH],
                      cache_key=f"{digest}|v{version}", team_version=version)


# --- outcomes of a write ---------------------------------------------------------------------------------------


class OutcomeKind(enum.StrEnum):
    SAVED = "saved"  # the store wrote the revision
    REFUSED = "refused"  # validation said no: `problems` name each field and reason
    CONFLICT = "conflict"  # someone saved first: `theirs`, and the person's values in `yours`
    DENIED = "denied"  # the person's role may not do this
    UNAVAILABLE = "unavailable"  # the database cannot be reached: nothing was written


@dataclass(frozen=True, kw_only=True)
class Outcome:
    kind: OutcomeKind
    message: str = ""
    revision: Revision | None = None
    problems: tuple[Problem, ...] = ()
    yours: Mapping[str, str] = field(default_factory=dict)
    theirs: Revision | None = None

    @property
    def ok(self) -> bool:
        return self.kind is OutcomeKind.SAVED

    def changes_from_theirs(self) -> list[FieldChange]:
        """What the person's values change in the revision that got there first (their values: `old`)."""
        return schema_changes(self.theirs.values if self.theirs is not None else {}, self.yours)


def _missing(field_name: str, what: str) -> Outcome:
    problem = Problem(file="form", line=None, column=field_name, message=f"{what} is required")
    return Outcome(kind=OutcomeKind.REFUSED, message=f"{field_name}: {what} is required", problems=(problem,))


def _attempt(write: Callable[[], Revision], *, yours: Mapping[str, str] | None = None) -> Outcome:
    """Run one write against the store and say how it went."""
    try:
        revision = write()
    except EditRefusedError as error:
        return Outcome(kind=OutcomeKind.REFUSED, message=str(error), problems=error.problems)
    except ConflictError as error:
        return Outcome(kind=OutcomeKind.CONFLICT, message=str(error), yours=dict(error.yours or yours or {}),
                       theirs=error.theirs)
    except PermissionDeniedError as error:
        return Outcome(kind=OutcomeKind.DENIED, message=str(error))
    except StoreUnavailableError as error:
        return Outcome(kind=OutcomeKind.UNAVAILABLE, message=str(error))
    except StoreError as error:  # any other refusal of the store (an unknown revision, a wrong state)
        return Outcome(kind=OutcomeKind.REFUSED, message=str(error))
    return Outcome(kind=OutcomeKind.SAVED, revision=revision)


def clean_values(values: Mapping[str, str]) -> dict[str, str]:
    """The form's values for every schema column, as text without surrounding spaces."""
    return {name: str(values.get(name, "") or "").strip() for name in COLUMN_NAMES}


def propose_edit(store: EventStore, principal: Principal, *, values: Mapping[str, str], base_number: int | None,
                 reason: str) -> Outcome:
    """Propose an addition (`base_number` None) or a correction; a reason is required."""
    cleaned = clean_values(values)
    if not allowed(principal, Action.PROPOSE):
        return Outcome(kind=OutcomeKind.DENIED, message=_denied(principal, Action.PROPOSE), yours=cleaned)
    if not reason.strip():
        return _missing("reason", "a reason for the change")
    return _attempt(lambda: store.propose(principal, values=cleaned, base_number=base_number,
                                          reason=reason.strip()), yours=cleaned)


def retract_event(store: EventStore, principal: Principal, *, event_id: str, base_number: int,
                  reason: str) -> Outcome:
    """Propose to withdraw a published event from the public view (its history stays); a reason is required."""
    if not allowed(principal, Action.PROPOSE):
        return Outcome(kind=OutcomeKind.DENIED, message=_denied(principal, Action.PROPOSE))
    if not reason.strip():
        return _missing("reason", "a reason for the retraction")
    return _attempt(lambda: store.retract(principal, event_id=event_id, base_number=base_number,
                                          reason=reason.strip()))


def publish_revision(store: EventStore, principal: Principal, *, revision: Revision, note: str = "") -> Outcome:
    """Publish another person's revision (never one's own: `access.may_review`)."""
    if (refusal := review_refusal(principal, revision)) is not None:
        return refusal
    return _attempt(lambda: store.publish(principal, revision_id=revision.revision_id, note=note.strip()))


def reject_revision(store: EventStore, principal: Principal, *, revision: Revision, note: str) -> Outcome:
    """Turn another person's revision down; a note saying why is required."""
    if (refusal := review_refusal(principal, revision)) is not None:
        return refusal
    if not note.strip():
        return _missing("note", "a note saying why")
    return _attempt(lambda: store.reject(principal, revision_id=revision.revision_id, note=note.strip()))


def review_refusal(principal: Principal, revision: Revision) -> Outcome | None:
    """Why `principal` may not review `revision` (None when they may)."""
    if not allowed(principal, Action.REVIEW):
        return Outcome(kind=OutcomeKind.DENIED, message=_denied(principal, Action.REVIEW))
    if not principal.name or principal.name == revision.author:
        return Outcome(kind=OutcomeKind.DENIED,
                       message=f"{revision.author} wrote revision {revision.number} of {revision.event_id}: "
                               "a second person reviews it, never its author")
    return None


def _denied(principal: Principal, action: Action) -> str:
    who = principal.name or "an anonymous viewer"
    return f"{who} ({principal.role.label}) may not {action.value.replace('_', ' ')}"


# --- reading one event ----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EventState:
    """One event as the edit form starts from it: its published values and revision, and what waits."""

    event_id: str
    history: tuple[Revision, ...]

    @property
    def published(self) -> Revision | None:
        """The revision the public sees now (a retraction when the event was withdrawn), None before any."""
        shown = [r for r in self.history if r.state is RevisionState.PUBLISHED]
        return shown[-1] if shown else None

    @property
    def retracted(self) -> bool:
        return self.published is not None and self.published.kind is RevisionKind.RETRACT

    @property
    def values(self) -> dict[str, str]:
        published = self.published
        return clean_values(published.values) if published is not None else {}

    @property
    def pending(self) -> tuple[Revision, ...]:
        return tuple(r for r in self.history if r.state is RevisionState.PROPOSED)


def event_state(store: EventStore, event_id: str) -> EventState:
    return EventState(event_id=event_id, history=tuple(store.history(event_id)))


def search_events(events: pd.DataFrame, text: str, *, limit: int = MAX_SEARCH_RESULTS) -> pd.DataFrame:
    """The published events whose id, place or description holds `text` (any case; as text, never a pattern)."""
    needle = text.strip().casefold()
    if events.empty or not needle:
        return events.head(limit)
    hit = pd.Series(False, index=events.index)
    for name in SEARCH_FIELDS:
        if name in events.columns:
            hit |= events[name].fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
    return events.loc[hit].head(limit)


# --- tables for the pages ---------------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip()


def history_table(revisions: Sequence[Revision], *, shown: int | None = None) -> pd.DataFrame:
    """Every revision of an event, one row each, as text; `public` marks revision `shown` (the one the public
    view shows now: an earlier published revision stays "published" in the history)."""
    return pd.DataFrame({
        "public": ["✓" if r.number == shown else "" for r in revisions],
        "number": [r.number for r in revisions],
        "kind": [r.kind.value for r in revisions],
        "state": [r.state.value for r in revisions],
        "author": [r.author for r in revisions],
        "time": [_when(r.created_at) for r in revisions],
        "reason": [r.reason for r in revisions],
        "reviewer": [r.reviewer for r in revisions],
        "reviewed": [_when(r.reviewed_at) for r in revisions],
        "note": [r.review_note for r in revisions],
    }, columns=["public", "number", "kind", "state", "author", "time", "reason", "reviewer", "reviewed", "note"])


def schema_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[FieldChange]:
    """`diff_values` over the schema's columns: what a person wrote. The geocoding's own columns that a
    revision may carry (`geo_source`, `geo_status`, ...) follow from them and are left out."""
    return [change for change in diff_values(old, new) if change.column in SCHEMA_COLUMNS]


def diff_table(old: Mapping[str, str], new: Mapping[str, str]) -> pd.DataFrame:
    """The schema's columns whose text differs, with the old and the new text."""
    changes = schema_changes(old, new)
    return pd.DataFrame({"column": [c.column for c in changes], "old": [c.old for c in changes],
                         "new": [c.new for c in changes]}, columns=["column", "old", "new"])


def revision_diff(revision: Revision, history: Sequence[Revision]) -> pd.DataFrame:
    """A pending revision against the revision the public sees now (nothing, for an addition)."""
    published = [r for r in history if r.state is RevisionState.PUBLISHED and r.revision_id != revision.revision_id]
    old = published[-1].values if published else {}
    new = {} if revision.kind is RevisionKind.RETRACT else revision.values
    return diff_table(old, new)

