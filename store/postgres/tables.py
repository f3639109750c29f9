"""The store's tables (SQLAlchemy Core), as the migrations in `store/migrations` create them.

`events` holds the published current state, one row per event (the schema's columns typed, the point as
PostGIS geometry with a GiST index); `revisions` every change ever proposed (values as JSONB text);
`publications` one row per publication (its id is the published version); `people`, `places` (geocoding
overrides), `control_changes` and `geocode_cache` the rest of the shared state.
"""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Identity,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from eventmap.validation import DATE_COLUMNS, FLOAT_COLUMNS, FRAME_COLUMNS, INT_COLUMNS

SCHEMA_HEAD = "0001"  # the newest migration: the store refuses to run on an older schema
CONTROL_COLUMNS: tuple[str, ...] = (
    "change_id", "date", "claim_date", "place", "place_type", "kind", "drawn_as", "units", "latitude", "longitude",
    "radius_km", "from_side", "to_side", "claimed_by", "status", "disputed_by", "sources", "notes",
)

metadata = MetaData()


def event_value_type(column: str) -> type[Date] | type[Float] | type[Integer] | type[Text]:
    """The SQL type of one of the events frame's columns."""
    if column in DATE_COLUMNS:
        return Date
    if column in FLOAT_COLUMNS:
        return Float
    if column in INT_COLUMNS:
        return Integer
    return Text


def _event_columns() -> list[Column]:
    columns: list[Column] = []
    for name in FRAME_COLUMNS:
        sql_type = event_value_type(name)
        if name == "event_id":
            columns.append(Column(name, Text, primary_key=True))
        elif sql_type is Text:
            columns.append(Column(name, Text, nullable=False, server_default=""))
        else:
            columns.append(Column(name, sql_type, nullable=True))
    return columns


people = Table(
    "people", metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

events = Table(
    "events", metadata,
    *_event_columns(),
    Column("geom", Geometry("POINT", srid=4326, spatial_index=False), nullable=True),
    Column("revision", Integer, nullable=False),  # the published revision's number
    Column("retracted", Boolean, nullable=False, server_default=text("false")),
    Index("ix_events_geom", "geom", postgresql_using="gist"),
    Index("ix_events_date", "date"),
    Index("ix_events_side", "side"),
    Index("ix_events_event_type", "event_type"),
    Index("ix_events_status", "status"),
)

revisions = Table(
    "revisions", metadata,
    Column("revision_id", Integer, Identity(), primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("number", Integer, nullable=False),
    Column("base_number", Integer, nullable=True),
    Column("kind", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("values", JSONB, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("reason", Text, nullable=False),
    Column("reviewer", Text, nullable=False, server_default=""),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("review_note", Text, nullable=False, server_default=""),
    Column("batch", Text, nullable=False, server_default=""),
    UniqueConstraint("event_id", "number", name="uq_revisions_event_number"),
    # At most one proposal waits for review per event: a second editor saving the same event is told.
    Index("uq_revisions_one_proposal", "event_id", unique=True, postgresql_where=text("state = 'proposed'")),
    Index("ix_revisions_state", "state"),
)

publications = Table(
    "publications", metadata,
    Column("version", Integer, Identity(), primary_key=True),
    Column("published_by", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("revisions", Integer, nullable=False),  # how many revisions this publication made public
    Column("batch", Text, nullable=False, server_default=""),
)

places = Table(
    "places", metadata,
    Column("query_key", Text, primary_key=True),  # geo.normalize.normalize(query)
    Column("query", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", Text, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("updated_by", Text, nullable=False, server_default=""),
    Column("updated", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

control_changes = Table(
    "control_changes", metadata,
    *(Column(name, Text, primary_key=True) if name == "change_id" else Column(name, Text, nullable=False,
                                                                             server_default="")
      for name in CONTROL_COLUMNS),
    Column("recorded_by", Text, nullable=False, server_default=""),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

geocode_cache = Table(
    "geocode_cache", metadata,
    Column("query_key", Text, primary_key=True),
    Column("provider", Text, primary_key=True),
    Column("options", Text, primary_key=True),
    Column("context", Text, primary_key=True),
    Column("query", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("geo_source", Text, nullable=False),
    Column("matched_name", Text, nullable=False),
    Column("place_id", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("precision", Text, nullable=False),
    Column("candidates", JSONB, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created", Float, nullable=False),  # seconds since the epoch, as the SQLite cache
)

__all__ = ["CONTROL_COLUMNS", "SCHEMA_HEAD", "control_changes", "events", "geocode_cache", "metadata",
           "people", "places", "publications", "revisions"]
