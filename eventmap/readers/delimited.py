"""Delimited text (CSV, TSV, semicolon): `base.reading.read_table`, and files without a header row.

A file whose first row is data, not column names, is read with the published column order of the one
layout that has no header in the field: GDELT event files (1.0 daily files with 57 or 58 columns, 2.0
`.export.CSV` files with 61), told by their number of columns and a first row that starts with an event
id and a `yyyymmdd` date. Any other file whose first row looks like data is refused with that reason,
rather than read with a row of values as its column names.
"""

from __future__ import annotations

import re

from base.errors import DataFileError
from base.reading import RawRow, Table, read_table
from eventmap.imports.gdelt import HEADERLESS_COLUMNS
from eventmap.readers.cells import check_rows

_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[T ][\d:.]+)?")
_YYYYMMDD = re.compile(r"(1[89]|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_MIN_VALUES = 2  # numbers or dates in a first row that make it data


def headerless_layout(first: list[str]) -> tuple[str, ...] | None:
    """The column names of a known file without a header whose first row is `first` (GDELT), or None."""
    columns = HEADERLESS_COLUMNS.get(len(first))
    if columns is None or len(first) < 2:
        return None
    if first[0].strip().isdigit() and _YYYYMMDD.fullmatch(first[1].strip()):
        return columns
    return None


def looks_like_data(cells: list[str]) -> bool:
    """True when at least two cells of a first row, and at least half of its filled cells, are numbers or
    dates: values, not column names."""
    filled = [c.strip() for c in cells if c.strip()]
    values = sum(1 for c in filled if _NUMBER.fullmatch(c) or _DATE_LIKE.fullmatch(c))
    return values >= _MIN_VALUES and 2 * values >= len(filled)


def read_delimited(data: bytes, *, name: str, max_rows: int | None = None,
                   known_columns: frozenset[str] = frozenset()) -> Table:
    """The table of a CSV/TSV/semicolon file; a headerless GDELT file gets its published header.

    Raises `DataFileError` for a file whose first row is data of an unknown layout.
    """
    table = read_table(data, name=name, max_rows=max_rows, known_columns=known_columns)
    columns = headerless_layout(table.header)
    if columns is not None:
        rows = [RawRow(table.header_line, table.header, table.header_line), *table.rows]
        check_rows(len(rows), name=name, max_rows=max_rows, unit="data rows")
        table.header, table.rows, table.header_line = list(columns), rows, 0
        return table
    if looks_like_data(table.header) and not any(c.strip().lower() in known_columns for c in table.header):
        shown = ", ".join(repr(c) for c in table.header[:6]) + (", ..." if len(table.header) > 6 else "")
        raise DataFileError(
            f"{name}: the file has no header row: its first line is data ({shown}), and its layout "
            f"({len(table.header)} columns) is not one known without a header (GDELT events: "
            f"{', '.join(str(n) for n in sorted(HEADERLESS_COLUMNS))} columns); add a row of column names")
    return table
