"""Importing a file into the store: every row (any format the loader reads) becomes a revision, in one
transaction — all or nothing.

A file with any row the loader sets aside is refused with those rows' problems (`file:line: column: reason`),
and nothing is written. A row whose event id is new is an addition; one whose event is published is a
correction from the published revision (unchanged rows make no revision); an event with a change waiting for
review refuses the import (listed with its line). `seed` imports an empty store's first events and publishes
them at once, by one admin: each revision's review note says so (no second person checked them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from access.errors import PermissionDeniedError
from access.roles import Action, Principal, Role, require
from base.errors import EventMapError
from base.problems import Problem, Severity
from eventmap.loading import load_events
from store.api import ConflictError, EditRefusedError, ImportResult, RevisionKind, RevisionState
from store.postgres import revising as rv
from store.postgres.tables import events, revisions
from store.postgres.values import event_row, frame_rows, text_values

if TYPE_CHECKING:
    from store.postgres.store import PostgresStore


def _load(store: PostgresStore, path: Path) -> tuple[list[dict[str, object]], list[int], list[Problem]]:
    """The file's rows (typed, geocoded where they have no point), their lines and the warnings."""
    import geo

    try:
        result = load_events(path, name=path.name)
    except EventMapError as error:
        raise EditRefusedError(f"{path.name}: {error}; nothing was imported",
                               problems=[Problem(path.name, None, None, str(error))]) from None
    if result.errors:
        count = len(result.rejected)
        shown = "; ".join(str(p) for p in result.errors[:3])
        raise EditRefusedError(f"{path.name}: {count} row{'s' if count != 1 else ''} with problems, nothing was "
                               f"imported: {shown}", problems=result.errors)
    frame = result.events
    if frame.empty:
        raise EditRefusedError(f"{path.name}: no event in the file; nothing was imported",
                               problems=[Problem(path.name, None, None, "no event in the file")])
    geo.geocode_frame(frame, geocoder=store.geocoder())  # points given are marked "data", as a file's
    rows = frame_rows(frame)
    return rows, [int(line) for line in frame["source_line"]], list(result.warnings)


def _batch(path: Path) -> str:
    return f"{path.name} {datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}"


def import_file(store: PostgresStore, principal: Principal, path: Path, *, reason: str,
                publish_as_seed: bool = False) -> ImportResult:
    require(principal, Action.IMPORT)
    if not principal.name:
        raise PermissionDeniedError("an import needs a signed-in person: every revision names its author")
    if not reason.strip():
        raise EditRefusedError("an import needs a reason", problems=[Problem(path.name, None, "reason",
                                                                             "required, but empty")])
    rows, lines, warnings = _load(store, path)
    batch = _batch(path)
    try:
        return _write(store, principal, path, rows, lines, warnings, batch=batch, reason=reason,
                      publish_as_seed=publish_as_seed)
    except IntegrityError as error:
        if not rv.is_unique_violation(error):
            raise
        raise ConflictError(f"{path.name}: someone changed one of its events at the same moment; nothing was "
                            "imported: import it again", yours={}, theirs=None) from None


def _write(store: PostgresStore, principal: Principal, path: Path, rows: list[dict[str, object]], lines: list[int],
           warnings: list[Problem], *, batch: str, reason: str, publish_as_seed: bool) -> ImportResult:
    with store.engine.begin() as connection:
        if publish_as_seed and connection.execute(select(func.count()).select_from(revisions)).scalar_one():
            raise PermissionDeniedError("seeding is for an empty store: this one has revisions already; "
                                        "use `import` (a reviewer then publishes)")
        plan, problems = _plan(connection, rows, lines, file=path.name)
        if problems:
            raise EditRefusedError(f"{path.name}: {len(problems)} row(s) conflict with the store, nothing was "
                                   f"imported: {problems[0]}", problems=problems)
        version = None
        review: dict[str, object] = {"state": RevisionState.PROPOSED.value}
        if publish_as_seed:
            review = {"state": RevisionState.PUBLISHED.value, "reviewer": principal.name,
                      "reviewed_at": datetime.now(UTC), "review_note": (
                          f"seeded: imported and published in one step by {principal.name} "
                          f"({principal.role.label}) when the store was empty, without a second reviewer")}
        if plan:  # one multi-row INSERT (executemany), not a round trip per row
            connection.execute(insert(revisions), [
                {"event_id": event_id, "number": number, "base_number": base, "values": text_values(typed),
                 "kind": (RevisionKind.ADD if base is None else RevisionKind.CORRECT).value, "author": principal.name,
                 "reason": reason.strip(), "batch": batch, **review}
                for typed, event_id, number, base in plan])
        if publish_as_seed and plan:
            connection.execute(insert(events), [event_row(typed, revision=number) for typed, _, number, _ in plan])
            version = rv.new_publication(connection, by=principal.name, count=len(plan), batch=batch)
    unchanged = len(rows) - len(plan)
    if unchanged:
        warnings.append(Problem(path.name, None, None, f"{unchanged} row(s) equal the published event: no revision",
                                severity=Severity.WARNING))
    return ImportResult(batch=batch, revisions=len(plan), problems=tuple(warnings), published_version=version)


def _plan(connection: Connection, rows: list[dict[str, object]], lines: list[int], *,
          file: str) -> tuple[list[tuple[dict[str, object], str, int, int | None]], list[Problem]]:
    """(typed values, event id, number, base number) of each revision to write, and the rows that conflict."""
    ids = [str(row["event_id"]) for row in rows]
    published = {row.event_id: row for row in connection.execute(
        select(events.c.event_id, events.c.revision).where(events.c.event_id.in_(ids)))}
    last = dict(connection.execute(select(revisions.c.event_id, func.max(revisions.c.number))
                                   .where(revisions.c.event_id.in_(ids)).group_by(revisions.c.event_id)).all())
    waiting = {row.event_id: row for row in connection.execute(
        select(revisions.c.event_id, revisions.c.number, revisions.c.author)
        .where(revisions.c.event_id.in_(ids), revisions.c.state == RevisionState.PROPOSED.value))}
    current_values = {row.event_id: row.values for row in connection.execute(
        select(revisions.c.event_id, revisions.c["values"]).join(
            events, (events.c.event_id == revisions.c.event_id) & (events.c.revision == revisions.c.number))
        .where(revisions.c.event_id.in_(ids)))}
    plan: list[tuple[dict[str, object], str, int, int | None]] = []
    problems: list[Problem] = []
    for typed, line, event_id in zip(rows, lines, ids, strict=True):
        if event_id in waiting:
            other = waiting[event_id]
            problems.append(Problem(file, line, "event_id", f"has a change waiting for review (revision "
                                    f"{other.number} by {other.author}): publish or reject it first", event_id))
            continue
        base = published[event_id].revision if event_id in published else None
        if base is not None and current_values.get(event_id) == text_values(typed):
            continue
        plan.append((typed, event_id, (last.get(event_id) or 0) + 1, base))
    return plan, problems


def seed(store: PostgresStore, principal: Principal, path: Path, *, reason: str = "") -> ImportResult:
    if principal.role < Role.ADMIN or not principal.name:
        raise PermissionDeniedError(f"{principal.name or 'an anonymous viewer'} ({principal.role.label}) may not "
                                    "seed the store: it needs a named admin")
    return import_file(store, principal, path, reason=reason or f"initial events from {path.name}",
                       publish_as_seed=True)
