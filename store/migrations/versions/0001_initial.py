"""The first schema: PostGIS, people, events (published state), revisions, publications, places,
control changes, the geocoding cache.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The events frame's columns when this migration was written (frozen here: later schema changes are new
# migrations).
_EVENT_COLUMNS = (
    ("event_id", "text"), ("date", "date"), ("date_precision", "text"), ("report_date", "date"),
    ("location", "text"), ("latitude", "float"), ("longitude", "float"), ("geo_precision", "text"),
    ("country", "text"), ("admin1", "text"), ("side", "text"), ("actor", "text"), ("target", "text"),
    ("event_type", "text"), ("sub_event_type", "text"), ("description", "text"), ("description_original", "text"),
    ("language", "text"), ("fatalities", "int"), ("injured", "int"), ("claimed_by", "text"), ("status", "text"),
    ("disputed_by", "text"), ("verification", "text"), ("sources", "text"), ("notes", "text"),
    ("description_ar", "text"), ("description_ar_source", "text"), ("event_type_original", "text"),
    ("geo_source", "text"), ("matched_name", "text"), ("geo_confidence", "float"), ("geo_status", "text"),
)
_CONTROL_COLUMNS = (
    "change_id", "date", "claim_date", "place", "place_type", "kind", "drawn_as", "units", "latitude", "longitude",
    "radius_km", "from_side", "to_side", "claimed_by", "status", "disputed_by", "sources", "notes",
)
_TYPES = {"date": sa.Date, "float": sa.Float, "int": sa.Integer}


def _now() -> sa.TextClause:
    return sa.text("now()")


def _event_column(name: str, kind: str) -> sa.Column:
    if name == "event_id":
        return sa.Column(name, sa.Text, primary_key=True)
    if kind == "text":
        return sa.Column(name, sa.Text, nullable=False, server_default="")
    return sa.Column(name, _TYPES[kind], nullable=True)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table(
        "people",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_table(
        "events",
        *(_event_column(name, kind) for name, kind in _EVENT_COLUMNS),
        sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=False), nullable=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("retracted", sa.Boolean, nullable=False, server_default=sa.text("false")),
    )
    op.create_index("ix_events_geom", "events", ["geom"], postgresql_using="gist")
    for column in ("date", "side", "event_type", "status"):
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_table(
        "revisions",
        sa.Column("revision_id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("base_number", sa.Integer, nullable=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("values", JSONB, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text, nullable=False, server_default=""),
        sa.Column("batch", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("event_id", "number", name="uq_revisions_event_number"),
    )
    op.create_index("uq_revisions_one_proposal", "revisions", ["event_id"], unique=True,
                    postgresql_where=sa.text("state = 'proposed'"))
    op.create_index("ix_revisions_state", "revisions", ["state"])
    op.create_table(
        "publications",
        sa.Column("version", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("published_by", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("revisions", sa.Integer, nullable=False),
        sa.Column("batch", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "places",
        sa.Column("query_key", sa.Text, primary_key=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("precision", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_by", sa.Text, nullable=False, server_default=""),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_table(
        "control_changes",
        *(sa.Column(name, sa.Text, primary_key=True) if name == "change_id"
          else sa.Column(name, sa.Text, nullable=False, server_default="") for name in _CONTROL_COLUMNS),
        sa.Column("recorded_by", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_table(
        "geocode_cache",
        sa.Column("query_key", sa.Text, primary_key=True),
        sa.Column("provider", sa.Text, primary_key=True),
        sa.Column("options", sa.Text, primary_key=True),
        sa.Column("context", sa.Text, primary_key=True),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("lat", sa.Float, nullable=True),
        sa.Column("lon", sa.Float, nullable=True),
        sa.Column("geo_source", sa.Text, nullable=False),
        sa.Column("matched_name", sa.Text, nullable=False),
        sa.Column("place_id", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("precision", sa.Text, nullable=False),
        sa.Column("candidates", JSONB, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("geocode_cache", "control_changes", "places", "publications", "revisions", "events", "people"):
        op.drop_table(table)
