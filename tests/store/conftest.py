"""The team store's fixtures: a store on a fresh database (tests/pg.py) with its people (tests/storekit.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from storekit import ADMIN, PASSWORD, PEOPLE, PlacesGeocoder

from store.postgres import PostgresStore, open_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(store_url: str) -> Iterator[PostgresStore]:
    """A store on a fresh database, with an editor, a second editor, two reviewers and an admin."""
    opened = open_store(store_url, geocoder=PlacesGeocoder())
    opened.add_first_admin(name=ADMIN.name, password=PASSWORD)
    for name, role in PEOPLE.items():
        if name != ADMIN.name:
            opened.add_person(ADMIN, name=name, password=PASSWORD, role=role)
    try:
        yield opened
    finally:
        opened.close()
