"""`PostgresStore`: the `store.api.EventStore` on PostgreSQL/PostGIS.

Every write checks the acting person's role first (`access.require`, `access.roles.may_review`) and runs in
one transaction; a lost connection raises `StoreUnavailableError` naming the server, nothing half-written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from access.errors import LoginError, PermissionDeniedError
from access.passwords import hash_password, needs_rehash, verify_password
from access.roles import Action, Principal, Role, may_review, require
from base.problems import Problem, Severity
from eventmap.control.loading import ControlLoadResult
from geo.geocoders.base import Geocoder
from store.api import (
    ConflictError,
    EditRefusedError,
    EventStore,
    Export,
    ImportResult,
    Person,
    Revision,
    RevisionKind,
    RevisionState,
    UnknownRevisionError,
    ViewQuery,
)
from store.postgres import exporting, importing, reading, shared
from store.postgres import revising as rv
from store.postgres.connection import check_schema, unavailable_as_store_error
from store.postgres.geocache import PostgresGeocodeCache, team_chain
from store.postgres.shared import PlaceOverrides
from store.postgres.tables import people, publications, revisions
from store.postgres.values import check_values, drop_stale_point, event_row, locate, text_values

EDIT_FILE = "edit"  # the "file" an edit's problems name


def refused(problems: list[Problem], what: str) -> EditRefusedError:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    listed = "; ".join(f"{p.column or 'row'}: {p.message}" for p in errors[:5])
    return EditRefusedError(f"{what} refused: {listed}; nothing was saved", problems=errors)


class PostgresStore:
    """The team store in one PostgreSQL database (see `store.open_store`)."""

    def __init__(self, engine: Engine, *, geocoder: Geocoder | Callable[[], Geocoder] | None = None,
                 check: bool = True) -> None:
        self.engine = engine
        self._geocoder = geocoder
        if check:
            check_schema(engine)

    # --- plumbing ------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        with unavailable_as_store_error(self.engine.url):
            yield

    def geocoder(self) -> Geocoder:
        """The geocoder for names without coordinates (default: the chain of `Settings.from_env()`, offline
        unless online geocoding is on, with the store's overrides and cache: `geocache.team_chain`)."""
        if isinstance(self._geocoder, Geocoder):
            return self._geocoder
        if self._geocoder is None:
            from base.settings import Settings

            self._geocoder = team_chain(self.engine, Settings.from_env())
            return self._geocoder
        self._geocoder = self._geocoder()
        return self._geocoder

    def close(self) -> None:
        self.engine.dispose()

    # --- reading -------------------------------------------------------------------------------------------

    def published_version(self) -> int:
        with self._guard(), self.engine.connect() as connection:
            return int(connection.execute(select(func.coalesce(func.max(publications.c.version), 0))).scalar_one())

    def published_events(self) -> pd.DataFrame:
        with self._guard():
            return reading.published_events(self.engine)

    def query(self, view: ViewQuery) -> pd.DataFrame:
        with self._guard():
            return reading.query(self.engine, view)

    def pending(self) -> list[Revision]:
        with self._guard(), self.engine.connect() as connection:
            rows = connection.execute(select(revisions).where(revisions.c.state == RevisionState.PROPOSED.value)
                                      .order_by(revisions.c.revision_id))
            return [rv.revision_of(row) for row in rows]

    def history(self, event_id: str) -> list[Revision]:
        with self._guard(), self.engine.connect() as connection:
            rows = connection.execute(select(revisions).where(revisions.c.event_id == event_id)
                                      .order_by(revisions.c.number))
            return [rv.revision_of(row) for row in rows]

    def revision(self, revision_id: int) -> Revision:
        """One revision by its id (`UnknownRevisionError` when there is none)."""
        with self._guard(), self.engine.connect() as connection:
            row = connection.execute(select(revisions).where(revisions.c.revision_id == revision_id)).first()
        if row is None:
            raise UnknownRevisionError(f"no revision {revision_id} in the store")
        return rv.revision_of(row)

    # --- proposing -----------------------------------------------------------------------------------------

    def propose(self, principal: Principal, *, values: Mapping[str, str], base_number: int | None,
                reason: str) -> Revision:
        require(principal, Action.PROPOSE)
        _need_name(principal)
        event_id = str(values.get("event_id", "")).strip()
        with self._guard():
            published = self._published(event_id) if base_number is not None else None
            base = None if published is None else dict(published.values)
            text = drop_stale_point({k: str(v) for k, v in values.items()}, base)
            typed, problems = check_values(text, file=EDIT_FILE)
            problems.extend(_reason_problems(reason))
            if any(p.severity is Severity.ERROR for p in problems):
                raise refused(problems, f"the change to {event_id or 'a new event'}")
            typed = locate([typed], geocoder=self.geocoder())[0]  # a point given is marked as a file's is
            final = text_values(typed)
            restoring = published is not None and published.kind is RevisionKind.RETRACT
            if base is not None and not restoring and final == {c: base.get(c, "") for c in final}:
                raise refused([Problem(EDIT_FILE, None, None, f"the same values as revision {base_number}: "
                                       "nothing to save")], f"the change to {event_id}")
            kind = RevisionKind.ADD if base_number is None else RevisionKind.CORRECT
            return self._insert(principal, event_id=event_id, base_number=base_number, kind=kind, values=final,
                                reason=reason.strip(), given=values)

    def retract(self, principal: Principal, *, event_id: str, base_number: int, reason: str) -> Revision:
        require(principal, Action.PROPOSE)
        _need_name(principal)
        problems = _reason_problems(reason)
        if problems:
            raise refused(problems, f"the retraction of {event_id}")
        with self._guard():
            published = self._published(event_id)
            values = {} if published is None else dict(published.values)
            return self._insert(principal, event_id=event_id, base_number=base_number, kind=RevisionKind.RETRACT,
                                values=values, reason=reason.strip())

    def _published(self, event_id: str) -> Revision | None:
        with self.engine.connect() as connection:
            return rv.published_revision(connection, event_id)

    def _insert(self, principal: Principal, *, event_id: str, base_number: int | None, kind: RevisionKind,
                values: Mapping[str, str], reason: str, given: Mapping[str, str] | None = None) -> Revision:
        """Write a proposal; a conflict raises `ConflictError` with `given` (what the person typed) as `yours`."""
        yours = dict(values if given is None else given)
        try:
            with self.engine.begin() as connection:
                rv.check_base(connection, event_id=event_id, base_number=base_number, values=yours,
                              retracting=kind is RevisionKind.RETRACT)
                return rv.insert_revision(connection, principal=principal, event_id=event_id,
                                          number=rv.next_number(connection, event_id), base_number=base_number,
                                          kind=kind, values=values, reason=reason)
        except IntegrityError as error:
            if not rv.is_unique_violation(error):
                raise
        with self.engine.connect() as connection:  # someone saved the same event at the same moment
            theirs = rv.waiting_revision(connection, event_id) or rv.last_revision(connection, event_id)
        message = rv.waiting_message(theirs) if theirs is not None and theirs.state is RevisionState.PROPOSED else (
            f"event {event_id!r} was saved by someone else at the same moment; your values are kept")
        raise ConflictError(message, yours=yours, theirs=theirs)

    # --- reviewing -----------------------------------------------------------------------------------------

    def publish(self, principal: Principal, *, revision_id: int, note: str = "") -> Revision:
        require(principal, Action.REVIEW)
        with self._guard():
            superseded: Revision | None = None
            with self.engine.begin() as connection:
                revision = self._reviewable(connection, principal, revision_id, "publish")
                state = rv.published_state(connection, revision.event_id, lock=True)
                published = None if state is None else state.revision
                if revision.base_number != published:
                    superseded = rv.set_review(connection, revision, state=RevisionState.SUPERSEDED,
                                               reviewer=principal.name,
                                               note=f"not published: revision {published} was published first")
                else:
                    row = None if revision.kind is RevisionKind.RETRACT else self._row_of(revision)
                    rv.apply_revision(connection, revision, row)
                    rv.new_publication(connection, by=principal.name, count=1, batch=revision.batch)
                    return rv.set_review(connection, revision, state=RevisionState.PUBLISHED,
                                         reviewer=principal.name, note=note.strip())
            with self.engine.connect() as connection:
                theirs = rv.published_revision(connection, superseded.event_id)
            raise ConflictError(
                f"revision {superseded.number} of {superseded.event_id!r} was made from revision "
                f"{superseded.base_number}, but revision {theirs.number if theirs else '?'} is published now: "
                "it is marked superseded (kept in the history); its author may propose it again",
                yours=superseded.values, theirs=theirs)

    def reject(self, principal: Principal, *, revision_id: int, note: str) -> Revision:
        require(principal, Action.REVIEW)
        if not note.strip():
            raise EditRefusedError("a rejection needs a note saying why",
                                   problems=[Problem(EDIT_FILE, None, "note", "required, but empty")])
        with self._guard(), self.engine.begin() as connection:
            revision = self._reviewable(connection, principal, revision_id, "reject")
            return rv.set_review(connection, revision, state=RevisionState.REJECTED, reviewer=principal.name,
                                 note=note.strip())

    def _reviewable(self, connection: object, principal: Principal, revision_id: int, verb: str) -> Revision:
        revision = rv.lock_revision(connection, revision_id)  # type: ignore[arg-type]
        if not may_review(principal, author=revision.author):
            raise PermissionDeniedError(
                f"{principal.name or 'an anonymous viewer'} may not {verb} revision {revision_id}: it was written "
                f"by {revision.author}, and a second person reviews every change")
        if revision.state is not RevisionState.PROPOSED:
            raise ConflictError(f"revision {revision_id} is {revision.state.value} already "
                                f"({revision.reviewer or 'nobody'}): nothing was changed",
                                yours=revision.values, theirs=revision)
        return revision

    def _row_of(self, revision: Revision) -> dict[str, object]:
        typed, problems = check_values(revision.values, file=EDIT_FILE)
        if any(p.severity is Severity.ERROR for p in problems):  # values were valid when proposed
            raise refused(problems, f"publishing revision {revision.revision_id}")
        return event_row(typed, revision=revision.number)

    # --- files ---------------------------------------------------------------------------------------------

    def import_file(self, principal: Principal, path: Path, *, reason: str) -> ImportResult:
        with self._guard():
            return importing.import_file(self, principal, Path(path), reason=reason)

    def seed(self, principal: Principal, path: Path, *, reason: str = "") -> ImportResult:
        """An empty store's first events, imported and published by one admin (said so in every revision)."""
        with self._guard():
            return importing.seed(self, principal, Path(path), reason=reason)

    def export_published(self, *, fmt: str) -> Export:
        with self._guard():
            return exporting.export_published(self.engine, fmt=fmt)

    # --- places, control changes, the geocoding cache --------------------------------------------------------

    @property
    def places(self) -> PlaceOverrides:
        """The geocoding overrides every session uses (the chain's first geocoder in team mode)."""
        return PlaceOverrides(self.engine)

    def geocode_cache(self, inner: Geocoder) -> PostgresGeocodeCache:
        """`inner` (an online geocoder) behind the store's shared cache."""
        return PostgresGeocodeCache(inner, self.engine)

    def import_control_changes(self, principal: Principal, path: Path) -> int:
        """A control-changes file into the store, all or nothing (the file loader's checks and messages)."""
        return shared.import_control_changes(self.engine, principal, Path(path))

    def control_changes(self) -> ControlLoadResult:
        """The stored control changes, as `eventmap.control.loading.load_control_changes` gives a file's."""
        return shared.control_changes_result(self.engine)

    def control_stamp(self) -> tuple[int, str]:
        """(the number of stored control changes, the last `recorded_at`): one small query a rerun."""
        return shared.control_changes_stamp(self.engine)

    # --- people --------------------------------------------------------------------------------------------

    def authenticate(self, name: str, password: str) -> Principal:
        with self._guard(), self.engine.begin() as connection:
            row = connection.execute(select(people).where(people.c.name == name.strip())).first()
            if row is None or not verify_password(row.password_hash, password):
                raise LoginError("unknown name or wrong password")
            if needs_rehash(row.password_hash):
                connection.execute(people.update().where(people.c.name == row.name)
                                   .values(password_hash=hash_password(password)))
            return Principal(name=row.name, role=Role.parse(row.role), via="password")

    def add_person(self, principal: Principal, *, name: str, password: str, role: Role) -> Person:
        require(principal, Action.MANAGE_PEOPLE)
        return self._add_person(name=name, password=password, role=role)

    def add_first_admin(self, *, name: str, password: str) -> Person:
        """The store's first person, an admin; refused once anybody exists (then an admin adds people)."""
        with self._guard(), self.engine.connect() as connection:
            if connection.execute(select(func.count()).select_from(people)).scalar_one():
                raise PermissionDeniedError("the store has people already: an admin adds the next ones")
        return self._add_person(name=name, password=password, role=Role.ADMIN)

    def _add_person(self, *, name: str, password: str, role: Role) -> Person:
        name = name.strip()
        if not name or not name.isprintable():
            raise EditRefusedError("a person needs a name (printable text)",
                                   problems=[Problem("people", None, "name", "required, but empty", name)])
        try:
            hashed = hash_password(password)
        except ValueError as error:
            raise EditRefusedError(str(error), problems=[Problem("people", None, "password", str(error))]) from None
        try:
            with self._guard(), self.engine.begin() as connection:
                row = connection.execute(insert(people).values(name=name, role=role.label, password_hash=hashed)
                                         .returning(people.c.created_at)).one()
        except IntegrityError:
            raise EditRefusedError(f"a person named {name!r} exists already",
                                   problems=[Problem("people", None, "name", "already used", name)]) from None
        return Person(name=name, role=role, created_at=row.created_at)

    def person(self, name: str) -> Person | None:
        with self._guard(), self.engine.connect() as connection:
            row = connection.execute(select(people).where(people.c.name == name.strip())).first()
        return None if row is None else Person(name=row.name, role=Role.parse(row.role), created_at=row.created_at)


def _need_name(principal: Principal) -> None:
    if not principal.name:
        raise PermissionDeniedError("a change needs a signed-in person: every revision names its author")


def _reason_problems(reason: str) -> list[Problem]:
    return [] if reason.strip() else [Problem(EDIT_FILE, None, "reason", "required, but empty")]


if TYPE_CHECKING:
    def _implements(store: PostgresStore) -> EventStore:  # mypy checks that the class meets the protocol
        return store
