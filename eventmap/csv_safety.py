"""Writing event CSVs that spreadsheets cannot run: formula neutralisation for every text cell.

A spreadsheet treats a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
(CSV injection). `neutralise_cell` prefixes such text with `'`; numbers written by the app (coordinates,
fatalities) are not touched, so `-12.5` stays a number. `format_events_csv` and `write_events_csv` write
an events frame (or records) with these rules; `write_events_csv` goes through `write_atomic`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from eventmap.atomic import write_atomic
from eventmap.schema import COLUMN_NAMES, GEO_RESULT_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns whose values the app writes as numbers: never prefixed.
NUMERIC_COLUMNS = frozenset({"latitude", "longitude", "fatalities", "injured", "geo_confidence", "source_line"})


def neutralise_cell(text: str) -> str:
    """`text`, prefixed with `'` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def is_number(text: str) -> bool:
    """Whether a cell is a plain number (left as it is in numeric columns: `-12.5` is no formula)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _format_value(value: object) -> str:
    """A frame value as CSV text: ISO dates, whole numbers without `.0`, empty for missing values."""
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value) if not value.is_integer() or abs(value) >= 1e16 else str(int(value))
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        midnight = value.time() == dt.time() and getattr(value, "nanosecond", 0) == 0
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _columns_of(rows: Sequence[Mapping[str, object]], available: Iterable[str]) -> list[str]:
    """The schema's columns, plus the geocoding columns when any of them holds anything."""
    available = set(available)
    geocoded = any(_format_value(r.get(c)) for c in GEO_RESULT_COLUMNS if c in available for r in rows)
    return [*COLUMN_NAMES, *(GEO_RESULT_COLUMNS if geocoded else ())]


def format_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], *,
                      columns: Sequence[str] | None = None) -> str:
    """Events as CSV text (comma, `\\r\\n` lines, quoted as needed), text cells neutralised.

    `events` is an events frame or records (column -> value); `columns` defaults to every schema column,
    plus `geo_source`, `matched_name`, `geo_confidence`, `geo_status` when any row has any of them.
    """
    if isinstance(events, pd.DataFrame):
        rows: Sequence[Mapping[str, object]] = events.to_dict("records")  # type: ignore[assignment]
        available: Iterable[str] = events.columns
    else:
        rows = list(events)
        available = {key for row in rows for key in row}
    names = list(columns) if columns is not None else _columns_of(rows, available)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    numeric = [name in NUMERIC_COLUMNS for name in names]
    for row in rows:
        writer.writerow([
            text if numeric_column and is_number(text) else neutralise_cell(text)
            for text, numeric_column in zip((_format_value(row.get(name)) for name in names), numeric, strict=True)
        ])
    return buffer.getvalue()


def write_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], path: Path | str, *,
                     columns: Sequence[str] | None = None, excel_bom: bool = False) -> Path:
    """Write `events` to `path` as UTF-8 CSV in one atomic step (see `format_events_csv`).

    `excel_bom` adds a byte-order mark so that Excel shows Arabic text correctly when the file is opened
    by double-click; the project's loader reads either.
    """
    text = format_events_csv(events, columns=columns)
    return write_atomic(path, ("\ufeff" if excel_bom else "") + text)
