"""Events files in the schema's columns: CSV written with `base.csv_safety`'s rules (formulas neutralised),
or Parquet with the loaded frame's types.

`format_events_csv` and `write_events_csv` default to every schema column, plus `geo_source`,
`matched_name`, `geo_confidence`, `geo_status` when any row has any of them. `write_events_parquet` writes a
loaded events frame as it is (dates as dates, numbers as numbers): the layout the load cache keeps and a
Parquet data file too large to load whole is read in (a view of it, through DuckDB).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from base import csv_safety
from base.atomic import write_atomic
from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS


def event_columns(events: pd.DataFrame | Iterable[Mapping[str, object]]) -> list[str]:
    """The schema's columns, plus the geocoding columns when any of them holds anything."""
    rows, available = csv_safety.records(events)
    geocoded = any(csv_safety.format_value(r.get(c)) for c in GEO_RESULT_COLUMNS if c in available for r in rows)
    return [*COLUMN_NAMES, *(GEO_RESULT_COLUMNS if geocoded else ())]


def format_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], *,
                      columns: Sequence[str] | None = None) -> str:
    """Events as CSV text (comma, `\\r\\n` lines, quoted as needed), text cells neutralised.

    `events` is an events frame or records (column -> value); `columns` defaults to `event_columns`.
    """
    if not isinstance(events, pd.DataFrame):
        events = list(events)
    return csv_safety.format_events_csv(events, columns=event_columns(events) if columns is None else columns)


def write_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], path: Path | str, *,
                     columns: Sequence[str] | None = None, excel_bom: bool = False) -> Path:
    """Write `events` to `path` as UTF-8 CSV in one atomic step (see `format_events_csv`)."""
    if not isinstance(events, pd.DataFrame):
        events = list(events)
    return csv_safety.write_events_csv(events, path, columns=event_columns(events) if columns is None else columns,
                                       excel_bom=excel_bom)


def write_events_parquet(events: pd.DataFrame, path: Path | str) -> Path:
    """Write a loaded events frame to `path` as Parquet (zstd), in one atomic step, its columns typed; the
    loader's `source_line` is left out (it names a line of the file read, not of this one)."""
    buffer = io.BytesIO()
    table = pa.Table.from_pandas(events.drop(columns="source_line", errors="ignore"), preserve_index=False)
    pq.write_table(table, buffer, compression="zstd")
    return write_atomic(Path(path), buffer.getvalue())
