"""Alembic migrations of the team store: `python -m store migrate` upgrades a database to the newest."""
