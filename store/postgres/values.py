"""An event's values between their three forms: text (a revision, a form, a CSV row), typed (what
`RowValidator.check` gives, a row of the events frame) and a row of the `events` table.

`check_values` validates text values with the file loader's `RowValidator`, so an edit gets the same
messages as a file; `locate` fills the point of rows that have none with a geocoder, as a loaded file's
rows get it (`geo.geocode_frame`): a name the geocoder is unsure of stays without a point, its
`geo_status` saying why.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from geoalchemy2 import WKTElement

from base.problems import Problem
from eventmap.columnar.frame import build_frame
from eventmap.validation import DATE_COLUMNS, FLOAT_COLUMNS, FRAME_COLUMNS, INT_COLUMNS, RowValidator
from geo.geocoders.base import Geocoder

GEOCODED_BY_STORE = frozenset({"", "data"})  # geo_source of a point that came with the values


def text_of(value: object) -> str:
    """One typed value as the text a CSV cell would hold ("" for a missing one)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return text_of(value.item())
    return str(value)


def text_values(typed: Mapping[str, object]) -> dict[str, str]:
    """Every column of the events frame as text."""
    return {column: text_of(typed.get(column)) for column in FRAME_COLUMNS}


def typed_value(column: str, value: object) -> object:
    """A value from a frame record as `RowValidator` types it (dates as `date`, None/NaN when missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return math.nan if column in FLOAT_COLUMNS else None if column in DATE_COLUMNS | INT_COLUMNS else ""
    if column in DATE_COLUMNS and isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if column in INT_COLUMNS:
        return int(value)  # type: ignore[call-overload]
    if column in FLOAT_COLUMNS:
        return float(value)  # type: ignore[arg-type]
    return value


def check_values(values: Mapping[str, str], *, file: str, line: int = 1,
                 validator: RowValidator | None = None) -> tuple[dict[str, object], list[Problem]]:
    """The typed values of one event given as text, and their problems (as a file's row would have them).

    Columns that are not the events frame's are problems too (nothing is dropped silently)."""
    validator = validator or RowValidator(file=file)
    record = {column: str(values.get(column, "") or "").strip() for column in FRAME_COLUMNS}
    typed, problems = validator.check(line, record)
    for column in values:
        if column not in record:
            problems.append(Problem(file, line, column, "not a column of the events schema", str(values[column])))
    return typed, problems


def locate(rows: Sequence[dict[str, object]], *, geocoder: Geocoder) -> list[dict[str, object]]:
    """`rows` (typed) with the points of those without coordinates geocoded, and those with coordinates marked
    `geo_source` "data", `geo_status` "resolved", as a loaded file's rows."""
    import geo

    if not rows:
        return []
    frame = build_frame(list(rows), list(range(len(rows))))
    geo.geocode_frame(frame, geocoder=geocoder)
    return frame_rows(frame)


def frame_rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of an events frame, typed as `RowValidator.check` gives them."""
    records = frame.to_dict("records")
    return [{column: typed_value(column, record.get(column)) for column in FRAME_COLUMNS} for record in records]


def drop_stale_point(values: dict[str, str], base: Mapping[str, str] | None) -> dict[str, str]:
    """Values whose geocoded point is cleared when the place it was found for changed (so it is found again);
    a point typed in by a person (`geo_source` empty or "data") is kept."""
    if base is None or values.get("geo_source", "") in GEOCODED_BY_STORE:
        return values
    if all(values.get(c, "") == base.get(c, "") for c in ("location", "country", "admin1")):
        return values
    cleared = {c: "" for c in ("latitude", "longitude", "geo_source", "matched_name", "geo_confidence", "geo_status")}
    return {**values, **cleared}


def event_row(typed: Mapping[str, object], *, revision: int, retracted: bool = False) -> dict[str, Any]:
    """A row of the `events` table from typed values."""
    row: dict[str, Any] = {}
    for column in FRAME_COLUMNS:
        value = typed.get(column)
        if column in FLOAT_COLUMNS:
            row[column] = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
        elif column in DATE_COLUMNS | INT_COLUMNS:
            row[column] = value
        else:
            row[column] = "" if value is None else str(value)
    lat, lon = row["latitude"], row["longitude"]
    row["geom"] = None if lat is None or lon is None else WKTElement(f"POINT({lon!r} {lat!r})", srid=4326)
    row["revision"] = revision
    row["retracted"] = retracted
    return row
