"""Who may do what: roles, the person behind a session, password hashes.

Viewers read; editors propose changes; reviewers publish other people's changes; admins manage people.
The same rules hold in the embedded default (files on disk) and in the team store (PostgreSQL):
`access.roles` says what each role may do, `access.passwords` hashes and checks passwords (argon2),
`access.people` says what a directory of people offers (`access.people_file`: the embedded default's),
`access.sessions` decides who a session is from its request (loopback, proxy headers, a trusted header).
Nothing here imports streamlit; the UI decides who a session is and asks these functions.
"""

from access.errors import (
    AccessError,
    LoginError,
    PeopleFileError,
    PermissionDeniedError,
    PersonError,
    WeakPasswordError,
)
from access.people import PeopleDirectory, Person
from access.roles import Action, Principal, Role, allowed, may_review, require

__all__ = [
    "AccessError",
    "Action",
    "LoginError",
    "PeopleDirectory",
    "PeopleFileError",
    "PermissionDeniedError",
    "Person",
    "PersonError",
    "Principal",
    "Role",
    "WeakPasswordError",
    "allowed",
    "may_review",
    "require",
]
