"""The team store's fixtures: a store on a fresh database (tests/pg.py) with its people (tests/storekit.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import insert
from storekit import PASSWORD, PEOPLE, PlacesGeocoder

from access.passwords import hash_password
from store.postgres import PostgresStore, open_store
from store.postgres.tables import people


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The argon2 hash of `PASSWORD`, made once (hashing is slow on purpose)."""
    return hash_password(PASSWORD)


@pytest.fixture
def store(store_url: str, password_hash: str) -> Iterator[PostgresStore]:
    """A store on a fresh database, with an editor, a second editor, two reviewers and an admin."""
    opened = open_store(store_url, geocoder=PlacesGeocoder())
    with opened.engine.begin() as connection:
        connection.execute(insert(people), [{"name": name, "role": role.label, "password_hash": password_hash}
                                            for name, role in PEOPLE.items()])
    try:
        yield opened
    finally:
        opened.close()
