"""Values of a typed container (a workbook, JSON, Parquet) as the text a person sees, and records as a `Table`.

`cell_text` writes a value as a spreadsheet shows it: dates as ISO `YYYY-MM-DD` (with `THH:MM:SS` when
there is a time of day), whole numbers without `.0`, other numbers in their shortest exact form, true and
false in lower case, nothing for a missing value. `flatten` turns a nested record into columns named with
`.` (`{"geo": {"lat": 1}}` -> `geo.lat`), lists joined with `; `. `records_table` builds the `Table` the
loader reads from such records, with every column that any record has, in the order first seen.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Iterable, Mapping
from enum import StrEnum

from base.errors import LimitExceededError
from base.problems import Problem
from base.reading import RawRow, Table

LIST_SEPARATOR = "; "
_WHOLE_LIMIT = 2**53  # floats above this are not exact whole numbers any more: written as they are


class TableKind(StrEnum):
    """The container a table was read from (`Table.kind`)."""

    CSV = "csv"
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    JSON = "json"
    GEOJSON = "geojson"
    PARQUET = "parquet"


class LineUnit(StrEnum):
    """What `RawRow.line` counts (`Table.line_unit`)."""

    LINE = "line"  # the physical line of a text file
    ROW = "row"  # the row number of a spreadsheet
    RECORD = "record"  # the 1-based position of a record in a JSON or Parquet file


def number_text(value: float) -> str:
    """A float as a person reads it: `3.0` -> `3`, `39.8177` -> `39.8177`; NaN -> empty."""
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < _WHOLE_LIMIT:
        return str(int(value))
    return repr(value)


def cell_text(value: object) -> str:
    """One scalar value as text (see the module's docstring); lists are joined with `; `."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, decimal.Decimal):
        return "" if value.is_nan() else format(value.normalize() if value == value.to_integral() else value, "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, Mapping):
        return LIST_SEPARATOR.join(f"{k}: {cell_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(text for text in (cell_text(v) for v in value) if text)
    return str(value)


def flatten(record: Mapping[str, object], *, prefix: str = "") -> dict[str, str]:
    """A nested record as flat columns: nested objects as `parent.child`, lists joined with `; `.

    A list of objects becomes one column per field (`sources.url`), its values joined with `; `.
    """
    flat: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, list | tuple) and value and all(isinstance(v, Mapping) for v in value):
            fields: dict[str, list[str]] = {}
            for item in value:
                for field, text in flatten(item).items():
                    fields.setdefault(field, []).append(text)
            for field, texts in fields.items():
                flat[f"{name}.{field}"] = LIST_SEPARATOR.join(t for t in texts if t)
        else:
            flat[name] = cell_text(value)
    return flat


def check_rows(count: int, *, name: str, max_rows: int | None, unit: str = "records") -> None:
    """Raises `LimitExceededError` when `count` data rows are more than `max_rows`."""
    if max_rows is not None and count > max_rows:
        raise LimitExceededError(
            f"{name}: the file has {count:,} {unit}; the limit is {max_rows:,} rows (max_rows)")


def records_table(records: Iterable[tuple[int, dict[str, str] | None, str]], *, kind: TableKind,
                  encoding: str = "", problems: list[Problem] | None = None) -> Table:
    """A `Table` of flat records `(number, columns or None, defect)`: the header is every column any record
    has, in the order first seen; a record that is not a record (None) keeps its number with empty cells and
    its `defect`, so the loader lists it."""
    listed = list(records)
    header: dict[str, None] = {}
    for _, values, _ in listed:
        if values:
            header.update(dict.fromkeys(values))
    columns = list(header)
    rows = [RawRow(number, [values.get(c, "") for c in columns] if values else [""] * len(columns), number, defect)
            for number, values, defect in listed]
    return Table(header=columns, header_line=0, rows=rows, encoding=encoding, delimiter="",
                 problems=problems or [], kind=kind.value, line_unit=LineUnit.RECORD.value,
                 has_nul=any("\x00" in c for r in rows for c in r.cells),
                 has_replacement=any("\ufffd" in c for r in rows for c in r.cells))
