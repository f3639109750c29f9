"""The people file of the embedded default: argon2 hashes only, atomic changes, one message for every failed
sign-in, and a damaged file refused with the place and the reason (and left as it is)."""

from __future__ import annotations

import functools
import json
import stat
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from access import (
    LoginError,
    PeopleDirectory,
    PeopleFileError,
    PermissionDeniedError,
    PersonError,
    Principal,
    Role,
    WeakPasswordError,
)
from access.people import SIGN_IN_FAILED
from access.people_file import PeopleFile

ADMIN = Principal(name="root", role=Role.ADMIN, via="command line")
PASSWORD = "correct horse battery"  # noqa: S105 (a test password)


@pytest.fixture
def people(tmp_path: Path) -> PeopleFile:
    directory = PeopleFile(tmp_path / "state" / "people.json")
    directory.add_person(ADMIN, name="Ana", password=PASSWORD, role=Role.EDITOR)
    return directory


def test_a_person_signs_in_with_their_password_and_role(people):
    principal = people.authenticate("Ana", PASSWORD)
    assert principal == Principal(name="Ana", role=Role.EDITOR, via="password")
    assert people.authenticate("  Ana ", PASSWORD).name == "Ana", "spaces around a typed name do not matter"


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("Ana", "wrong password"),  # a wrong password
        ("Nobody", PASSWORD),  # an unknown name
        ("ana", PASSWORD),  # names are exact
        ("", ""),
    ],
)
def test_a_failed_sign_in_never_says_which_was_wrong(people, name, password):
    with pytest.raises(LoginError) as refused:
        people.authenticate(name, password)
    assert str(refused.value) == SIGN_IN_FAILED


def test_only_hashes_are_stored_and_only_the_owner_reads_them(people):
    text = people.path.read_text(encoding="utf-8")
    assert PASSWORD not in text
    entry = json.loads(text)["people"][0]
    assert entry["password_hash"].startswith("$argon2id$")
    assert stat.S_IMODE(people.path.stat().st_mode) == 0o600


def test_no_file_is_nobody(tmp_path):
    directory: PeopleDirectory = PeopleFile(tmp_path / "people.json")
    assert directory.person("Ana") is None
    with pytest.raises(LoginError):
        directory.authenticate("Ana", PASSWORD)
    assert not (tmp_path / "people.json").exists(), "reading writes nothing"


