"""The team's shared event store: events, their revisions, reviews, people, places, control changes.

`store.api` declares the interface (values and the `EventStore` protocol) every part of the app uses;
`store.postgres` implements it on PostgreSQL with PostGIS (SQLAlchemy 2, psycopg 3, GeoAlchemy2, Alembic).
The embedded default (files on disk, no server) does not use this package: `services` chooses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.api import (
    ConflictError,
    EditRefusedError,
    EventStore,
    FieldChange,
    ImportResult,
    InvalidQueryError,
    Revision,
    RevisionKind,
    RevisionState,
    StoreError,
    StoreUnavailableError,
    UnknownRevisionError,
    ViewQuery,
    diff_values,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from geo.geocoders.base import Geocoder
    from store.postgres.store import PostgresStore


def open_store(url: str, *, geocoder: Geocoder | Callable[[], Geocoder] | None = None, check: bool = True,
               pool_size: int = 5) -> PostgresStore:
    """The team store at `url` (a `postgresql://` URL): see `store.postgres.open_store`. Imported on first use,
    so the embedded default never loads SQLAlchemy."""
    from store.postgres import open_store as open_postgres

    return open_postgres(url, geocoder=geocoder, check=check, pool_size=pool_size)


__all__ = [
    "ConflictError",
    "EditRefusedError",
    "EventStore",
    "FieldChange",
    "ImportResult",
    "InvalidQueryError",
    "Revision",
    "RevisionKind",
    "RevisionState",
    "StoreError",
    "StoreUnavailableError",
    "UnknownRevisionError",
    "ViewQuery",
    "diff_values",
    "open_store",
]
