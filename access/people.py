"""People: who they are (`Person`), what a directory of people offers (`PeopleDirectory`), and the rules
every directory applies to a name and a sign-in.

Two directories satisfy `PeopleDirectory`: the people file of the embedded default
(`access.people_file.PeopleFile`, a JSON file in the state folder) and the team store
(`store.api.EventStore`, PostgreSQL). Both keep argon2 hashes only, never a password.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from access.errors import LoginError, PersonError
from access.passwords import hash_password, verify_password
from access.roles import Principal, Role

MAX_NAME_LENGTH = 64
# One message for every failed sign-in: it never says whether the name or the password was wrong.
SIGN_IN_FAILED = "that name and password do not match anyone here; nothing changed"


@dataclass(frozen=True, kw_only=True)
class Person:
    name: str
    role: Role
    created_at: datetime | None = None


class PeopleDirectory(Protocol):
    """Where the people who may sign in are kept, with their roles."""

    def authenticate(self, name: str, password: str) -> Principal:
        """The person with this name and password (argon2), else `LoginError` with `SIGN_IN_FAILED`."""
        ...

    def add_person(self, principal: Principal, *, name: str, password: str, role: Role) -> Person:
        """Add a person (`principal` needs `Action.MANAGE_PEOPLE`); `PersonError` when the name is taken."""
        ...

    def person(self, name: str) -> Person | None:
        """The person called `name` (exactly), None when there is none: how a trusted header's name is checked."""
        ...


def check_name(name: str) -> str:
    """`name` without surrounding spaces, or `PersonError` saying why it cannot be a person's name."""
    cleaned = name.strip()
    if not cleaned:
        raise PersonError("a person's name cannot be empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise PersonError(f"a person's name has at most {MAX_NAME_LENGTH} characters, got {len(cleaned)}")
    bad = next((c for c in cleaned if unicodedata.category(c).startswith("C") or c == ","), None)
    if bad is not None:
        raise PersonError(f"name {cleaned!r}: contains {bad!r} (control characters and commas are not allowed)")
    return cleaned


@functools.cache
def _unknown_name_hash() -> str:
    """A hash to check a password against when the name is unknown, so an unknown name takes as long to
    refuse as a wrong password (the time taken does not tell whether a name exists)."""
    return hash_password("no one has this password")


def signed_in(person: Person | None, stored_hash: str, password: str) -> Principal:
    """The principal of a sign-in: `person` when `password` matches `stored_hash`, else `LoginError`.
    Pass `person=None` (any `stored_hash`) for an unknown name: the password is still checked against a
    hash, so the refusal takes as long as a wrong password's."""
    matches = verify_password(stored_hash if person is not None else _unknown_name_hash(), password)
    if person is None or not matches:
        raise LoginError(SIGN_IN_FAILED)
    return Principal(name=person.name, role=person.role, via="password")
