"""Alembic's environment: runs the migrations on the connection (or URL) `store.postgres.schema` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from store.postgres.tables import metadata

config = context.config
target_metadata = metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the team store's migrations run against a database: python -m store migrate")
run_migrations_online()
