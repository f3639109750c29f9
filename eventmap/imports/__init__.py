"""Imports: ACLED, UCDP GED, GDELT and TimeMap exports mapped onto the project's schema.

Each importer module offers the same small interface:

- `NAME`: the format's name (`"acled"`, `"ucdp"`, `"gdelt"`, `"timemap"`), `TITLE`: how people call it;
- `KNOWN_COLUMNS`, `REQUIRED_COLUMNS`: the export's columns, and those it cannot do without;
- `SOURCE_COLUMN`: for each project column, the export column it comes from (problems name that one);
- `to_schema(rows, *, file) -> (records, problems)`: rows of the export (`Record`s keyed by normalised
  column names) as records of the project's schema, with a problem for each row that cannot be mapped.

`eventmap.loading.load_events` detects the format (`detect.detect_format`) and applies the importer.
"""

from __future__ import annotations

from types import ModuleType

from eventmap.imports import acled, gdelt, timemap, ucdp
from eventmap.imports.detect import FORMATS, detect_format

IMPORTERS: dict[str, ModuleType] = {m.NAME: m for m in (acled, ucdp, gdelt, timemap)}

__all__ = ["FORMATS", "IMPORTERS", "acled", "detect_format", "gdelt", "timemap", "ucdp"]
