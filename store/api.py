"""The store's interface: the values it hands out and the `EventStore` protocol.

Every change to an event is a `Revision`: who proposed it, when, why, the full values after it, and the
revision it was made from (`base_number`). A reviewer — a second person, never the author — publishes it;
the public view shows only published revisions. Two people saving the same event from the same revision:
the first wins, the second gets `ConflictError` with their values intact (optimistic locking on the
revision number). Values are the schema's columns as text, exactly as a CSV row would give them, and are
validated by the same code as a file (`eventmap.validation`), with the same messages.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

import pandas as pd

from access.people import Person  # the same value for both people directories (file and store)
from access.roles import Principal, Role
from base.errors import EventMapError
from base.problems import Problem
from eventmap.control.loading import ControlLoadResult

# --- errors ----------------------------------------------------------------------------------------------------


class StoreError(EventMapError):
    """Root of every error raised by the store."""


class StoreUnavailableError(StoreError, ConnectionError):
    """The database cannot be reached; nothing was written. The message says where and why."""


class EditRefusedError(StoreError, ValueError):
    """An edit or import that breaks validation: nothing was written. `problems` name each field and reason."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class UnknownRevisionError(StoreError, LookupError):
    """A revision id (or event id) the store does not have; nothing was changed."""


class InvalidQueryError(StoreError, ValueError):
    """A view's filter that cannot be asked (a box with south above north, a negative limit)."""


class ConflictError(StoreError, RuntimeError):
    """Someone saved the same event since the revision this edit started from; nothing was written.

    `yours` are the values the caller tried to save (keep them: the person loses nothing); `theirs` is the
    revision that got there first.
    """

    def __init__(self, message: str, *, yours: Mapping[str, str], theirs: Revision | None) -> None:
        super().__init__(message)
        self.yours = dict(yours)
        self.theirs = theirs


# --- values ----------------------------------------------------------------------------------------------------


class RevisionKind(enum.StrEnum):
    ADD = "add"  # a new event
    CORRECT = "correct"  # new values for an existing event
    RETRACT = "retract"  # the event is withdrawn from the public view (its history stays)


class RevisionState(enum.StrEnum):
    PROPOSED = "proposed"  # waiting for a reviewer
    PUBLISHED = "published"  # the public view shows it
    REJECTED = "rejected"  # a reviewer turned it down (with a note)
    SUPERSEDED = "superseded"  # a newer revision of the same event was published first


@dataclass(frozen=True, kw_only=True)
class Revision:
    """One change to one event."""

    revision_id: int  # unique in the store, increasing
    event_id: str
    number: int  # 1, 2, 3 ... per event; unique with event_id
    base_number: int | None  # the published revision it was made from (None for an addition)
    kind: RevisionKind
    state: RevisionState
    values: Mapping[str, str]  # every schema column after the change, as text
    author: str
    created_at: datetime
    reason: str
    reviewer: str = ""
    reviewed_at: datetime | None = None
    review_note: str = ""
    batch: str = ""  # the import that made it ("" for an edit in the form)


@dataclass(frozen=True, slots=True)
class FieldChange:
    column: str
    old: str
    new: str


def diff_values(old: Mapping[str, str], new: Mapping[str, str]) -> list[FieldChange]:
    """The columns whose text differs between two revisions' values, in the order of `new` then `old`."""
    columns = list(dict.fromkeys([*new, *old]))
    return [FieldChange(column, old.get(column, ""), new.get(column, ""))
            for column in columns if old.get(column, "") != new.get(column, "")]


@dataclass(frozen=True, kw_only=True)
class ViewQuery:
    """The published events a map view needs, as SQL filters. Every field's default means "no filter"."""

    date_from: date | None = None
    date_to: date | None = None
    sides: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # (south, west, north, east)
    text: str = ""  # case-insensitive, in description, location, actor, target, notes
    limit: int | None = None


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    batch: str
    revisions: int  # revisions written (0 when refused: all or nothing)
    problems: tuple[Problem, ...] = ()  # warnings that did not stop the import
    published_version: int | None = None  # when the import was published straight away (the initial seed)


@dataclass(frozen=True, kw_only=True)
class Export:
    data: bytes
    version: int  # the published version it shows, also stamped inside the file
    media_type: str
    file_name: str = field(default="")


# --- the interface -------------------------------------------------------------------------------------------


class EventStore(Protocol):
    """What the app asks of a store. Every write takes the acting `Principal` and checks its role first."""

    def published_version(self) -> int:
        """The number of the latest publication (0 for an empty store): cheap, asked at every rerun."""
        ...

    def published_events(self) -> pd.DataFrame:
        """Every published, not retracted event, one row each, the schema's columns plus `revision`."""
        ...

    def query(self, view: ViewQuery) -> pd.DataFrame:
        """The published events inside `view`, computed in SQL (spatial index for the box)."""
        ...

    def propose(self, principal: Principal, *, values: Mapping[str, str], base_number: int | None,
                reason: str) -> Revision:
        """Add (`base_number` None) or correct an event; validated like a file row."""
        ...

    def retract(self, principal: Principal, *, event_id: str, base_number: int, reason: str) -> Revision: ...

    def pending(self) -> list[Revision]:
        """Proposed revisions, oldest first."""
        ...

    def publish(self, principal: Principal, *, revision_id: int, note: str = "") -> Revision: ...

    def reject(self, principal: Principal, *, revision_id: int, note: str) -> Revision: ...

    def history(self, event_id: str) -> list[Revision]:
        """Every revision of one event, oldest first."""
        ...

    def import_file(self, principal: Principal, path: Path, *, reason: str) -> ImportResult:
        """Every row of a file (any format the loader reads) as proposed revisions, in one transaction."""
        ...

    def export_published(self, *, fmt: str) -> Export:
        """The published set as "csv" or "geojson", stamped with its version."""
        ...

    def import_control_changes(self, principal: Principal, path: Path) -> int:
        """A control-changes file (`control_changes.csv`'s schema) into the store, all or nothing: the number
        of changes saved (a row with a `change_id` already stored replaces it)."""
        ...

    def control_changes(self) -> ControlLoadResult:
        """The stored changes of control, as `eventmap.control.loading.load_control_changes` gives a file's."""
        ...

    def control_stamp(self) -> tuple[int, str]:
        """(how many changes of control are stored, when the last was recorded): changes when they do."""
        ...

    def authenticate(self, name: str, password: str) -> Principal:
        """The person with this name and password (argon2), else `access.LoginError`."""
        ...

    def add_person(self, principal: Principal, *, name: str, password: str, role: Role) -> Person: ...

    def person(self, name: str) -> Person | None:
        """The person called `name`, None when there is none (a trusted proxy header's name is checked here).
        With `authenticate` and `add_person`, the store is an `access.people.PeopleDirectory`."""
        ...
