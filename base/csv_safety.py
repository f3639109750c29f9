"""Writing CSVs that spreadsheets cannot run: formula neutralisation for every text cell.

A spreadsheet treats a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
(CSV injection). `neutralise_cell` prefixes such text with `'`; numbers written by the app (coordinates,
fatalities) are not touched, so `-12.5` stays a number. `format_events_csv` and `write_events_csv` write
a frame (or records) with these rules in the columns given; `write_events_csv` goes through `write_atomic`.
Which columns an events file has by default is the events core's business (`eventmap.events_csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from base.atomic import write_atomic

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


def format_value(value: object) -> str:
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


def records(events: pd.DataFrame | Iterable[Mapping[str, object]]) -> tuple[list[Mapping[str, object]], set[str]]:
    """The rows of a frame (or records) as mappings, and every column name they have."""
    if isinstance(events, pd.DataFrame):
        # to_dict types its keys Hashable: the columns of the frames written here are text
        return events.to_dict("records"), set(events.columns)  # type: ignore[return-value]
    rows = list(events)
    return rows, {key for row in rows for key in row}


def format_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], *, columns: Sequence[str]) -> str:
    """`events` as CSV text in `columns` (comma, `\\r\\n` lines, quoted as needed), text cells neutralised.

    `events` is a frame or records (column -> value); numbers in `NUMERIC_COLUMNS` are left as they are.
    """
    rows, _ = records(events)
    names = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    numeric = [name in NUMERIC_COLUMNS for name in names]
    for row in rows:
        writer.writerow([
            text if numeric_column and is_number(text) else neutralise_cell(text)
            for text, numeric_column in zip((format_value(row.get(name)) for name in names), numeric, strict=True)
        ])
    return buffer.getvalue()


def write_events_csv(events: pd.DataFrame | Iterable[Mapping[str, object]], path: Path | str, *,
                     columns: Sequence[str], excel_bom: bool = False) -> Path:
    """Write `events` to `path` as UTF-8 CSV in one atomic step (see `format_events_csv`).

    `excel_bom` adds a byte-order mark so that Excel shows Arabic text correctly when the file is opened
    by double-click; the project's loader reads either.
    """
    text = format_events_csv(events, columns=columns)
    return write_atomic(path, ("\ufeff" if excel_bom else "") + text)
