"""The events frame (the loader's contract: every column of the schema with its dtype, and `source_line`)
from typed rows or from typed columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa

from eventmap.validation import DATE_COLUMNS, FLOAT_COLUMNS, FRAME_COLUMNS, INT_COLUMNS


def build_frame(rows: Sequence[dict[str, object]], lines: Sequence[int]) -> pd.DataFrame:
    """The events frame from typed rows (see `RowValidator.check`), with the contract's dtypes."""
    columns: dict[str, object] = {}
    for column in FRAME_COLUMNS:
        values = [row[column] for row in rows]
        if column in DATE_COLUMNS:
            columns[column] = pd.Series(
                np.array([np.datetime64(cast(date, v), "D") if v is not None else np.datetime64("NaT") for v in values],
                         dtype="datetime64[D]").astype("datetime64[ns]"))
        elif column in FLOAT_COLUMNS:
            columns[column] = pd.Series(np.array(values, dtype="float64"))
        elif column in INT_COLUMNS:
            columns[column] = pd.Series(values, dtype="Int64")
        else:
            columns[column] = pd.Series(values, dtype="str")
    columns["source_line"] = pd.Series(np.array(lines, dtype="int64"))
    return pd.DataFrame(columns)


def frame_from_columns(columns: Mapping[str, object], lines: np.ndarray) -> pd.DataFrame:
    """The events frame from typed columns of equal length: dates as `datetime64[D]` arrays, numbers as
    float arrays, counts as `(values, missing)` pairs of arrays, text as Arrow string arrays."""
    series: dict[str, pd.Series] = {}
    for column in FRAME_COLUMNS:
        value = columns[column]
        if column in DATE_COLUMNS:
            series[column] = pd.Series(np.asarray(value, dtype="datetime64[D]").astype("datetime64[ns]"))
        elif column in FLOAT_COLUMNS:
            series[column] = pd.Series(np.asarray(value, dtype="float64"))
        elif column in INT_COLUMNS:
            numbers, missing = cast(tuple[np.ndarray, np.ndarray], value)
            series[column] = pd.Series(pd.arrays.IntegerArray(numbers.astype("int64"), missing.astype(bool)))
        else:
            series[column] = pd.Series(cast(pa.ChunkedArray, value), dtype="str")
    series["source_line"] = pd.Series(np.asarray(lines, dtype="int64"))
    return pd.DataFrame(series)
