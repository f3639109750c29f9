"""Parquet event files (through pyarrow): each record one row, every column as the text a person sees.

Dates and timestamps are written as ISO dates (with the time of day when there is one), whole numbers
without `.0`, nested structs as `parent.child` columns and lists joined with `; ` (see `cells`).
`RawRow.line` is the record's 1-based number.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from eventmap.errors import DataFileError
from eventmap.readers.cells import TableKind, check_rows, flatten, records_table
from eventmap.reading import Table

MAGIC = b"PAR1"
_BATCH_ROWS = 65_536


def read_parquet(data: bytes, *, name: str, max_rows: int | None = None) -> Table:
    """The records of a Parquet file as a table. Raises `DataFileError` for a damaged file."""
    try:
        source = pq.ParquetFile(io.BytesIO(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataFileError(f"{name}: not a readable Parquet file: {exc}") from None
    check_rows(source.metadata.num_rows, name=name, max_rows=max_rows)
    rows: list[tuple[int, dict[str, str] | None, str]] = []
    try:
        for batch in source.iter_batches(batch_size=_BATCH_ROWS):
            start = len(rows) + 1
            rows.extend((start + i, flatten(record), "") for i, record in enumerate(batch.to_pylist()))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataFileError(f"{name}: not a readable Parquet file: {exc}") from None
    if not rows:
        raise DataFileError(f"{name}: the Parquet file holds no records")
    return records_table(rows, kind=TableKind.PARQUET)
