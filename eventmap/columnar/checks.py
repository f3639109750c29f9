"""Validating the project's schema by columns: every rule of `eventmap.validation` as a column expression
that finds the rows that may have a problem; only those rows go through `RowValidator`, which words their
problems exactly as the row-by-row loader does (same messages, same order). A row no expression flags has
no problem: its typed values come from the column expressions.

The expressions are strict where the row validator is lenient: a date other than `yyyy-mm-dd`, a number
with Arabic-Indic digits or a decimal comma, a choice spelt in another case are read by the row validator
(so the file-level warning about day-first dates counts every numeric date).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from base.problems import Problem, Severity
from eventmap.columnar.frame import build_frame, frame_from_columns
from eventmap.schema import EVENT_TYPES, SOURCE_SEPARATOR, SUB_EVENT_TYPES
from eventmap.validation import (
    CHOICE_SPELLINGS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    FRAME_COLUMNS,
    INT_COLUMNS,
    RowValidator,
)

_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
_PLAIN_NUMBER = r"^[+-]?\d{1,15}(\.\d{1,17})?$"
_PLAIN_COUNT = r"^\d{1,18}$"
_LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_SUB_EVENT_INDEX = {sub: index for index, sub in enumerate(SUB_EVENT_TYPES)}
_EVENT_TYPE_NAMES = tuple(EVENT_TYPES)
# allowed[event type index, sub-event type index]
_ALLOWED_PAIRS = np.array([[sub in EVENT_TYPES[event] for sub in SUB_EVENT_TYPES] for event in _EVENT_TYPE_NAMES])


@dataclass(slots=True)
class ColumnChecks:
    """What validating a file's rows found: the valid rows as the events frame (in file order), the
    problems of valid rows (warnings), the rows set aside (line -> problems) and file-level problems."""

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    row_problems: dict[int, list[Problem]] = field(default_factory=dict)
    summary: list[Problem] = field(default_factory=list)
    rows_checked_one_by_one: int = 0


def _numpy(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False))


def _matches(column: pa.ChunkedArray, pattern: str) -> np.ndarray:
    return _numpy(pc.match_substring_regex(column, pattern))


def _given(column: pa.ChunkedArray, empty: np.ndarray) -> pa.ChunkedArray | pa.Array:
    """The column with its empty cells as nulls (for a cast)."""
    return pc.if_else(pa.array(empty), pa.scalar(None, column.type), column)


def _days(days: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return _numpy(days).astype("datetime64[D]")


def _dates(column: pa.ChunkedArray, empty: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(days as datetime64[D] with NaT where not read, rows that are not an empty or a valid ISO day)."""
    if empty.all():
        return np.full(len(empty), np.datetime64("NaT"), dtype="datetime64[D]"), np.zeros(len(empty), dtype=bool)
    try:  # the common file: every date is a valid yyyy-mm-dd
        days = _days(pc.cast(_given(column, empty), pa.date32()))
        if _matches(column, _ISO_DAY)[~empty].all():
            return days, np.zeros(len(empty), dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    iso = pc.if_else(pc.match_substring_regex(column, _ISO_DAY), column, pa.scalar(None, column.type))
    stamps = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    exact = pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), column)  # strptime rolls 2020-02-30 over
    days = _days(pc.cast(pc.if_else(exact, stamps, pa.scalar(None, stamps.type)), pa.date32()))
    return days, ~empty & np.isnat(days)


