"""One exception root for the package; each subclass also inherits the built-in it behaves like."""

from __future__ import annotations


class AccessError(Exception):
    """Root of every error raised by `access`."""


class PermissionDeniedError(AccessError, PermissionError):
    """A person tried something their role does not allow; nothing was changed."""


class LoginError(AccessError, ValueError):
    """A name and password that do not match a person (the message never says which was wrong)."""


class WeakPasswordError(AccessError, ValueError):
    """A new password that breaks the rules (too short); nothing was saved."""


class PersonError(AccessError, ValueError):
    """A name that cannot be a person's (empty, too long, control characters), a name already taken, or a
    person who does not exist; nothing was changed. The message names the person and the reason."""


class PeopleFileError(AccessError, ValueError):
    """The people file cannot be read (not JSON, a field missing or wrong); the message names the file, the
    place (line and column, or the entry and field) and the reason. The file is left as it is."""
