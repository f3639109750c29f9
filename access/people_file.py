"""The people directory of the embedded default: a JSON file in the state folder (`people.json`).

    {"format": "eventmap-people", "version": 1,
     "people": [{"name": "Ana", "role": "editor", "password_hash": "$argon2id$...", "created_at": "2026-..."}]}

Only argon2 hashes are kept, never a password. Every change is a read-change-write under the file's lock
(`base.atomic.update_atomic`): two changes at once both land, a crash leaves the old file whole. The file is
readable by its owner only. A damaged file is never guessed at nor overwritten: reading it raises
`PeopleFileError` naming the file, the place (line and column, or the entry and field) and the reason.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from access.errors import PeopleFileError, PersonError
from access.passwords import hash_password, needs_rehash, verify_password
from access.people import Person, check_name, signed_in
from access.roles import Action, Principal, Role, require
from base.atomic import update_atomic

FORMAT = "eventmap-people"
VERSION = 1
FILE_NAME = "people.json"


class PeopleFile:
    """The people of one file; satisfies `access.people.PeopleDirectory`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    # --- reading ---------------------------------------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone in the file, in the order they were added."""
        return [person for person, _ in self._entries(self._read()).values()]

    def person(self, name: str) -> Person | None:
        found = self._entries(self._read()).get(name.strip())
        return found[0] if found else None

    def authenticate(self, name: str, password: str) -> Principal:
        found = self._entries(self._read()).get(name.strip())
        person, stored = found if found else (None, "")
        principal = signed_in(person, stored, password)
        if needs_rehash(stored):  # made with weaker parameters than today's: keep a stronger hash
            with contextlib.suppress(OSError, PeopleFileError):
                self._change(lambda entries: _rehashed(entries, principal.name, password))
        return principal

    # --- changes (each needs `Action.MANAGE_PEOPLE`) --------------------------------------------------------

    def add_person(self, principal: Principal, *, name: str, password: str, role: Role) -> Person:
        require(principal, Action.MANAGE_PEOPLE)
        name = check_name(name)
        person = Person(name=name, role=role, created_at=datetime.now(UTC).replace(microsecond=0))
        stored = hash_password(password)

        def add(entries: list[dict[str, str]]) -> list[dict[str, str]]:
            if any(entry["name"] == name for entry in entries):
                raise PersonError(f"{name!r} is already in {self.path.name}; nothing changed")
            return [*entries, _entry(person, stored)]

        self._change(add)
        return person

    def set_role(self, principal: Principal, *, name: str, role: Role) -> Person:
        require(principal, Action.MANAGE_PEOPLE)
        name = name.strip()

        def change(entries: list[dict[str, str]]) -> list[dict[str, str]]:
            self._must_exist(entries, name)
            return [{**entry, "role": role.label} if entry["name"] == name else entry for entry in entries]

        entries = self._change(change)
        return self._entries_of(list(entries))[name][0]

    def remove(self, principal: Principal, *, name: str) -> None:
        require(principal, Action.MANAGE_PEOPLE)
        name = name.strip()

        def drop(entries: list[dict[str, str]]) -> list[dict[str, str]]:
            self._must_exist(entries, name)
            return [entry for entry in entries if entry["name"] != name]

        self._change(drop)

    # --- the file --------------------------------------------------------------------------------------------

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def _change(self, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> list[dict[str, str]]:
        written: list[list[dict[str, str]]] = []

        def transform(before: bytes | None) -> bytes:
            entries = [_entry(person, stored) for person, stored in self._entries(before).values()]
            after = change(entries)
            written.append(after)
            return _document(after)

        update_atomic(self.path, transform)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)  # hashes only, but nobody else needs to read them
        return written[-1]

    def _must_exist(self, entries: list[dict[str, str]], name: str) -> None:
        if not any(entry["name"] == name for entry in entries):
            raise PersonError(f"no one called {name!r} in {self.path.name}; nothing changed")

    def _entries(self, data: bytes | None) -> dict[str, tuple[Person, str]]:
        """{name: (person, argon2 hash)} of the file's content (`None`: no file, nobody)."""
        if data is None:
            return {}
        try:
            document = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise PeopleFileError(f"{self.path}: byte {error.start}: not UTF-8 text; the file was left as it "
                                  "is") from None
        except json.JSONDecodeError as error:
            raise PeopleFileError(f"{self.path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); "
                                  "the file was left as it is") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise PeopleFileError(f"{self.path}: format: not a people file (expected \"format\": \"{FORMAT}\")")
        if document.get("version") != VERSION:
            raise PeopleFileError(f"{self.path}: version: {document.get('version')!r} is not a version this "
                                  f"app reads ({VERSION})")
        people = document.get("people")
        if not isinstance(people, list):
            raise PeopleFileError(f"{self.path}: people: expected a list of people")
        return self._entries_of(list(people))

    def _entries_of(self, people: list[object]) -> dict[str, tuple[Person, str]]:
        found: dict[str, tuple[Person, str]] = {}
        for number, entry in enumerate(people):
            where = f"{self.path}: people[{number}]"
            if not isinstance(entry, dict):
                raise PeopleFileError(f"{where}: expected an object with name, role and password_hash")
            for key in ("name", "role", "password_hash"):
                if not isinstance(entry.get(key), str):
                    raise PeopleFileError(f"{where}.{key}: missing or not text")
            try:
                name = check_name(entry["name"])
                role = Role.parse(entry["role"])
            except ValueError as error:
                raise PeopleFileError(f"{where}: {error}") from None
            if not entry["password_hash"].startswith("$argon2"):
                raise PeopleFileError(f"{where}.password_hash: not an argon2 hash")
            if name in found:
                raise PeopleFileError(f"{where}.name: {name!r} is listed twice")
            found[name] = (Person(name=name, role=role, created_at=_when(entry.get("created_at"), where)),
                           entry["password_hash"])
        return found


def _when(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise PeopleFileError(f"{where}.created_at: {value!r} is not an ISO date and time") from None


def _entry(person: Person, stored_hash: str) -> dict[str, str]:
    return {"name": person.name, "role": person.role.label, "password_hash": stored_hash,
            "created_at": person.created_at.isoformat() if person.created_at else ""}


def _document(entries: list[dict[str, str]]) -> bytes:
    document = {"format": FORMAT, "version": VERSION, "people": entries}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _rehashed(entries: list[dict[str, str]], name: str, password: str) -> list[dict[str, str]]:
    return [{**entry, "password_hash": hash_password(password)}
            if entry["name"] == name and verify_password(entry["password_hash"], password) else entry
            for entry in entries]
