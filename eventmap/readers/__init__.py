"""Readers: the bytes of any table an analyst has -> a `Table` (header, rows with their line, what was detected).

One module per container, and one dispatcher:

- `dispatch.read_any(data, *, name, sheet=None, max_rows=None, known_columns=frozenset())`: chooses by
  content, then by the file's name;
- `delimited`: CSV, TSV and semicolon text (`base.reading.read_table`), GDELT files without a header;
- `spreadsheet`: Excel (.xlsx, .xls) and OpenDocument (.ods) workbooks, one sheet at a time;
- `jsondoc`: JSON arrays, wrapper objects and JSON Lines; `geojson`: FeatureCollections of Points;
- `parquet`: Parquet files;
- `cells`: typed values as the text a person sees, and records as a table.

`Table.kind` names the container, `Table.line_unit` what `RawRow.line` counts (a text file's line, a
spreadsheet's row, a JSON or Parquet record's number), `Table.sheets`/`Table.sheet` a workbook's sheets.
"""

from __future__ import annotations

from eventmap.readers.cells import LineUnit, TableKind
from eventmap.readers.dispatch import read_any

__all__ = ["LineUnit", "TableKind", "read_any"]
