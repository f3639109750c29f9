"""Writing revisions: a proposal (add, correct, retract) and its review (publish, reject), each in one
transaction.

Optimistic locking: a proposal names the published revision it was made from (`base_number`); it is refused
with `ConflictError` when that is no longer the published one, or when another proposal of the same event
waits for review (a partial UNIQUE index: of two editors saving at the same moment, exactly one insert
succeeds). Its number is the event's last number + 1 (UNIQUE with the event id). Publishing a revision whose
base is no longer the published one marks it `superseded` (kept in the history) and raises `ConflictError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from access.roles import Principal
from eventmap.validation import FRAME_COLUMNS
from store.api import ConflictError, Revision, RevisionKind, RevisionState, UnknownRevisionError
from store.postgres.tables import events, publications, revisions

UNIQUE_VIOLATION = "23505"


def revision_of(row: Row[Any] | Mapping[str, Any]) -> Revision:
    data = row._mapping if isinstance(row, Row) else row
    return Revision(
        revision_id=data["revision_id"], event_id=data["event_id"], number=data["number"],
        base_number=data["base_number"], kind=RevisionKind(data["kind"]), state=RevisionState(data["state"]),
        values=_in_schema_order(data["values"]), author=data["author"], created_at=data["created_at"],
        reason=data["reason"],
        reviewer=data["reviewer"], reviewed_at=data["reviewed_at"], review_note=data["review_note"],
        batch=data["batch"],
    )


def _in_schema_order(values: Mapping[str, str]) -> dict[str, str]:
    """Values in the schema's column order (JSONB keeps its own)."""
    ordered = {column: values[column] for column in FRAME_COLUMNS if column in values}
    return {**ordered, **{k: v for k, v in values.items() if k not in ordered}}


def is_unique_violation(error: IntegrityError) -> bool:
    return getattr(error.orig, "sqlstate", None) == UNIQUE_VIOLATION


def published_state(connection: Connection, event_id: str, *, lock: bool = False) -> Row[Any] | None:
    """The event's published number and whether it is retracted (None: never published)."""
    query = select(events.c.revision, events.c.retracted).where(events.c.event_id == event_id)
    return cast("Row[Any] | None", connection.execute(query.with_for_update() if lock else query).first())


def published_revision(connection: Connection, event_id: str) -> Revision | None:
    state = published_state(connection, event_id)
    if state is None:
        return None
    row = connection.execute(select(revisions).where(revisions.c.event_id == event_id,
                                                     revisions.c.number == state.revision)).first()
    return None if row is None else revision_of(row)


def waiting_revision(connection: Connection, event_id: str) -> Revision | None:
    row = connection.execute(select(revisions).where(revisions.c.event_id == event_id,
                                                     revisions.c.state == RevisionState.PROPOSED.value)).first()
    return None if row is None else revision_of(row)


def last_revision(connection: Connection, event_id: str) -> Revision | None:
    row = connection.execute(select(revisions).where(revisions.c.event_id == event_id)
                             .order_by(revisions.c.number.desc()).limit(1)).first()
    return None if row is None else revision_of(row)


def next_number(connection: Connection, event_id: str) -> int:
    last = connection.execute(select(func.max(revisions.c.number)).where(revisions.c.event_id == event_id)).scalar()
    return (last or 0) + 1


def check_base(connection: Connection, *, event_id: str, base_number: int | None, values: Mapping[str, str],
               retracting: bool = False) -> None:
    """Raise `ConflictError` unless `base_number` is the event's published number (None: the event is new)
    and no other proposal of it waits for review (and, `retracting`, the event is not retracted already)."""
    state = published_state(connection, event_id)
    if retracting and state is not None and state.retracted:
        raise ConflictError(f"event {event_id!r} is retracted already (revision {state.revision})", yours=values,
                            theirs=published_revision(connection, event_id))
    if base_number is None and state is not None:
        raise ConflictError(f"event {event_id!r} exists already (published revision {state.revision}): "
                            "correct it instead of adding it", yours=values,
                            theirs=published_revision(connection, event_id))
    if base_number is not None and (state is None or state.revision != base_number):
        now = "it has not been published" if state is None else f"revision {state.revision} is published now"
        raise ConflictError(f"event {event_id!r} changed since revision {base_number}: {now}; your values are kept, "
                            "compare them with the published ones and save again", yours=values,
                            theirs=published_revision(connection, event_id) or last_revision(connection, event_id))
    waiting = waiting_revision(connection, event_id)
    if waiting is not None:
        raise ConflictError(waiting_message(waiting), yours=values, theirs=waiting)


def waiting_message(waiting: Revision) -> str:
    return (f"event {waiting.event_id!r} has a change waiting for review (revision {waiting.number} by "
            f"{waiting.author}); your values are kept: save them again once it is published or rejected")


def insert_revision(connection: Connection, *, principal: Principal, event_id: str, number: int,
                    base_number: int | None, kind: RevisionKind, values: Mapping[str, str], reason: str,
                    batch: str = "") -> Revision:
    row = connection.execute(insert(revisions).values(
        event_id=event_id, number=number, base_number=base_number, kind=kind.value,
        state=RevisionState.PROPOSED.value, values=dict(values), author=principal.name, reason=reason, batch=batch,
    ).returning(*revisions.c)).one()
    return revision_of(row)


def lock_revision(connection: Connection, revision_id: int) -> Revision:
    row = connection.execute(select(revisions).where(revisions.c.revision_id == revision_id).with_for_update()).first()
    if row is None:
        raise UnknownRevisionError(f"no revision {revision_id} in the store")
    return revision_of(row)


def set_review(connection: Connection, revision: Revision, *, state: RevisionState, reviewer: str, note: str,
               at: datetime | None = None) -> Revision:
    row = connection.execute(update(revisions).where(revisions.c.revision_id == revision.revision_id).values(
        state=state.value, reviewer=reviewer, review_note=note, reviewed_at=at or func.now(),
    ).returning(*revisions.c)).one()
    return revision_of(row)


def new_publication(connection: Connection, *, by: str, count: int, batch: str = "") -> int:
    """Record one publication; its number is the store's new published version."""
    return int(connection.execute(insert(publications).values(published_by=by, revisions=count, batch=batch)
                                  .returning(publications.c.version)).scalar_one())


def apply_revision(connection: Connection, revision: Revision, row: dict[str, Any] | None) -> None:
    """Make `revision` the event's published state: `row` is the events row of its values (None for a
    retraction, which keeps the last values and hides the event)."""
    if revision.kind is RevisionKind.RETRACT:
        connection.execute(update(events).where(events.c.event_id == revision.event_id)
                           .values(revision=revision.number, retracted=True))
    elif revision.base_number is None:
        connection.execute(insert(events).values(**(row or {})))
    else:
        values = {k: v for k, v in (row or {}).items() if k != "event_id"}
        connection.execute(update(events).where(events.c.event_id == revision.event_id).values(**values))
