"""Who a session is, from the facts of its request: a pure function, so every rule is tested in a table.

The rules, first match wins:

1. A trusted header (`EVENTMAP_TRUSTED_USER_HEADER`, e.g. `X-Remote-User`, set by the reverse proxy) names
   the person. It is believed only on a connection from loopback (the proxy runs on the same machine; a
   client that reaches the app directly cannot name itself), and only when the directory has that person,
   whose role comes from the directory. A name the directory lacks makes an anonymous viewer.
2. The embedded default (files, no team store), no trusted header configured: a connection from loopback
   that carries no proxy header (`X-Forwarded-For`, `X-Real-IP`, `Forwarded`) is the person at the machine,
   an editor. Behind a reverse proxy every connection comes from loopback, so a proxied one is not; and a
   configured trusted header says the app is behind a proxy, so the rule is off then. The proxy must set
   `X-Forwarded-For` (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`).
3. Everyone else is an anonymous viewer, until they sign in with a name and password (the UI keeps that
   principal for the session; it wins over these rules).

The team store has no loopback rule: people sign in, or the proxy names them.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

from access.people import PeopleDirectory
from access.roles import ANONYMOUS, Principal, Role

PROXY_HEADERS = ("x-forwarded-for", "x-real-ip", "forwarded")


@dataclass(frozen=True, kw_only=True)
class RequestFacts:
    """What the server knows of a session's connection: the peer's address and the request's headers."""

    ip: str | None  # the connection's peer address; None when it is not known
    headers: Mapping[str, str] = field(default_factory=dict)  # names in any case

    def header(self, name: str) -> str | None:
        wanted = name.strip().lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)

    @property
    def proxied(self) -> bool:
        """True when a proxy header says the connection was passed on for someone else."""
        return any(self.header(name) is not None for name in PROXY_HEADERS)


class Issue(enum.StrEnum):
    """Why a request that named someone was not believed (the session is an anonymous viewer)."""

    UNKNOWN_PERSON = "unknown_person"  # the trusted header names no one in the directory
    NOT_FROM_PROXY = "not_from_proxy"  # the trusted header came on a connection from outside


@dataclass(frozen=True, kw_only=True)
class Identity:
    principal: Principal
    issue: Issue | None = None


def is_loopback(ip: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; False for anything else, unknown or malformed."""
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip.strip().split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def identify(facts: RequestFacts, *, team_store: bool, trusted_user_header: str,
             directory: PeopleDirectory | None) -> Identity:
    """The principal of a session that has not signed in (see the module's rules)."""
    loopback = is_loopback(facts.ip)
    if trusted_user_header:
        named = facts.header(trusted_user_header)
        if named is None or not named.strip():
            return Identity(principal=ANONYMOUS)
        if not loopback:
            return Identity(principal=ANONYMOUS, issue=Issue.NOT_FROM_PROXY)
        person = directory.person(named.strip()) if directory is not None else None
        if person is None:
            return Identity(principal=ANONYMOUS, issue=Issue.UNKNOWN_PERSON)
        return Identity(principal=Principal(name=person.name, role=person.role, via="proxy header"))
    if not team_store and loopback and not facts.proxied:
        return Identity(principal=Principal(role=Role.EDITOR, via="loopback"))
    return Identity(principal=ANONYMOUS)
