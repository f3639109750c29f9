"""Parquet event files (through pyarrow): each record one row, every column as the text a person sees.

Dates and timestamps are written as ISO dates (with the time of day when there is one), whole numbers
without `.0`, nested structs as `parent.child` columns and lists joined with `; ` (see `cells`).
`RawRow.line` is the record's 1-based number. The columns are turned into text one at a time, in batches,
so no per-record dictionaries are built.
"""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

from base.errors import DataFileError
from base.reading import RawRow, Table
from eventmap.readers.cells import LineUnit, TableKind, cell_text, check_rows

MAGIC = b"PAR1"
_BATCH_ROWS = 65_536


def _flat(batch: pa.RecordBatch) -> pa.Table:
    """`batch` with its struct columns split into `parent.child` columns, however deep."""
    table = pa.Table.from_batches([batch])
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    return table


def _column_text(column: pa.ChunkedArray) -> list[str]:
    """A column's cells as text: a text column as it is (a null as empty), any other through `cell_text`."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.fill_null("").to_pylist()
    return [cell_text(v) for v in column.to_pylist()]


def read_parquet(data: bytes, *, name: str, max_rows: int | None = None) -> Table:
    """The records of a Parquet file as a table. Raises `DataFileError` for a damaged file."""
    try:
        source = pq.ParquetFile(io.BytesIO(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataFileError(f"{name}: not a readable Parquet file: {exc}") from None
    check_rows(source.metadata.num_rows, name=name, max_rows=max_rows)
    header: list[str] = []
    rows: list[RawRow] = []
    try:
        for batch in source.iter_batches(batch_size=_BATCH_ROWS):
            table = _flat(batch)
            header = header or table.column_names
            columns = [_column_text(column) for column in table.columns]
            start = len(rows) + 1
            rows.extend(RawRow(start + i, list(cells), start + i) for i, cells in enumerate(zip(*columns, strict=True)))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataFileError(f"{name}: not a readable Parquet file: {exc}") from None
    if not rows:
        raise DataFileError(f"{name}: the Parquet file holds no records")
    return Table(header=header, header_line=0, rows=rows, encoding="", delimiter="", kind=TableKind.PARQUET.value,
                 line_unit=LineUnit.RECORD.value, has_nul=any("\x00" in "".join(r.cells) for r in rows),
                 has_replacement=any("\ufffd" in "".join(r.cells) for r in rows))
