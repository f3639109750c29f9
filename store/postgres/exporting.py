"""The published set as CSV or GeoJSON, stamped with its published version: in the file name, in a
`published_version` column of the CSV (the loader reads such a file back, ignoring that column with a
warning) and in the GeoJSON's `metadata`. Written by the project's own spreadsheet-safe writers."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from base.csv_safety import format_events_csv
from eventmap.export.tables import BOM, export_columns, geojson_bytes
from store.api import Export, InvalidQueryError, ViewQuery
from store.postgres.reading import frame_of, view_select
from store.postgres.tables import publications

FORMATS = {"csv": "text/csv", "geojson": "application/geo+json"}


def export_published(engine: Engine, *, fmt: str) -> Export:
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InvalidQueryError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    # One snapshot: the version and the rows it stamps are read in the same repeatable-read transaction.
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection, connection.begin():
        version = int(connection.execute(select(func.coalesce(func.max(publications.c.version), 0))).scalar_one())
        rows = [tuple(row) for row in connection.execute(view_select(ViewQuery()))]
    frame = frame_of(rows).drop(columns=["revision"])
    name = f"events-published-v{version}.{fmt}"
    if fmt == "csv":
        frame = frame.drop(columns=["source_line"])
        frame["published_version"] = str(version)
        text = format_events_csv(frame, columns=[*export_columns(frame), "published_version"])
        data = (BOM + text).encode("utf-8")
    else:
        data = geojson_bytes(frame.drop(columns=["source_line"]), metadata={
            "title": "Published events of the team store", "published_version": version,
            "generator": "eventmap team store"})
    return Export(data=data, version=version, media_type=FORMATS[fmt], file_name=name)
