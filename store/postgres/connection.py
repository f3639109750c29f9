"""Connecting to the team store: the engine, lost connections as `StoreUnavailableError`, the schema check and
`migrate` (Alembic, to the newest migration).

A `postgresql://` URL is used through psycopg 3. Messages name the server (host, port, database), never the
password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, exc, inspect, select, text
from sqlalchemy.engine import URL, make_url

from store.api import StoreError, StoreUnavailableError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class SchemaOutdatedError(StoreError, RuntimeError):
    """The database's schema is older than this code's (or empty): run `python -m store migrate`."""


def database_url(url: str | URL) -> URL:
    """`url` for SQLAlchemy with psycopg 3 (`postgresql://` becomes `postgresql+psycopg://`)."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except exc.ArgumentError:
        raise StoreError("the database URL cannot be read: expected postgresql://USER@HOST:PORT/DATABASE") from None
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"the team store needs a postgresql:// URL, got {parsed.drivername}://")
    return parsed.set(drivername="postgresql+psycopg")


def where(url: URL) -> str:
    """Host, port and database of `url`, for messages (never the password)."""
    host = url.host or url.query.get("host") or "the local socket"
    port = f":{url.port}" if url.port else ""
    return f"{host}{port}/{url.database or ''}"


def make_engine(url: str | URL, *, pool_size: int = 5) -> Engine:
    """An engine whose connections are checked before use (a server that came back is used again)."""
    return create_engine(database_url(url), pool_pre_ping=True, pool_size=pool_size, max_overflow=5,
                         connect_args={"connect_timeout": 5})


def _reason(error: exc.DBAPIError) -> str:
    original = str(error.orig or error).strip().splitlines()
    return original[0] if original else type(error).__name__


@contextlib.contextmanager
def unavailable_as_store_error(url: URL) -> Iterator[None]:
    """Turn a lost or refused connection into `StoreUnavailableError` naming the server."""
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise StoreUnavailableError(
            f"the team store at {where(url)} cannot be reached: {_reason(error)}; nothing was written. "
            "Check that PostgreSQL is running (scripts/serve-team.sh start) and EVENTMAP_DATABASE_URL") from None
    except exc.DBAPIError as error:
        if error.connection_invalidated:
            raise StoreUnavailableError(
                f"the connection to the team store at {where(url)} was lost: {_reason(error)}; "
                "nothing was written") from None
        raise


def alembic_config(url: URL, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's id."""
    head = ScriptDirectory.from_config(alembic_config(make_url("postgresql://"))).get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS.name}")
    return head


def current_revision(connection: Connection) -> str | None:
    """The migration the database is at (None for an empty database)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Upgrade the database to the newest migration: (the revision before, the revision now)."""
    url = engine.url
    with unavailable_as_store_error(url), engine.begin() as connection:
        before = current_revision(connection)
        command.upgrade(alembic_config(url, connection), "head")
        return before, current_revision(connection) or ""


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is not the newest, saying what to run."""
    with unavailable_as_store_error(engine.url), engine.connect() as connection:
        current = current_revision(connection)
        connection.execute(select(1))
    head = head_revision()
    if current != head:
        found = "an empty database" if current is None else f"schema version {current}"
        raise SchemaOutdatedError(
            f"the team store at {where(engine.url)} has {found}, this version of the app needs {head}: "
            "run `python -m store migrate` (with EVENTMAP_DATABASE_URL set) first")
