"""A real PostgreSQL/PostGIS for tests (pytest plugin, loaded by tests/conftest.py).

- `postgres_url` (session): the server of `EVENTMAP_TEST_DATABASE_URL` when set (CI starts one), else a
  server of its own: `initdb` into a temporary folder (as user `postgres` when running as root), `pg_ctl` on
  a free loopback port with its socket in that folder, stopped at the end of the session;
- `store_template` (session): a database migrated to the newest schema, the template of every test's;
- `store_url` (function): a fresh database made from that template (fast: a file copy), dropped afterwards;
- `team_store` (function): a `PostgresStore` on such a database with the people of `tests/storekit.py`
  (editors ana and ben, reviewers rita and ravi, admin adam; password `storekit.PASSWORD`) and a small
  offline geocoder.
Tests that use them are marked `postgres`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
TEMPLATE = "eventmap_template"


def _pg_bin(name: str) -> str:
    for folder in PG_BIN_DIRS:
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"PostgreSQL's {name} is not installed "
                    "(Debian: apt-get install postgresql postgresql-15-postgis-3)")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class LocalServer:
    """A PostgreSQL server in a temporary folder on a free loopback port (user postgres, no password), its
    socket in that folder; `start`/`stop` may be called again (to test a server that goes away and returns)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="eventmap-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        subprocess.run(_as_postgres([_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                                     "--encoding=UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)

    def start(self) -> None:
        options = (f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off")
        subprocess.run(_as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                                     str(self.folder / "log"), "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(_as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                       check=False, capture_output=True)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def own_server() -> Iterator[str]:
    """A `LocalServer` started, its URL; stopped and removed afterwards."""
    server = LocalServer()
    try:
        server.start()
        yield server.url
    finally:
        server.remove()


def with_database(url: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=database).render_as_string(hide_password=False)


def admin_execute(url: str, *statements: str) -> None:
    """Run statements outside a transaction (CREATE/DROP DATABASE) on the server's maintenance database."""
    from sqlalchemy import create_engine, text

    from store.postgres.connection import database_url

    engine = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a running PostgreSQL server's maintenance database (see the module docstring)."""
    given = os.environ.get("EVENTMAP_TEST_DATABASE_URL", "").strip()
    if given:
        yield given
        return
    with own_server() as url:
        yield url


@pytest.fixture(scope="session")
def store_template(postgres_url: str) -> Iterator[str]:
    """The name of a database migrated to the newest schema (made once per session, dropped at its end)."""
    from store.postgres import make_engine, migrate

    name = f"{TEMPLATE}_{uuid.uuid4().hex[:8]}"
    admin_execute(postgres_url, f'CREATE DATABASE "{name}"')
    engine = make_engine(with_database(postgres_url, name))
    try:
        migrate(engine)
    finally:
        engine.dispose()
    yield name
    admin_execute(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store_url(postgres_url: str, store_template: str) -> Iterator[str]:
    """A fresh, migrated database for one test; dropped afterwards."""
    name = f"eventmap_test_{uuid.uuid4().hex[:12]}"
    admin_execute(postgres_url, f'CREATE DATABASE "{name}" TEMPLATE "{store_template}" STRATEGY FILE_COPY')
    try:
        yield with_database(postgres_url, name)
    finally:
        admin_execute(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database_url(postgres_url: str) -> Iterator[str]:
    """A fresh database without any schema (for the migrations' own tests)."""
    name = f"eventmap_empty_{uuid.uuid4().hex[:12]}"
    admin_execute(postgres_url, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(postgres_url, name)
    finally:
        admin_execute(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def storekit_password_hash() -> str:
    """The argon2 hash of `storekit.PASSWORD`, made once (hashing is slow on purpose)."""
    from storekit import PASSWORD

    from access.passwords import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def team_store(store_url: str, storekit_password_hash: str) -> Iterator[object]:
    """A store on a fresh database, with the people of `tests/storekit.py`."""
    from sqlalchemy import insert
    from storekit import PEOPLE, PlacesGeocoder

    from store.postgres import open_store
    from store.postgres.tables import people

    opened = open_store(store_url, geocoder=PlacesGeocoder())
    with opened.engine.begin() as connection:
        connection.execute(insert(people), [
            {"name": name, "role": role.label, "password_hash": storekit_password_hash}
            for name, role in PEOPLE.items()])
    try:
        yield opened
    finally:
        opened.close()
