"""Migrations build the schema from an empty database; the store refuses a database that is not migrated to
the newest, saying to run `python -m store migrate`; a server that cannot be reached is said so, by host
and port, without the password."""

from __future__ import annotations

import socket

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from storekit import EDITOR, event_values

from store import StoreUnavailableError
from store.postgres import SchemaOutdatedError, make_engine, migrate, open_store
from store.postgres.connection import head_revision
from store.postgres.tables import metadata

pytestmark = pytest.mark.postgres


def test_migrate_builds_the_schema_from_empty(empty_database_url):
    with pytest.raises(SchemaOutdatedError, match="python -m store migrate"):
        open_store(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        assert migrate(engine) == (None, head_revision())
        assert migrate(engine) == (head_revision(), head_revision())  # again: nothing to do
        with engine.connect() as connection:
            assert connection.execute(text("SELECT postgis_version()")).scalar()
            assert set(inspect(connection).get_table_names()) >= set(metadata.tables)
            index = {i["name"]: i for i in inspect(connection).get_indexes("events")}
            assert {"ix_events_geom", "ix_events_date", "ix_events_side", "ix_events_event_type",
                    "ix_events_status"} <= set(index)
    finally:
        engine.dispose()
    open_store(empty_database_url).close()


def _ours(item: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    return not (kind == "table" and name == "spatial_ref_sys")  # PostGIS's own table


def test_the_migration_makes_the_tables_the_code_uses(store_url):
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_object": _ours})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_an_older_schema_is_refused(store_url):
    engine = make_engine(store_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    finally:
        engine.dispose()
    with pytest.raises(SchemaOutdatedError, match=r"schema version 0000, .* needs 0001: run `python -m store migrate`"):
        open_store(store_url)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_server_is_said_without_the_password():
    port = _closed_port()
    url = f"postgresql://editor:s3cret-pw@127.0.0.1:{port}/eventmap"
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(url)
    message = str(caught.value)
    assert f"127.0.0.1:{port}/eventmap" in message
    assert "s3cret-pw" not in message
    assert isinstance(caught.value, ConnectionError)


def test_a_lost_connection_recovers_when_the_server_is_back(store, postgres_url):
    store.propose(EDITOR, values=event_values(), base_number=None, reason="new")
    database = make_url(store.engine.url).database
    admin = make_engine(postgres_url)
    try:
        with admin.connect() as connection:  # the server drops every session of the store's database
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": database})
    finally:
        admin.dispose()
    assert [r.event_id for r in store.pending()] == ["T-1"]  # a fresh connection, no error


def test_a_server_that_stops_is_said_and_used_again_when_back():
    from pg import LocalServer, admin_execute, with_database

    server = LocalServer()
    try:
        server.start()
        admin_execute(server.url, "CREATE DATABASE store")
        url = with_database(server.url, "store")
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        store = open_store(url)
        assert store.published_version() == 0
        server.stop()
        with pytest.raises(StoreUnavailableError, match=rf"127\.0\.0\.1:{server.port}/store"):
            store.published_version()
        with pytest.raises(StoreUnavailableError):
            store.propose(EDITOR, values=event_values(), base_number=None, reason="while down")
        server.start()
        assert store.published_version() == 0  # the page recovers at its next rerun
        assert store.pending() == []  # nothing half-written
        store.close()
    finally:
        server.remove()
