"""Column expressions the importers share: an export's text columns (stripped, "" where empty) turned into
the project's text columns without a Python loop per row.

What a Python function of the row path decides from a cell with few distinct values (an actor's side, an
old event type, a date) is asked once per distinct value (`by_value`), so the answer is the row path's own.
Regular expressions run in Arrow (RE2), which reads `\\b`, `\\d` and case in ASCII only: a row whose text
is not ASCII is one the importer maps with its row function (`not_ascii`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventmap.dates import DateFormatError, numeric_date_order, parse_date
from eventmap.schema import SOURCE_SEPARATOR

TEXT = pa.large_string()
Column: TypeAlias = pa.ChunkedArray | pa.Array


def text(value: str) -> pa.Scalar:
    return pa.scalar(value, TEXT)


def numpy(array: Column) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False))


def whole(column: Column) -> pa.Array:
    """One array of large strings (a chunked column combined)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return array.cast(TEXT) if array.type != TEXT else array


def empty(length: int) -> pa.Array:
    return pa.repeat(text(""), length)


def cells(named: Mapping[str, Column], name: str, length: int) -> pa.Array:
    """The column `name` of the export, or "" in every row when the file has no such column (as
    `values.get(name, "")`)."""
    return whole(named[name]) if name in named else empty(length)


def is_empty(column: Column) -> np.ndarray:
    """Rows whose cell is "" (or null: see `nullable`)."""
    return numpy(pc.fill_null(pc.equal(column, ""), True))


def nullable(column: Column) -> pa.Array:
    """The column with its empty cells as nulls, sharing its text (no copy)."""
    array = whole(column)
    filled = np.zeros(array.offset + len(array), dtype=bool)
    filled[array.offset:] = ~is_empty(array)
    validity = pa.py_buffer(np.packbits(filled, bitorder="little"))
    buffers = array.buffers()
    return pa.Array.from_buffers(TEXT, len(array), [validity, buffers[1], buffers[2]], offset=array.offset)


def not_ascii(column: Column) -> np.ndarray:
    return ~numpy(pc.string_is_ascii(column))


def matches(column: Column, pattern: str, *, ignore_case: bool = False) -> np.ndarray:
    return numpy(pc.match_substring_regex(column, pattern, ignore_case=ignore_case))


def without_suffix(column: Column, suffix: str = ".0") -> pa.Array:
    """`str.removesuffix` of every cell."""
    ends = pc.ends_with(column, suffix)
    return whole(pc.if_else(ends, pc.utf8_slice_codeunits(column, 0, -len(suffix)), column))


def first_filled(*columns: Column) -> pa.Array:
    """The first non-empty of the columns in each row (`a or b or c`)."""
    result = columns[-1]
    for column in reversed(columns[:-1]):
        result = pc.if_else(pc.equal(column, ""), result, column)
    return whole(result)


def where(mask: np.ndarray, yes: Column | pa.Scalar, no: Column | pa.Scalar) -> pa.Array:
    return whole(pc.if_else(pa.array(mask), yes, no))


def spliced(column: Column, rows: np.ndarray, values: Sequence[str]) -> pa.Array:
    """The column with the cells of `rows` (a mask) replaced by `values`, in order."""
    return whole(pc.replace_with_mask(whole(column), pa.array(rows), pa.array(list(values), TEXT)))


def choose(mask: np.ndarray, yes: str, no: str) -> pa.Array:
    """`yes` where `mask`, else `no` (fixed texts: a take, not a comparison per row)."""
    return whole(pa.array([no, yes], TEXT).take(pa.array(mask.astype(np.int8))))


def concat(*parts: Column | str) -> pa.Array:
    """The parts (columns or fixed text; a null as "") written one after the other in each row."""
    values = [text(p) if isinstance(p, str) else p for p in parts]
    return whole(pc.binary_join_element_wise(*values, text(""), null_handling="replace", null_replacement=""))