def test_roles_change_and_people_leave(people):
    people.add_person(ADMIN, name="Rua", password=PASSWORD, role=Role.REVIEWER)
    assert [(p.name, p.role) for p in people.people()] == [("Ana", Role.EDITOR), ("Rua", Role.REVIEWER)]
    assert people.set_role(ADMIN, name="Ana", role=Role.ADMIN).role is Role.ADMIN
    assert people.authenticate("Ana", PASSWORD).role is Role.ADMIN
    people.remove(ADMIN, name="Ana")
    assert people.person("Ana") is None
    with pytest.raises(LoginError):
        people.authenticate("Ana", PASSWORD)
    assert [p.name for p in people.people()] == ["Rua"]


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda p: p.add_person(ADMIN, name="Ana", password=PASSWORD, role=Role.ADMIN), PersonError,
         "'Ana' is already in people.json; nothing changed"),
        (lambda p: p.add_person(ADMIN, name="  ", password=PASSWORD, role=Role.EDITOR), PersonError,
         "a person's name cannot be empty"),
        (lambda p: p.add_person(ADMIN, name="Ana, Rua", password=PASSWORD, role=Role.EDITOR), PersonError,
         "commas are not allowed"),
        (lambda p: p.add_person(ADMIN, name="x" * 65, password=PASSWORD, role=Role.EDITOR), PersonError,
         "at most 64 characters, got 65"),
        (lambda p: p.add_person(ADMIN, name="Bo\x1b[31m", password=PASSWORD, role=Role.EDITOR), PersonError,
         "control characters"),
        (lambda p: p.add_person(ADMIN, name="Bo", password="short", role=Role.EDITOR),  # noqa: S106
         WeakPasswordError,
         "at least 8 characters"),
        (lambda p: p.set_role(ADMIN, name="Nobody", role=Role.ADMIN), PersonError,
         "no one called 'Nobody' in people.json; nothing changed"),
        (lambda p: p.remove(ADMIN, name="Nobody"), PersonError, "no one called 'Nobody'"),
        (lambda p: p.add_person(Principal(name="Ana", role=Role.EDITOR), name="Bo", password=PASSWORD,
                                role=Role.ADMIN), PermissionDeniedError, "Ana (editor) may not manage people"),
        (lambda p: p.remove(Principal.anonymous(), name="Ana"), PermissionDeniedError, "may not manage people"),
        (lambda p: p.set_role(Principal(name="Rua", role=Role.REVIEWER), name="Ana", role=Role.ADMIN),
         PermissionDeniedError, "needs the admin role"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(people, change, error, message):
    before = people.path.read_bytes()
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        change(people)
    assert people.path.read_bytes() == before


@functools.cache
def good_hash() -> str:
    return PasswordHasher().hash(PASSWORD)


def entry(**fields):
    good = {"name": "Ana", "role": "editor", "password_hash": good_hash(), "created_at": ""}
    return {**good, **fields}


def document(*entries, **fields):
    return json.dumps({"format": "eventmap-people", "version": 1, "people": list(entries), **fields}, indent=1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{\n "format": "eventmap-people",\n "people": [\n', r"people\.json:4:1: not valid JSON \(Expecting value\)"),
        ("", r"people\.json:1:1: not valid JSON"),
        (b"\xff\xfe{}", r"people\.json: byte 0: not UTF-8 text"),
        ('["Ana"]', r"people\.json: format: not a people file"),
        (document(entry(), version=2), r"people\.json: version: 2 is not a version this app reads \(1\)"),
        (document(entry(), people={"Ana": {}}), r"people\.json: people: expected a list of people"),
        (document(entry(), "Rua"), r"people\.json: people\[1\]: expected an object"),
        (document(entry(role="boss")), r"people\.json: people\[0\]: unknown role 'boss'"),
        (document(entry(password_hash=None)), r"people\.json: people\[0\]\.password_hash: missing or not text"),
        (document(entry(password_hash="hunter2hunter2")),  # noqa: S106
         r"people\[0\]\.password_hash: not an argon2 hash"),
        (document(entry(), entry()), r"people\[1\]\.name: 'Ana' is listed twice"),
        (document(entry(name="")), r"people\[0\]: a person's name cannot be empty"),
        (document(entry(created_at="yesterday")), r"people\[0\]\.created_at: 'yesterday' is not an ISO date"),
    ],
)
def test_a_damaged_file_is_refused_with_the_place_and_left_as_it_is(tmp_path, content, message):
    path = tmp_path / "people.json"
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path.write_bytes(data)
    people = PeopleFile(path)
    for attempt in (lambda: people.authenticate("Ana", PASSWORD), lambda: people.person("Ana"),
                    lambda: people.add_person(ADMIN, name="Bo", password=PASSWORD, role=Role.EDITOR)):
        with pytest.raises(PeopleFileError, match=message):
            attempt()
    assert path.read_bytes() == data, "nothing overwrote the damaged file"


def test_a_hash_made_with_weaker_parameters_is_replaced_at_sign_in(tmp_path):
    path = tmp_path / "people.json"
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    path.write_text(document(entry(password_hash=weak)), encoding="utf-8")
    people = PeopleFile(path)
    assert people.authenticate("Ana", PASSWORD).name == "Ana"
    stored = json.loads(path.read_text(encoding="utf-8"))["people"][0]["password_hash"]
    assert stored != weak
    assert "m=65536" in stored, "today's parameters"
    assert people.authenticate("Ana", PASSWORD).name == "Ana"


def test_two_people_added_at_once_are_both_kept(tmp_path):
    people = PeopleFile(tmp_path / "people.json")
    names = [f"person {n}" for n in range(6)]
    threads = [threading.Thread(target=people.add_person, args=(ADMIN,),
                                kwargs={"name": name, "password": PASSWORD, "role": Role.EDITOR}) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(p.name for p in people.people()) == names
