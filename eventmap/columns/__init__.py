"""Any table of dated events onto the schema: which column fills which field, and how its dates are written.

- `guess_mapping(header, rows) -> MappingGuess`: the `ColumnMapping` guessed from header names (many
  languages and exports) and values, with a `FieldGuess` (column and reason) for every field;
- `ColumnMapping.with_overrides({field: column})`: a user's corrections (`MappingError` for an unknown
  field or column);
- `MappingMemory(path)`: mappings remembered per header (`recall`, `remember`);
- `decide_date_format(values, dayfirst=...) -> DateFormat`: how a column writes its dates;
- `FillIn`: a default the loader set (`LoadResult.filled`); `no_source(events)`: which events have no source.
"""

from __future__ import annotations

from eventmap.columns.dates import DateFormat, Order, decide_date_format
from eventmap.columns.guess import FIELDS, ColumnMapping, FieldGuess, MappingGuess, guess_mapping
from eventmap.columns.memory import MappingMemory, header_hash
from eventmap.columns.table import TABLE, FillIn, no_source

__all__ = ["FIELDS", "TABLE", "ColumnMapping", "DateFormat", "FieldGuess", "FillIn", "MappingGuess", "MappingMemory",
           "Order", "decide_date_format", "guess_mapping", "header_hash", "no_source"]
