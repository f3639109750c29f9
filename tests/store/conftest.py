"""The team store's tests use `team_store` (tests/pg.py: a fresh database with the people of tests/storekit.py)
as `store`."""

from __future__ import annotations

import pytest

from store.postgres import PostgresStore


@pytest.fixture
def store(team_store: PostgresStore) -> PostgresStore:
    return team_store
