"""The team's shared event store: events, their revisions, reviews, people, places, control changes.

`store.api` declares the interface (values and the `EventStore` protocol) every part of the app uses;
`store.postgres` implements it on PostgreSQL with PostGIS (SQLAlchemy 2, psycopg 3, GeoAlchemy2, Alembic).
The embedded default (files on disk, no server) does not use this package: `services` chooses.
"""

from store.api import (
    ConflictError,
    EditRefusedError,
    EventStore,
    FieldChange,
    ImportResult,
    Revision,
    RevisionKind,
    RevisionState,
    StoreError,
    StoreUnavailableError,
    ViewQuery,
    diff_values,
)

__all__ = [
    "ConflictError",
    "EditRefusedError",
    "EventStore",
    "FieldChange",
    "ImportResult",
    "Revision",
    "RevisionKind",
    "RevisionState",
    "StoreError",
    "StoreUnavailableError",
    "ViewQuery",
    "diff_values",
]
