"""The team store on PostgreSQL with PostGIS (SQLAlchemy 2 Core, psycopg 3, GeoAlchemy2, Alembic).

- `open_store(url)`: a `PostgresStore` on the database at `url`, refused when its schema is not the newest;
- `connection.migrate(engine)`: upgrade a database (`python -m store migrate`);
- `tables`: the tables; `revising`, `importing`, `reading`, `exporting`: the work behind the store's methods;
- `geocache.PostgresGeocodeCache`: the geocoding cache in the store (instead of the SQLite file).
"""

from __future__ import annotations

from collections.abc import Callable

from geo.geocoders.base import Geocoder
from store.postgres.connection import SchemaOutdatedError, make_engine, migrate
from store.postgres.store import PostgresStore


def open_store(url: str, *, geocoder: Geocoder | Callable[[], Geocoder] | None = None, check: bool = True,
               pool_size: int = 5) -> PostgresStore:
    """The store at `url` (`postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE`).

    `geocoder` places names without coordinates (default: `geo.default_chain(Settings.from_env())`, made on
    first need); `check` refuses a database whose schema is not the newest (`SchemaOutdatedError`)."""
    return PostgresStore(make_engine(url, pool_size=pool_size), geocoder=geocoder, check=check)


__all__ = ["PostgresStore", "SchemaOutdatedError", "make_engine", "migrate", "open_store"]
