"""Who may do what: roles, the person behind a session, password hashes.

Viewers read; editors propose changes; reviewers publish other people's changes; admins manage people.
The same rules hold in the embedded default (files on disk) and in the team store (PostgreSQL):
`access.roles` says what each role may do, `access.passwords` hashes and checks passwords (argon2).
Nothing here imports streamlit; the UI decides who a session is and asks these functions.
"""

from access.errors import AccessError, LoginError, PermissionDeniedError
from access.roles import Action, Principal, Role, allowed, require

__all__ = [
    "AccessError",
    "Action",
    "LoginError",
    "PermissionDeniedError",
    "Principal",
    "Role",
    "allowed",
    "require",
]
