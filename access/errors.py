"""One exception root for the package; each subclass also inherits the built-in it behaves like."""

from __future__ import annotations


class AccessError(Exception):
    """Root of every error raised by `access`."""


class PermissionDeniedError(AccessError, PermissionError):
    """A person tried something their role does not allow; nothing was changed."""


class LoginError(AccessError, ValueError):
    """A name and password that do not match a person (the message never says which was wrong)."""
