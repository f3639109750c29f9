"""A table the readers made (a workbook's sheet, JSON records, a Parquet file, a CSV file the columnar
reader left to the row reader) -> string columns, so it is checked by columns like a CSV file.

The readers already give every cell as text; this only turns their rows into one Arrow column per header
cell. A table with something the row path reports row by row (a row with a defect or with more or fewer
cells than the header, NUL characters or undecodable bytes, which become warnings on their cells) stays on
the row path.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from base.reading import Table
from eventmap.columnar.csvfile import ColumnTable


def table_columns(table: Table) -> ColumnTable | None:
    """The table's cells as string columns (as read, not stripped) with each row's line, or None when the
    row path must load it."""
    width = len(table.header)
    if table.has_nul or table.has_replacement or not table.rows:
        return None
    if any(row.defect or len(row.cells) != width for row in table.rows):
        return None
    by_column = list(zip(*(row.cells for row in table.rows), strict=True))
    columns = [pa.chunked_array([pa.array(cells, pa.large_string())]) for cells in by_column]
    lines = np.fromiter((row.line for row in table.rows), dtype=np.int64, count=len(table.rows))
    return ColumnTable(header=list(table.header), columns=columns, lines=lines, encoding=table.encoding,
                       delimiter=table.delimiter, kind=table.kind, sheets=table.sheets, sheet=table.sheet,
                       line_unit=table.line_unit, problems=tuple(table.problems))
