"""Password hashes: argon2id through argon2-cffi, the algorithm OWASP recommends for stored passwords."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from access.errors import WeakPasswordError

_HASHER = PasswordHasher()
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    """The argon2id hash of `password` (salted; two calls give two different strings); a password shorter than
    `MIN_LENGTH` is a `WeakPasswordError` (a ValueError)."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"a password needs at least {MIN_LENGTH} characters, got {len(password)}")
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches `stored_hash`; False for a wrong password or a damaged hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's: hash the password again at login."""
    return _HASHER.check_needs_rehash(stored_hash)
