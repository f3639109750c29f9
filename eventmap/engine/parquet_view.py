"""The events of a Parquet file that a `Filters` value keeps, through DuckDB, without loading the file.

`filter_parquet(path, filters, bbox=..., columns=...)` answers the same rows as
`eventmap.filtering.apply_filters` on the whole frame would (in file order), but DuckDB reads only the
columns asked for and skips row groups whose statistics rule them out, so a file of ten million events
gives a view of a hundred thousand in about a second, with memory for the view only. Every value from the
user is a query parameter, never SQL text. Text search lower-cases with DuckDB's `lower` (Unicode
lower case), where the frame filter case-folds (`ß` matches `ss` there, not here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from duckdb import ColumnExpression as Column
from duckdb import ConstantExpression as Constant
from duckdb import FunctionExpression as Function

from eventmap.filtering import CHOICE_FIELDS, TEXT_SEARCH_COLUMNS, Filters, SourceFilter
from eventmap.schema import SOURCE_SEPARATOR

ROW_NUMBER = "file_row_number"  # DuckDB's name for a row's place in its Parquet file (from 0)
_WORD_SEPARATOR = "\u241f"  # as the frame filter's search text: a word never spans two columns


@dataclass(frozen=True, slots=True)
class ParquetView:
    """A filtered view of a Parquet file: its rows, and how many rows the file has."""

    events: pd.DataFrame
    total_rows: int


def _where(filters: Filters, bbox: tuple[float, float, float, float] | None, available: set[str], *,
           countries: Sequence[str] = ()) -> list[duckdb.Expression]:
    """The conditions, as DuckDB expressions: every value a constant, never SQL text."""
    conditions: list[duckdb.Expression] = []
    def one_of(column: str, wanted: Sequence[str]) -> duckdb.Expression:
        # A column the file lacks holds none of the values wanted: nothing is kept (never every row).
        if column not in available:
            return Constant(False)
        return Column(column).isin(*(Constant(value) for value in wanted))

    if countries:
        conditions.append(one_of("country", countries))
    if filters.date_from is not None:
        conditions.append(Column("date") >= Constant(filters.date_from))
    if filters.date_to is not None:
        conditions.append(Column("date") <= Constant(filters.date_to))
    for field_name, column in CHOICE_FIELDS.items():
        wanted = getattr(filters, field_name)
        if wanted:
            conditions.append(one_of(column, wanted))
    if filters.min_fatalities > 0:
        conditions.append(Function("ifnull", Column("fatalities"), Constant(0)) >= Constant(filters.min_fatalities))
    words = filters.text.strip().lower().split()
    if words:
        columns = [Column(c) for c in TEXT_SEARCH_COLUMNS if c in available]
        haystack = Function("lower", Function("concat_ws", Constant(_WORD_SEPARATOR), *columns))
        conditions.extend(Function("contains", haystack, Constant(word)) for word in words)
    if filters.sources is not SourceFilter.ANY:
        text = Function("replace", Function("ifnull", Column("sources"), Constant("")), Constant(SOURCE_SEPARATOR),
                        Constant(""))
        given = Function("trim", text) != Constant("")
        conditions.append(given if filters.sources is SourceFilter.WITH else ~given)
    if bbox is not None:
        south, west, north, east = bbox
        conditions.extend([Column("latitude") >= Constant(south), Column("latitude") <= Constant(north),
                           Column("longitude") >= Constant(west), Column("longitude") <= Constant(east)])
    return conditions


def _connect(threads: int | None) -> duckdb.DuckDBPyConnection:
    config: dict[str, str | bool | int | float | list[str]] = {"threads": threads} if threads is not None else {}
    return duckdb.connect(":memory:", config=config)


def filter_parquet(path: Path, filters: Filters, *, bbox: tuple[float, float, float, float] | None = None,
                   columns: Sequence[str] | None = None, countries: Sequence[str] = (),
                   row_numbers: bool = False, threads: int | None = None) -> ParquetView:
    """The rows of the Parquet file at `path` that `filters` keep (and, with `bbox` (south, west, north,
    east), whose point lies in it; with `countries`, whose `country` is one of them), in file order, with
    `columns` only (default: all). With `row_numbers`, a last column `file_row_number` holds each row's place
    in the file (from 0). `threads` caps DuckDB's threads (default: DuckDB's choice, one per core).
    Raises `KeyError` for a column the file does not have."""
    connection = _connect(threads)
    try:
        relation = connection.read_parquet(str(path))
        available = set(relation.columns)
        wanted = list(columns) if columns is not None else list(relation.columns)
        if missing := [c for c in wanted if c not in available]:
            raise KeyError(f"{path.name}: no column {', '.join(missing)}")
        if row_numbers:
            relation = connection.read_parquet(str(path), file_row_number=True)
            wanted.append(ROW_NUMBER)
        total = relation.aggregate("count(*)").fetchall()[0][0]
        view = relation
        for condition in _where(filters, bbox, available, countries=countries):
            view = view.filter(condition)
        events = view.project(*(Column(c) for c in wanted)).df()
    finally:
        connection.close()
    return ParquetView(events=events, total_rows=int(total))


def count_parquet(path: Path, filters: Filters, *, bbox: tuple[float, float, float, float] | None = None,
                  countries: Sequence[str] = (), threads: int | None = None) -> int:
    """How many rows `filter_parquet` with the same arguments would give, without reading them."""
    connection = _connect(threads)
    try:
        view = connection.read_parquet(str(path))
        available = set(view.columns)
        for condition in _where(filters, bbox, available, countries=countries):
            view = view.filter(condition)
        return int(view.aggregate("count(*)").fetchall()[0][0])
    finally:
        connection.close()
