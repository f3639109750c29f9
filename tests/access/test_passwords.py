"""Password hashes: argon2id, salted, checked without raising, short passwords refused."""

from __future__ import annotations

import pytest

from access import WeakPasswordError
from access.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password


def test_a_hash_is_argon2id_salted_and_never_the_password():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first.startswith("$argon2id$")
    assert first != second, "salted"
    assert "correct horse" not in first


@pytest.mark.parametrize(
    ("stored", "password", "matches"),
    [
        ("good", "correct horse", True),
        ("good", "correct hors", False),
        ("good", "Correct horse", False),
        ("good", "", False),
        ("$argon2id$v=19$m=65536,t=3,p=4$broken", "correct horse", False),  # a damaged hash: False, not an error
        ("not a hash at all", "correct horse", False),
    ],
)
def test_verify(stored, password, matches):
    stored_hash = hash_password("correct horse") if stored == "good" else stored
    assert verify_password(stored_hash, password) is matches


def test_a_short_password_is_refused_with_the_rule():
    with pytest.raises(WeakPasswordError, match=f"at least {MIN_LENGTH} characters, got 5"):
        hash_password("short")
    with pytest.raises(ValueError, match="got 0"):  # a WeakPasswordError is a ValueError too
        hash_password("")


def test_weaker_parameters_need_a_new_hash():
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash("correct horse")
    assert needs_rehash(weak)
    assert not needs_rehash(hash_password("correct horse"))