def _numbers(column: pa.ChunkedArray, empty: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    try:  # every number as Python's float() reads it (Arrow reads a subset of what float() reads, alike)
        values = np.asarray(_numpy(pc.cast(_given(column, empty), pa.float64())), dtype="float64")
        return values, ~empty & ~np.isfinite(values)
    except pa.ArrowInvalid:
        pass
    plain = pc.match_substring_regex(column, _PLAIN_NUMBER)
    values = _numpy(pc.cast(pc.if_else(plain, column, pa.scalar(None, column.type)), pa.float64()))
    values = np.asarray(values, dtype="float64")
    return values, ~empty & ~np.isfinite(values)


def _counts(column: pa.ChunkedArray, empty: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    try:  # the common file: whole numbers only
        numbers = pc.cast(_given(column, empty), pa.int64())
        values = _numpy(pc.fill_null(numbers, 0)).astype("int64")
        return (values, empty.copy()), values < 0
    except pa.ArrowInvalid:
        pass
    plain = pc.match_substring_regex(column, _PLAIN_COUNT)
    numbers = pc.cast(pc.if_else(plain, column, pa.scalar(None, column.type)), pa.int64())
    missing = _numpy(pc.is_null(numbers))
    values = _numpy(pc.fill_null(numbers, 0)).astype("int64")
    return (values, missing), ~empty & missing


def _choice(column: pa.ChunkedArray, choices: Mapping[str, str], empty: np.ndarray
            ) -> tuple[pa.ChunkedArray, np.ndarray, np.ndarray]:
    """(canonical spelling, index among `choices` or -1, rows that are not empty nor a choice)."""
    lowered = list(choices)
    index = pc.index_in(pc.utf8_lower(column), value_set=pa.array(lowered))
    canonical = pc.if_else(pc.is_null(index), column,
                           pc.take(pa.array(list(choices.values())), pc.fill_null(index, 0)))
    positions = _numpy(pc.fill_null(index, -1)).astype("int64")
    return canonical, positions, ~empty & (positions < 0)


def _suspect_rows(cells: Mapping[str, pa.ChunkedArray], *, required: frozenset[str],
                  region_bbox: tuple[float, float, float, float] | None) -> tuple[dict[str, object], np.ndarray]:
    """The typed columns, and the rows some rule may find a problem in."""
    length = len(cells["event_id"])
    suspect = np.zeros(length, dtype=bool)
    typed: dict[str, object] = {}
    empties: dict[str, np.ndarray] = {}
    positions: dict[str, np.ndarray] = {}
    for column in FRAME_COLUMNS:
        text = cells[column]
        empty = _numpy(pc.equal(text, ""))
        empties[column] = empty
        if column in required:
            suspect |= empty
        if column in DATE_COLUMNS:
            typed[column], bad = _dates(text, empty)
        elif column in FLOAT_COLUMNS:
            typed[column], bad = _numbers(text, empty)
        elif column in INT_COLUMNS:
            typed[column], bad = _counts(text, empty)
        elif column in CHOICE_SPELLINGS:
            typed[column], positions[column], bad = _choice(text, CHOICE_SPELLINGS[column], empty)
        elif column == "sub_event_type":
            typed[column], positions[column], bad = _choice(text, {s.lower(): s for s in _SUB_EVENT_INDEX}, empty)
        elif column == "sources":
            typed[column] = text
            bad = ~empty & _numpy(pc.equal(pc.utf8_trim_whitespace(
                pc.replace_substring(text, SOURCE_SEPARATOR, "")), ""))
        elif column == "language":
            typed[column] = text
            bad = ~empty & ~_matches(text, _LANGUAGE)
        else:
            typed[column], bad = text, None
        if bad is not None:
            suspect |= bad
    event, sub = positions["event_type"], positions["sub_event_type"]
    both = (event >= 0) & (sub >= 0)
    suspect[both] |= ~_ALLOWED_PAIRS[event[both], sub[both]]
    suspect |= _coordinate_suspects(typed, empties, region_bbox)
    suspect |= empties["description_ar"] != empties["description_ar_source"]  # one of the pair without the other
    date, report = np.asarray(typed["date"]), np.asarray(typed["report_date"])
    with np.errstate(invalid="ignore"):
        suspect |= ~np.isnat(date) & ~np.isnat(report) & (report < date)
    return typed, suspect


def _coordinate_suspects(typed: Mapping[str, object], empties: Mapping[str, np.ndarray],
                         region_bbox: tuple[float, float, float, float] | None) -> np.ndarray:
    lat, lon = np.asarray(typed["latitude"]), np.asarray(typed["longitude"])
    suspect = empties["latitude"] != empties["longitude"]
    with np.errstate(invalid="ignore"):
        suspect |= (np.abs(lat) > 90) | (np.abs(lon) > 180) | ((lat == 0) & (lon == 0))
        if region_bbox is not None:
            south, west, north, east = region_bbox
            inside = (south <= lat) & (lat <= north) & (west <= lon) & (lon <= east)
            swapped_inside = (south <= lon) & (lon <= north) & (west <= lat) & (lat <= east)
            suspect |= ~inside & swapped_inside
    return suspect


def _duplicates(ids: pa.ChunkedArray, lines: np.ndarray) -> tuple[np.ndarray, dict[str, int]]:
    """(rows whose event id an earlier row has, the first line of each id used more than once)."""
    series = pd.Series(ids, dtype="str")
    repeated = series.duplicated(keep=False).to_numpy() & (series != "").to_numpy()
    later = np.zeros(len(series), dtype=bool)
    if not repeated.any():
        return later, {}
    later[repeated] = series[repeated].duplicated(keep="first").to_numpy()
    repeated &= ~later
    first = dict(zip(series[repeated].tolist(), lines[repeated].tolist(), strict=True))
    return later, first


def check_columns(cells: Mapping[str, pa.ChunkedArray], lines: np.ndarray, *, file: str,
                  required: frozenset[str], region_bbox: tuple[float, float, float, float] | None = None,
                  date_orders: Mapping[str, int] | None = None, skip: np.ndarray | None = None) -> ColumnChecks:
    """Validate rows given as stripped string columns (one per column of the frame; "" where empty) with
    their lines. `required` are the columns a row cannot leave empty; `region_bbox`, when given, is where
    points are expected (for the swapped-coordinates warning); `date_orders` counts numeric dates the
    caller has already written as ISO dates (`RowValidator.date_orders`: the file-level warning counts them);
    `skip` marks rows set aside before the checks (an import's rows it cannot map): neither checked nor
    loaded, and their event ids are not seen."""
    typed, suspect = _suspect_rows(cells, required=required, region_bbox=region_bbox)
    ids = cells["event_id"] if skip is None else pc.if_else(pa.array(skip), "", cells["event_id"])
    later, first_lines = _duplicates(ids, lines)
    suspect |= later
    if skip is not None:
        suspect &= ~skip
    validator = RowValidator(file=file, region_bbox=region_bbox, required=required)
    validator.first_line_of_id.update(first_lines)
    for order, count in (date_orders or {}).items():
        validator.date_orders[order] += count
    checks = ColumnChecks(events=pd.DataFrame())
    slow = np.flatnonzero(suspect)
    records = {column: pc.take(cells[column], pa.array(slow)).to_pylist() for column in FRAME_COLUMNS}
    accepted: list[dict[str, object]] = []
    accepted_lines: list[int] = []
    for position, index in enumerate(slow.tolist()):
        line = int(lines[index])
        values, found = validator.check(line, {column: records[column][position] for column in FRAME_COLUMNS})
        if any(p.severity is Severity.ERROR for p in found):
            checks.row_problems[line] = found
            continue
        checks.problems.extend(found)
        accepted.append(values)
        accepted_lines.append(line)
    clean = ~suspect if skip is None else ~suspect & ~skip
    keep = pa.array(clean)
    columns = {column: (pc.filter(value, keep) if isinstance(value, pa.ChunkedArray | pa.Array)
                        else tuple(part[clean] for part in value) if isinstance(value, tuple)
                        else np.asarray(value)[clean])
               for column, value in typed.items()}
    events = frame_from_columns(columns, lines[clean])
    if accepted:
        events = pd.concat([events, build_frame(accepted, accepted_lines)], ignore_index=True)
        events = events.sort_values("source_line", kind="stable", ignore_index=True)
    checks.events = events
    checks.summary = validator.summary_problems()
    checks.rows_checked_one_by_one = len(slow)
    return checks
