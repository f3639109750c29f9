"""The field's exports (ACLED, UCDP GED, GDELT) mapped onto the project's schema by columns.

`map_export` maps every row of an export read by columns with the format's column expressions
(`acled`, `ucdp`, `gdelt` here); the few rows those leave to the row path (a code that is not one, text
Arrow's regular expressions read otherwise than Python) go through the importer's own `to_schema`, which
maps them or words their problems exactly as the row-by-row loader does. The project's columns of all the
mapped rows, in file order, are then checked by `eventmap.columnar.check_columns`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from base.problems import Problem
from base.reading import Record
from eventmap.columnar.csvfile import stripped
from eventmap.columnar.imports import acled, gdelt, ucdp
from eventmap.columnar.imports.cells import Column, empty, iso_dates, spliced, whole
from eventmap.imports import IMPORTERS
from eventmap.validation import FRAME_COLUMNS

Mapper = Callable[[Mapping[str, Column], int], tuple[dict[str, Column], np.ndarray]]
MAPPERS: dict[str, Mapper] = {"acled": acled.to_columns, "ucdp": ucdp.to_columns, "gdelt": gdelt.to_columns}


@dataclass(slots=True)
class MappedColumns:
    """The project's columns of every row (every column of the frame, in file order) with their lines; the
    rows set aside (`skip`: they cannot be mapped, their problems in `row_problems`, line -> problems); how
    many numeric dates were written as ISO dates, by how they read (for the validator's file-level
    warning); how many rows went through the importer's row function."""

    cells: dict[str, pa.ChunkedArray]
    lines: np.ndarray
    skip: np.ndarray  # the rows set aside (their problems in `row_problems`), left in the columns
    row_problems: dict[int, list[Problem]] = field(default_factory=dict)
    date_orders: dict[str, int] = field(default_factory=dict)
    rows_one_by_one: int = 0


class _Stripped(Mapping[str, Column]):
    """An export's columns by normalised name (a repeated name: the last column, as the row path), each
    stripped when first asked for: the columns no mapping reads are not copied."""

    def __init__(self, header: Sequence[str], columns: Sequence[Column]) -> None:
        self.raw = dict(zip(header, columns, strict=True))
        self._stripped: dict[str, Column] = {}

    def __getitem__(self, name: str) -> Column:
        if name not in self._stripped:
            self._stripped[name] = stripped(whole(self.raw[name]))
        return self._stripped[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def _one_by_one(fmt: str, named: _Stripped, lines: np.ndarray, rows: np.ndarray, *,
                file: str) -> tuple[list[Record], list[Problem]]:
    """The importer's row function applied to `rows` (positions), as the row path applies it (cells
    stripped by Python)."""
    positions = pa.array(rows)
    texts = {name: [cell.strip() for cell in column.take(positions).to_pylist()]
             for name, column in named.raw.items()}
    records = [Record(int(lines[index]), {name: texts[name][k] for name in named})
               for k, index in enumerate(rows.tolist())]
    mapped, problems = IMPORTERS[fmt].to_schema(records, file=file)
    return mapped, problems


def map_export(fmt: str, header: Sequence[str], columns: Sequence[Column], lines: np.ndarray, *,
               file: str) -> MappedColumns:
    """The rows of an export in `fmt` (a key of `MAPPERS`), given as its normalised header, its text
    columns as read and each row's line, as the project's text columns."""
    named = _Stripped(header, columns)
    mapped, one_by_one = MAPPERS[fmt](named, len(lines))
    result = MappedColumns(cells={}, lines=lines, skip=one_by_one, rows_one_by_one=int(one_by_one.sum()))
    slow = np.flatnonzero(one_by_one)
    records, problems = _one_by_one(fmt, named, lines, slow, file=file) if slow.size else ([], [])
    for problem in problems:
        result.row_problems.setdefault(problem.line or 0, []).append(problem)
    cells = {column: whole(mapped.pop(column)) for column in list(mapped)}
    result.skip = one_by_one.copy()  # set aside: the rows the row function refused
    if records:  # the row function's records take their rows' places
        position = dict(zip(lines[slow].tolist(), slow.tolist(), strict=True))
        rows = np.zeros(len(lines), dtype=bool)
        rows[[position[record.line] for record in records]] = True
        cells = {column: spliced(values, rows, [r.values[column] for r in records]) for column, values in cells.items()}
        result.skip &= ~rows
    cells["date"], result.date_orders = iso_dates(cells["date"], counted=~result.skip)
    blank = empty(len(result.lines))  # one array for every column the format has not
    result.cells = {column: pa.chunked_array([cells.get(column, blank)]) for column in FRAME_COLUMNS}
    return result


__all__ = ["MAPPERS", "MappedColumns", "map_export"]
