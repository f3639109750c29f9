"""Loading large event files by columns, not row by row.

`read_csv_columns` reads a CSV file with pyarrow when every physical line is one record (the common
export); `check_columns` validates the project's schema with column expressions and hands only the rows
that fail a check to the row validator, which words their problems exactly as the row-by-row loader
does. Both answer None (or say so) when a file needs the row reader; the loader then uses it.
"""

from eventmap.columnar.checks import ColumnChecks, check_columns
from eventmap.columnar.csvfile import ColumnTable, read_csv_columns

__all__ = ["ColumnChecks", "ColumnTable", "check_columns", "read_csv_columns"]
