"""Who a session is, from its request: the loopback rule, proxy headers, the trusted header, the team store."""

from __future__ import annotations

from typing import ClassVar

import pytest

from access import Person, Principal, Role
from access.sessions import Issue, RequestFacts, identify, is_loopback

ANON = Principal.anonymous()
LOCAL_EDITOR = Principal(role=Role.EDITOR, via="loopback")
HOST = {"Host": "localhost:8501", "User-Agent": "Mozilla/5.0"}


class Directory:
    """A directory of two people (only `person` is asked: no password is involved in these rules)."""

    people: ClassVar[dict[str, Person]] = {"ana": Person(name="ana", role=Role.EDITOR),
                                           "rua": Person(name="rua", role=Role.REVIEWER)}

    def person(self, name: str) -> Person | None:
        return self.people.get(name)

    def authenticate(self, name: str, password: str) -> Principal:
        raise AssertionError("the rules never check a password")

    def add_person(self, principal, *, name, password, role):
        raise AssertionError("the rules never add anyone")


@pytest.mark.parametrize(
    ("ip", "headers", "team_store", "trusted", "expected", "issue"),
    [
        # the embedded default: the person at the machine edits, everyone else reads
        ("127.0.0.1", HOST, False, "", LOCAL_EDITOR, None),
        ("::1", HOST, False, "", LOCAL_EDITOR, None),
        ("127.0.1.1", HOST, False, "", LOCAL_EDITOR, None),  # Debian's hostname address is loopback too
        ("::ffff:127.0.0.1", HOST, False, "", LOCAL_EDITOR, None),
        ("192.168.1.23", HOST, False, "", ANON, None),  # a student on the classroom network
        ("10.0.0.5", HOST, False, "", ANON, None),
        ("2001:db8::7", HOST, False, "", ANON, None),
        (None, {}, False, "", ANON, None),  # nothing known of the connection: never trusted
        ("not an address", HOST, False, "", ANON, None),
        # behind a reverse proxy every connection comes from loopback: a proxied one is not the machine's person
        ("127.0.0.1", {**HOST, "X-Forwarded-For": "203.0.113.9"}, False, "", ANON, None),
        ("127.0.0.1", {**HOST, "x-real-ip": "203.0.113.9"}, False, "", ANON, None),
        ("127.0.0.1", {**HOST, "Forwarded": "for=203.0.113.9"}, False, "", ANON, None),
        ("127.0.0.1", {**HOST, "X-Forwarded-For": ""}, False, "", ANON, None),  # present, even empty
        # the team store: no loopback rule
        ("127.0.0.1", HOST, True, "", ANON, None),
        # a trusted header names a person of the directory, with the directory's role
        ("127.0.0.1", {**HOST, "X-Remote-User": "rua", "X-Forwarded-For": "203.0.113.9"}, False, "X-Remote-User",
         Principal(name="rua", role=Role.REVIEWER, via="proxy header"), None),
        ("127.0.0.1", {**HOST, "x-remote-user": "ana"}, True, "X-Remote-User",
         Principal(name="ana", role=Role.EDITOR, via="proxy header"), None),
        ("127.0.0.1", {**HOST, "X-Remote-User": " ana "}, True, "X-Remote-User",
         Principal(name="ana", role=Role.EDITOR, via="proxy header"), None),
        # ... only a person the directory has
        ("127.0.0.1", {**HOST, "X-Remote-User": "mallory"}, False, "X-Remote-User", ANON, Issue.UNKNOWN_PERSON),
        ("127.0.0.1", {**HOST, "X-Remote-User": "ana, rua"}, False, "X-Remote-User", ANON, Issue.UNKNOWN_PERSON),
        # ... and only from the proxy (on loopback): a client reaching the app directly cannot name itself
        ("192.168.1.23", {**HOST, "X-Remote-User": "rua"}, False, "X-Remote-User", ANON, Issue.NOT_FROM_PROXY),
        # with a trusted header configured the app is behind a proxy: no header, no loopback editor
        ("127.0.0.1", HOST, False, "X-Remote-User", ANON, None),
        ("127.0.0.1", {**HOST, "X-Remote-User": "  "}, False, "X-Remote-User", ANON, None),
        # a header that is not the configured one names nobody
        ("127.0.0.1", {**HOST, "X-Forwarded-For": "1.2.3.4", "X-User": "rua"}, False, "X-Remote-User", ANON, None),
    ],
)
def test_who_a_session_is(ip, headers, team_store, trusted, expected, issue):
    found = identify(RequestFacts(ip=ip, headers=headers), team_store=team_store, trusted_user_header=trusted,
                     directory=Directory())
    assert found.principal == expected
    assert found.issue == issue


def test_without_a_directory_a_named_person_is_not_believed():
    facts = RequestFacts(ip="127.0.0.1", headers={"X-Remote-User": "rua"})
    found = identify(facts, team_store=True, trusted_user_header="X-Remote-User", directory=None)
    assert found.principal == ANON


@pytest.mark.parametrize(
    ("ip", "loopback"),
    [
        ("127.0.0.1", True), ("127.255.255.254", True), ("::1", True), ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),  # noqa: S104 (an address to test, not one to listen on)
        ("fe80::1%eth0", False), ("128.0.0.1", False), ("", False), (None, False), ("localhost", False),
    ],
)
def test_is_loopback(ip, loopback):
    assert is_loopback(ip) is loopback