def join_filled(parts: Sequence[Column], separator: str) -> pa.Array:
    """`separator.join(p for p in parts if p)` in each row, in one pass over the text."""
    filled = [nullable(p) for p in parts]
    if np.logical_or.reduce([numpy(p.is_valid()) for p in filled]).all():
        return whole(pc.binary_join_element_wise(*filled, text(separator), null_handling="skip"))
    # Arrow's join that skips nulls drops a row whose parts are all null: a first part that is never null
    # (NUL: the columnar readers send text with NUL to the rows) keeps every row, and is cut off after.
    start = pa.repeat(text("\x00"), len(parts[0]))
    joined = pc.binary_join_element_wise(start, *filled, text(separator), null_handling="skip")
    return whole(pc.replace_substring_regex(joined, f"^\\x00(?:{re.escape(separator)})?", ""))


def labelled(column: Column, label: str) -> pa.Array:
    """`f"{label}{cell}"` where the cell is filled, null where it is empty (empty for `concat` and
    `join_filled`)."""
    return whole(pc.binary_join_element_wise(text(label), nullable(column), text("")))


def by_value(column: Column, function: Callable[[str], str]) -> pa.Array:
    """`function` of every cell, asked once per distinct value."""
    return by_values(column, function)[0]


def by_values(column: Column, *functions: Callable[[str], str]) -> list[pa.Array]:
    """Each of `functions` of every cell, asked once per distinct value."""
    encoded = pc.dictionary_encode(whole(column))
    distinct = encoded.dictionary.to_pylist()
    return [whole(pa.array([function(value) for value in distinct], TEXT).take(encoded.indices))
            for function in functions]


def codes(column: Column, table: Mapping[str, str]) -> tuple[pa.Array, np.ndarray]:
    """(the table's value of each cell, rows whose cell is not a key of the table)."""
    index = pc.index_in(column, value_set=pa.array(list(table), TEXT))
    missing = numpy(pc.is_null(index))
    values = pa.array(list(table.values()), TEXT).take(pc.fill_null(index, 0))
    return whole(values), missing


def sources(column: Column) -> tuple[pa.Array, np.ndarray]:
    """(`"; ".join(split_sources(cell))`, `len(split_sources(cell))`) of every cell."""
    array = whole(column)
    if not pc.any(pc.match_substring(array, SOURCE_SEPARATOR)).as_py():
        return array, (~is_empty(array)).astype(np.int64)  # stripped cells without a separator: one source
    parts = pc.split_pattern(array, SOURCE_SEPARATOR)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    keep = numpy(pc.not_equal(flat, ""))
    parents = numpy(pc.list_parent_indices(parts))[keep]
    counts = np.bincount(parents, minlength=len(array)).astype(np.int64)
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int64())
    lists = pa.LargeListArray.from_arrays(offsets, flat.filter(pa.array(keep)))
    return whole(pc.binary_join(lists, text("; "))), counts


def iso_dates(column: Column, *, counted: np.ndarray) -> tuple[pa.Array, dict[str, int]]:
    """Each date the row validator reads as a date, written `yyyy-mm-dd` (asked once per distinct value);
    a date it cannot read stays as written, for the validator to say why. Also how many numeric dates
    (`05/10/2020`) of the `counted` rows were rewritten, by how they can be read: the validator's
    file-level warning counts them."""
    encoded = pc.dictionary_encode(whole(column))
    distinct = encoded.dictionary.to_pylist()
    answers: list[str] = []
    orders: list[str | None] = []
    for value in distinct:
        try:
            answers.append(parse_date(value).isoformat() if value else value)
        except DateFormatError:
            answers.append(value)
            orders.append(None)
            continue
        orders.append(numeric_date_order(value))
    per_value = np.bincount(numpy(encoded.indices)[counted], minlength=len(distinct))
    by_order: dict[str, int] = {}
    for order, count in zip(orders, per_value.tolist(), strict=True):
        if order is not None:
            by_order[order] = by_order.get(order, 0) + count
    return whole(pa.array(answers, TEXT).take(encoded.indices)), by_order
